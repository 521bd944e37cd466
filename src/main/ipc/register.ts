import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE } from '../../shared/ipc/bridge';
import { isChannel } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import type { Ctx } from './context';
import { dispatch } from './dispatch';

/**
 * The ONLY importer of ipcMain. One generic invoke channel: the sender frame must be our own
 * top frame, then everything goes through dispatch() (channel known, role, schema).
 */
export function registerIpc(
  makeCtx: () => Ctx,
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
      return dispatch(channel, input, makeCtx());
    },
  );
}
