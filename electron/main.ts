/**
 * Electron main process: a hardened window and the IPC transport. Everything else is in core/.
 */
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { openBackend } from '../core/api/backend';
import { registerIpc } from './ipc';

app.enableSandbox();
const rendererIndex = join(__dirname, '..', 'renderer', 'index.html');

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366, height: 768, minWidth: 1024, minHeight: 640, title: 'Urban Impact Assessment', show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false,
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
  return win;
}

app.whenReady().then(() => {
  // No remote content, ever: only the app's own files and in-memory blobs load.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !/^(file|blob|data|devtools):/.test(details.url) });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const backend = openBackend(join(app.getPath('userData'), 'uia.sqlite'));
  registerIpc(backend, rendererIndex);
  createWindow();
  app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) createWindow(); });
  app.on('will-quit', () => backend.close());
});

app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
