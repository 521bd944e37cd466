import type { Icon } from '../components/icons';
import {
  IconDashboard,
  IconMembers,
  IconOrders,
  IconPayouts,
  IconPeriods,
  IconProducts,
  IconReports,
  IconSettings,
} from '../components/icons';
import { IconPlan } from '../features/plan/PlanIcon';

/**
 * The navigation, in order; position n has the shortcut Alt+n. `id` is the URL segment
 * (`#/members`) and the key of the label `common:nav.<id>`. Screens are bound in routes.tsx.
 */
export const NAV = [
  { id: 'dashboard', icon: IconDashboard },
  { id: 'members', icon: IconMembers },
  { id: 'products', icon: IconProducts },
  { id: 'orders', icon: IconOrders },
  { id: 'periods', icon: IconPeriods },
  { id: 'payouts', icon: IconPayouts },
  { id: 'reports', icon: IconReports },
  { id: 'settings', icon: IconSettings },
  { id: 'plan', icon: IconPlan },
] as const satisfies readonly { id: string; icon: Icon }[];

export type NavId = (typeof NAV)[number]['id'];
