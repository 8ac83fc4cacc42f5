// A stand-in for the Electron module, only for tests/electron: the Electron binary cannot be
// downloaded on CI machines. It records what the main process registers and lets the test call it.
const handlers = new Map();
const windows = [];
let ready;
const whenReady = new Promise((r) => { ready = r; });
class BrowserWindow {
  constructor(options) { this.options = options; this.webContents = { setWindowOpenHandler: (h) => { this.openHandler = h; }, on: (ev, h) => { this[`on_${ev.replace(/-/g, "_")}`] = h; } }; windows.push(this); }
  once() {} loadFile(f) { this.file = f; return Promise.resolve(); } show() {}
  static getAllWindows() { return windows; } static fromWebContents() { return windows[0]; }
}
const session = { defaultSession: { webRequest: { onBeforeRequest: (h) => { session.requestFilter = h; } }, setPermissionRequestHandler: (h) => { session.permissionHandler = h; } } };
module.exports = {
  app: { enableSandbox() { module.exports.sandboxed = true; }, whenReady: () => whenReady, on() {}, getPath: () => process.env.UIA_TEST_USERDATA, quit() {} },
  BrowserWindow, session, dialog: {},
  ipcMain: { handle: (channel, fn) => handlers.set(channel, fn) },
  __test: { handlers, windows, session, start: () => ready() },
};
