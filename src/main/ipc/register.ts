import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE } from '../../shared/ipc/bridge';
import { isChannel } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import type { AnyCtx } from './context';
import { dispatch } from './dispatch';

/**
 * The ONLY importer of ipcMain. One generic invoke channel: the sender frame must be our own
 * top frame (security.ts isTrustedSender), then everything goes through dispatch() (channel
 * known, session/role, schema). makeCtx reads the session held in main at each call.
 */
export function registerIpc(
  makeCtx: () => AnyCtx,
  isTrustedSender: (e: IpcMainInvokeEvent) => boolean,
): void {
  ipcMain.handle(
    IPC_INVOKE,
    async (e, channel: unknown, input: unknown): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(e)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'untrusted sender' } };
      }
      if (!isChannel(channel)) {
        return { ok: false, error: { code: 'VALIDATION', message: 'unknown channel' } };
      }
      let ctx: AnyCtx;
      try {
        ctx = makeCtx();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return { ok: false, error: { code: 'INTERNAL', message } };
      }
      return dispatch(channel, input, ctx);
    },
  );
}
