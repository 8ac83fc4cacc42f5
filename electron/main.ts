/**
 * Electron main process: a hardened window and the IPC transport. Everything else is in core/.
 *
 * The renderer is served from a private `app://ui/` scheme rather than file://, as Electron's
 * security guide recommends: it gives the page a real origin (so maplibre's module worker and the
 * CSP's 'self' work as in browser mode) and confines it to the built renderer folder.
 */
import { app, BrowserWindow, net, protocol, session } from 'electron';
import { join } from 'node:path';
import { openWorkerBackend } from '../core/worker/worker-backend';
import { registerIpc } from './ipc';
import { ensurePrivateDir } from '../core/store/private-files';
import { APP_ORIGIN, rendererFileFor } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from '../core/server/csp';

app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
const rendererDir = join(__dirname, '..', 'renderer');

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366, height: 768, minWidth: 1024, minHeight: 640, title: 'Urban Impact Assessment', show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false,
      disableBlinkFeatures: 'Auxclick', // a middle click opens no window (electronegativity AUXCLICK_JS_CHECK)
      devTools: !app.isPackaged, // a packaged build has no DevTools to open
    },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

app.whenReady().then(() => {
  protocol.handle('app', async (request) => {
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return new Response('not found', { status: 404 });
    // The CSP as a response header, as in browser mode: a meta tag cannot carry frame-ancestors.
    const r = await net.fetch(file);
    const headers = new Headers(r.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(r.body, { status: r.status, headers });
  });
  // No remote content, ever: only the app's own files and in-memory blobs load.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !/^(app|blob|data|devtools):/.test(details.url) });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false); // and every silent check answers no
  ensurePrivateDir(app.getPath('userData')); // the planners' data: readable by this user only
  // The backend runs in a worker thread: an assessment never blocks this process.
  const backend = openWorkerBackend(join(app.getPath('userData'), 'uia.sqlite'));
  registerIpc(backend);
  createWindow();
  app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) createWindow(); });
  app.on('will-quit', () => void backend.close());
});

app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
