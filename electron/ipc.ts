/**
 * The IPC transport: the API contract and the PDF export, accepted only from the app's own page.
 * The window may call the operations in RENDERER_OPERATIONS; those that take a file path go through
 * 'uia:call-with-dialog', where the main process asks the user with a native dialog and puts the
 * chosen path into the input itself (a path the window sent is ignored).
 */
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { ApiCaller } from '../core/worker/worker-backend';
import type { OperationName } from '../core/api/contract';
import { isAppUrl } from './app-protocol';
import { PATH_OPERATIONS, RENDERER_OPERATIONS } from './allowed-operations';
import { PRIVATE_FILE_MODE } from '../core/store/private-files';

const refuse = (message: string, field?: string) => ({ ok: false, error: { code: 'invalid_input', message, ...(field ? { field } : {}) } });

export function registerIpc(backend: ApiCaller): void {
  const trusted = (e: IpcMainInvokeEvent) => isAppUrl(e.senderFrame?.url ?? '');
  ipcMain.handle('uia:call', (e, name: unknown, input: unknown) => {
    if (!trusted(e)) return refuse('untrusted sender');
    if (typeof name !== 'string') return refuse('operation name must be a string', 'name');
    if (!RENDERER_OPERATIONS.includes(name as OperationName)) {
      return refuse(Object.hasOwn(PATH_OPERATIONS, name) ? `${name} takes a file: the app asks for it with a dialog` : `operation "${name}" is not available to the window`, 'name');
    }
    return backend.call(name, input);
  });
  ipcMain.handle('uia:call-with-dialog', async (e, name: unknown, input: unknown) => {
    if (!trusted(e)) return refuse('untrusted sender');
    const spec = typeof name === 'string' && Object.hasOwn(PATH_OPERATIONS, name) ? PATH_OPERATIONS[name as OperationName]! : null;
    if (!spec) return refuse(`operation "${String(name)}" does not take a file`, 'name');
    const win = BrowserWindow.fromWebContents(e.sender);
    if (!win) return refuse('no window');
    const fields = typeof input === 'object' && input !== null ? { ...(input as Record<string, unknown>) } : {};
    for (const one of spec) {
      let chosen: string | string[] | undefined;
      if (one.kind === 'save') {
        const r = await dialog.showSaveDialog(win, { title: one.title, filters: one.filters });
        chosen = r.canceled ? undefined : r.filePath;
      } else {
        const r = await dialog.showOpenDialog(win, { title: one.title, filters: one.filters, properties: one.kind === 'open-many' ? ['openFile', 'multiSelections'] : ['openFile'] });
        chosen = r.canceled || !r.filePaths.length ? undefined : one.kind === 'open-many' ? r.filePaths : r.filePaths[0];
      }
      if (chosen === undefined) return { ok: false, error: { code: 'cancelled', message: 'no file chosen' } };
      fields[one.field] = chosen;
      // The native save dialog has already asked before replacing a file.
      if (one.kind === 'save') fields.overwrite = true;
    }
    return backend.call(name as string, fields);
  });
  // The report's print stylesheet lays out the PDF; the user picks where to save it.
  ipcMain.handle('uia:print-pdf', async (e, fileName: unknown) => {
    const win = BrowserWindow.fromWebContents(e.sender);
    if (!trusted(e) || !win) return { saved: false };
    const pdf = await e.sender.printToPDF({ printBackground: true, pageSize: 'A4', margins: { marginType: 'default' } });
    const choice = await dialog.showSaveDialog(win, { defaultPath: typeof fileName === 'string' ? fileName : 'assessment.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (choice.canceled || !choice.filePath) return { saved: false };
    await writeFile(choice.filePath, pdf, { mode: PRIVATE_FILE_MODE });
    return { saved: true, path: choice.filePath };
  });
}
