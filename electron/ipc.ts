/** The IPC transport: the API contract and the PDF export, accepted only from the app's own page. */
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { ApiCaller } from '../core/worker/worker-backend';
import { isAppUrl } from './app-protocol';

export function registerIpc(backend: ApiCaller): void {
  const trusted = (e: IpcMainInvokeEvent) => isAppUrl(e.senderFrame?.url ?? '');
  ipcMain.handle('uia:call', (e, name: unknown, input: unknown) => {
    if (!trusted(e)) return { ok: false, error: { code: 'invalid_input', message: 'untrusted sender' } };
    if (typeof name !== 'string') return { ok: false, error: { code: 'invalid_input', message: 'operation name must be a string', field: 'name' } };
    return backend.call(name, input);
  });
  // The report's print stylesheet lays out the PDF; the user picks where to save it.
  ipcMain.handle('uia:print-pdf', async (e, fileName: unknown) => {
    const win = BrowserWindow.fromWebContents(e.sender);
    if (!trusted(e) || !win) return { saved: false };
    const pdf = await e.sender.printToPDF({ printBackground: true, pageSize: 'A4', margins: { marginType: 'default' } });
    const choice = await dialog.showSaveDialog(win, { defaultPath: typeof fileName === 'string' ? fileName : 'assessment.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (choice.canceled || !choice.filePath) return { saved: false };
    await writeFile(choice.filePath, pdf);
    return { saved: true, path: choice.filePath };
  });
}
