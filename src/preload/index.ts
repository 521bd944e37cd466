import { contextBridge, ipcRenderer } from 'electron';
import { IPC_INVOKE, type JenjangApi } from '../shared/ipc/bridge';

// The renderer gets one generic, typed invoke and nothing else: no ipcRenderer, no Node.
const api: JenjangApi = {
  invoke: (channel, input) => ipcRenderer.invoke(IPC_INVOKE, channel, input),
};
contextBridge.exposeInMainWorld('api', api);
