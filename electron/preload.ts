/** Preload (sandboxed): exposes one function, the API call, to the page. Nothing else crosses. */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('uia', {
  call: (name: string, input: unknown) => ipcRenderer.invoke('uia:call', name, input),
});
