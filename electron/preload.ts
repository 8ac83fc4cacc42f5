/** Preload (sandboxed): exposes the API call and the PDF export to the page. Nothing else crosses. */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('uia', {
  call: (name: string, input: unknown) => ipcRenderer.invoke('uia:call', name, input),
});
contextBridge.exposeInMainWorld('uiaDesktop', {
  printToPdf: (fileName: string) => ipcRenderer.invoke('uia:print-pdf', fileName),
});
