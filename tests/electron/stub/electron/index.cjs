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
const session = { defaultSession: { webRequest: { onBeforeRequest: (h) => { session.requestFilter = h; } }, setPermissionRequestHandler: (h) => { session.permissionHandler = h; } } };
module.exports = {
  app: { enableSandbox() { module.exports.sandboxed = true; }, whenReady: () => whenReady, on() {}, getPath: () => process.env.UIA_TEST_USERDATA, quit() {} },
  BrowserWindow, session, dialog: {},
  protocol: { registerSchemesAsPrivileged: (s) => { module.exports.__test.schemes = s; }, handle: (scheme, fn) => { module.exports.__test.protocols.set(scheme, fn); } },
  net: { fetch: async (url) => ({ fetched: url }) },
  ipcMain: { handle: (channel, fn) => handlers.set(channel, fn) },
  __test: { handlers, windows, session, protocols: new Map(), schemes: null, start: () => ready() },
};
