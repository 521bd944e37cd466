/**
 * Spec-level steps on top of harness.ts: the per-file lifecycle (a seeded bridge, the app of each
 * test closed after it, the browser closed at the end), calls to the server as the bridge's user,
 * acting as another role, and seeding beyond the demo data.
 *
 *   const spec = useSharedBridge({ seedDemo: { members: 2000 } });
 *   it('…', async () => {
 *     const { page } = await spec.open('members');
 *     const rows = await spec.server('members:list', { limit: 3 });
 *   });
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import type { InputOf, OutputOf } from '../../src/shared/ipc/channel';
import type { Channel, Contract } from '../../src/shared/ipc/contract';
import type { Role } from '../../src/shared/roles';
import type { BridgeOptions } from './bridge';
import {
  closeBrowser,
  openApp,
  startBridge,
  type App,
  type Bridge,
  type OpenOptions,
} from './harness';

/** The user every bridge starts as (see bridge.ts). */
const LOCAL_ADMIN = { username: 'admin', role: 'admin' } as const;

/** Call `channel` on the bridge's database as its current user; throws if refused. */
export async function serverCall<C extends Channel>(
  bridge: Bridge,
  channel: C,
  input: InputOf<Contract[C]>,
): Promise<OutputOf<Contract[C]>> {
  const r = await dispatch(channel, input, bridge.ctx);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

/** Commit the close of every demo period, oldest first; returns their periods. */
export async function commitAllPeriods(bridge: Bridge): Promise<string[]> {
  const periods = (await serverCall(bridge, 'periods:list', {})).map((p) => p.period);
  for (const period of periods) await serverCall(bridge, 'close:commit', { period });
  return periods;
}

export interface SharedBridge {
  /** The running bridge (available from the first test on). */
  readonly bridge: Bridge;
  /** The app the running test opened last. */
  readonly app: App;
  /** Open the app on this bridge at `#/<path>` (default the dashboard); closed after the test. */
  open: (path?: string, opts?: Omit<OpenOptions, 'bridge' | 'path'>) => Promise<App>;
  /** `serverCall` on this bridge. */
  server: <C extends Channel>(
    channel: C,
    input: InputOf<Contract[C]>,
  ) => Promise<OutputOf<Contract[C]>>;
  /** Make the app's calls run as this user until the test ends (then the local admin again). */
  actAs: (username: string, role: Role) => void;
}

/** One seeded bridge (then `setup`) for a file or describe; each test's app closed after it. */
export function useSharedBridge(
  options: BridgeOptions,
  setup?: (bridge: Bridge) => Promise<void>,
): SharedBridge {
  let bridge: Bridge | undefined;
  let app: App | undefined;
  beforeAll(async () => {
    bridge = await startBridge(options);
    await setup?.(bridge);
  });
  afterEach(async () => {
    const a = app;
    app = undefined;
    if (bridge) bridge.ctx.user = { ...LOCAL_ADMIN };
    await a?.close();
  });
  afterAll(async () => {
    await closeBrowser();
    await bridge?.close();
  });
  const shared: SharedBridge = {
    get bridge() {
      if (!bridge) throw new Error('the bridge starts in beforeAll: use it inside a test');
      return bridge;
    },
    get app() {
      if (!app) throw new Error('no app open: call open() first');
      return app;
    },
    open: async (path, opts) => {
      app = await openApp({ ...opts, bridge: shared.bridge, path });
      return app;
    },
    server: (channel, input) => serverCall(shared.bridge, channel, input),
    actAs: (username, role) => {
      shared.bridge.ctx.user = { username, role };
    },
  };
  return shared;
}
