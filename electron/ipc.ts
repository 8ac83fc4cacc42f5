/** The IPC transport: one channel that carries the API contract, accepted only from the app's own page. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';
import type { Backend } from '../core/api/backend';

export function registerIpc(backend: Backend, rendererIndex: string): void {
  const own = pathToFileURL(rendererIndex).href;
  const trusted = (e: IpcMainInvokeEvent) => (e.senderFrame?.url ?? '').split('#')[0] === own;
  ipcMain.handle('uia:call', (e, name: unknown, input: unknown) => {
    if (!trusted(e)) return { ok: false, error: { code: 'invalid_input', message: 'untrusted sender' } };
    if (typeof name !== 'string') return { ok: false, error: { code: 'invalid_input', message: 'operation name must be a string', field: 'name' } };
    return backend.call(name, input);
  });
}
