/**
 * The Electron main-process bundle, run in Node against a recording stand-in for the `electron`
 * module (the real binary cannot be downloaded here): hardened window options, remote content
 * cancelled, permissions denied, and the IPC transport answering the app's own page only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const REPO = resolve(import.meta.dirname, '..', '..');
type Stub = { __test: { handlers: Map<string, (e: unknown, ...a: unknown[]) => unknown>; windows: { options: { webPreferences: Record<string, unknown> }; openHandler: () => unknown; file: string; on_will_navigate: (e: { preventDefault(): void }) => void }[]; session: { requestFilter: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void; permissionHandler: (w: unknown, p: string, cb: (ok: boolean) => void) => void }; start(): void }; sandboxed?: boolean };
let stub: Stub;

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: REPO });
  process.env.UIA_TEST_USERDATA = mkdtempSync(join(tmpdir(), 'uia-electron-'));
  const req = createRequire(join(REPO, 'tests/electron/main.test.ts'));
  const stubPath = join(REPO, 'tests/electron/stub/electron/index.cjs');
  stub = req(stubPath) as Stub;
  // The bundle requires 'electron' from its own folder: point the resolver at the stand-in.
  const Module = req('node:module') as { _resolveFilename: (r: string, ...a: unknown[]) => string };
  const original = Module._resolveFilename;
  Module._resolveFilename = (r, ...a) => (r === 'electron' ? stubPath : original(r, ...a));
  req(join(REPO, 'dist/electron/main.cjs'));
  stub.__test.start();
  await new Promise((r) => setTimeout(r, 2000));
}, 120_000);

describe('Electron main process', () => {
  it('opens a sandboxed, isolated window without node integration', () => {
    expect(stub.sandboxed).toBe(true);
    const w = stub.__test.windows[0]!;
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(w.openHandler()).toEqual({ action: 'deny' });
    let prevented = false;
    w.on_will_navigate({ preventDefault: () => { prevented = true; } });
    expect(prevented).toBe(true);
  });

  it('cancels remote requests and denies permissions', () => {
    const decide = (url: string) => new Promise<boolean>((r) => stub.__test.session.requestFilter({ url }, (x) => r(x.cancel)));
    return Promise.all([decide('https://tiles.example.org/1/2/3.png'), decide('file:///app/index.html'), decide('blob:file:///x')]).then(([remote, file, blob]) => {
      expect(remote).toBe(true); expect(file).toBe(false); expect(blob).toBe(false);
      let granted = true;
      stub.__test.session.permissionHandler(null, 'geolocation', (ok) => { granted = ok; });
      expect(granted).toBe(false);
    });
  });

  it('answers the API over IPC for its own page only', async () => {
    const call = stub.__test.handlers.get('uia:call')!;
    const own = { senderFrame: { url: pathToFileURL(stub.__test.windows[0]!.file).href } };
    const reply = await call(own, 'datasets.list', {}) as { ok: boolean; value: { name: string }[] };
    expect(reply.ok).toBe(true);
    expect(reply.value[0]!.name).toMatch(/synthetic/);
    const bad = await call(own, 'datasets.layers', { datasetId: 'x' }) as { ok: boolean; error: { field: string } };
    expect(bad.error.field).toBe('datasetId');
    const foreign = await call({ senderFrame: { url: 'https://evil.example/' } }, 'datasets.list', {}) as { ok: boolean; error: { message: string } };
    expect(foreign).toMatchObject({ ok: false, error: { message: 'untrusted sender' } });
  });
});
