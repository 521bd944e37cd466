import type { Channel, Contract } from './contract';
import type { InputOf, OutputOf } from './channel';
import type { IpcResult } from './result';

/** The single Electron IPC channel name; the app channel travels as its first argument. */
export const IPC_INVOKE = 'jenjang:invoke';

/** What the preload (or the test bridge shim) puts on `window.api`. */
export interface JenjangApi {
  invoke<C extends Channel>(
    channel: C,
    input: InputOf<Contract[C]>,
  ): Promise<IpcResult<OutputOf<Contract[C]>>>;
}
