/**
 * Preload (sandboxed): exposes the API call and the PDF export to the page. Nothing else crosses.
 * Only the allow-listed operations pass; those that take a file are sent to the main process,
 * which asks the user for the file with a native dialog (the page's path, if any, is dropped).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { OperationName } from '../core/api/contract';
import { PATH_OPERATIONS, RENDERER_OPERATIONS } from './allowed-operations';

contextBridge.exposeInMainWorld('uia', {
  call: (name: string, input: unknown) => {
    const dialogs = Object.hasOwn(PATH_OPERATIONS, name) ? PATH_OPERATIONS[name as OperationName]! : null;
    if (dialogs) {
      const rest = { ...((typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>) };
      for (const d of dialogs) delete rest[d.field];
      return ipcRenderer.invoke('uia:call-with-dialog', name, rest);
    }
    if (!RENDERER_OPERATIONS.includes(name as OperationName)) {
      return Promise.resolve({ ok: false, error: { code: 'invalid_input', message: `operation "${name}" is not available to the window`, field: 'name' } });
    }
    return ipcRenderer.invoke('uia:call', name, input);
  },
});
contextBridge.exposeInMainWorld('uiaDesktop', {
  printToPdf: (fileName: string) => ipcRenderer.invoke('uia:print-pdf', fileName),
});
