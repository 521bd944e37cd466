import type { JenjangApi } from '../shared/ipc/bridge';

declare global {
  interface Window {
    api: JenjangApi;
  }
}
export {};
