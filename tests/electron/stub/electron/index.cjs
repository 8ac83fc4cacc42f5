// A stand-in for the Electron module, only for tests/electron: the Electron binary cannot be
// downloaded on CI machines. It records what the main process registers and lets the test call it.
const handlers = new Map();
const windows = [];
let ready;
const whenReady = new Promise((r) => { ready = r; });
class BrowserWindow {
  constructor(options) { this.options = options; this.webContents = { setWindowOpenHandler: (h) => { this.openHandler = h; }, on: (ev, h) => { this[`on_${ev.replace(/-/g, "_")}`] = h; } }; windows.push(this); }
  once() {} loadURL(u) { this.url = u; return Promise.resolve(); } show() {}
  static getAllWindows() { return windows; } static fromWebContents() { return windows[0]; }
}
const session = { defaultSession: { webRequest: { onBeforeRequest: (h) => { session.requestFilter = h; } }, setPermissionRequestHandler: (h) => { session.permissionHandler = h; }, setPermissionCheckHandler: (h) => { session.permissionCheck = h; } } };
// Dialogs answer what the test queued (the user's choice), and record what they were asked.
const dialogs = { next: [], asked: [] };
const answer = (kind) => async (_win, options) => { dialogs.asked.push({ kind, options }); return dialogs.next.shift() ?? { canceled: true, filePaths: [] }; };
module.exports = {
  app: { isPackaged: true, enableSandbox() { module.exports.sandboxed = true; }, whenReady: () => whenReady, on() {}, getPath: () => process.env.UIA_TEST_USERDATA, quit() {} },
  BrowserWindow, session, dialog: { showOpenDialog: answer('open'), showSaveDialog: answer('save') },
  protocol: { registerSchemesAsPrivileged: (s) => { module.exports.__test.schemes = s; }, handle: (scheme, fn) => { module.exports.__test.protocols.set(scheme, fn); } },
  net: { fetch: async (url) => new Response('<!doctype html>', { headers: { 'content-type': 'text/html', 'x-fetched': url } }) },
  ipcMain: { handle: (channel, fn) => handlers.set(channel, fn) },
  __test: { handlers, windows, session, dialogs, protocols: new Map(), schemes: null, start: () => ready() },
};
