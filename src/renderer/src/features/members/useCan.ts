import { can } from '../../../../shared/ipc/access';
import type { Channel } from '../../../../shared/ipc/contract';
import { useQuery } from '../../lib/api';

/**
 * May the signed-in user call these channels? Read from the same role table main enforces, to
 * hide what the role cannot do (main refuses regardless). False while the session loads.
 */
export function useCan(): (channel: Channel) => boolean {
  const status = useQuery('auth:status', {});
  const role = status.data?.user?.role;
  return (channel) => can(role, channel);
}
