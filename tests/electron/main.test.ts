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
import { existsSync, readFileSync, statSync } from 'node:fs';
import { contract, type OperationName } from '../../core/api/contract';

const OPERATION_NAMES = Object.keys(contract) as OperationName[];
import { CONTENT_SECURITY_POLICY } from '../../core/server/csp';
import { PATH_OPERATIONS, RENDERER_OPERATIONS } from '../../electron/allowed-operations';

const REPO = resolve(import.meta.dirname, '..', '..');
type Dialogs = { next: { canceled: boolean; filePaths?: string[]; filePath?: string }[]; asked: { kind: string; options: { title: string } }[] };
type Stub = { __test: { dialogs: Dialogs; handlers: Map<string, (e: unknown, ...a: unknown[]) => unknown>; windows: { options: { webPreferences: Record<string, unknown> }; openHandler: () => unknown; url: string; on_will_navigate: (e: { preventDefault(): void }) => void }[]; protocols: Map<string, (r: { url: string }) => Promise<unknown>>; schemes: { scheme: string; privileges: Record<string, boolean> }[]; session: { requestFilter: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void; permissionHandler: (w: unknown, p: string, cb: (ok: boolean) => void) => void; permissionCheck: (...a: unknown[]) => boolean }; start(): void }; sandboxed?: boolean };
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
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' });
    expect(w.openHandler()).toEqual({ action: 'deny' });
    let prevented = false;
    w.on_will_navigate({ preventDefault: () => { prevented = true; } });
    expect(prevented).toBe(true);
  });

  it('cancels remote requests and denies permissions', () => {
    const decide = (url: string) => new Promise<boolean>((r) => stub.__test.session.requestFilter({ url }, (x) => r(x.cancel)));
    return Promise.all([decide('https://tiles.example.org/1/2/3.png'), decide('app://ui/index.html'), decide('blob:app://ui/x')]).then(([remote, file, blob]) => {
      expect(remote).toBe(true); expect(file).toBe(false); expect(blob).toBe(false);
      let granted = true;
      stub.__test.session.permissionHandler(null, 'geolocation', (ok) => { granted = ok; });
      expect(granted).toBe(false);
    });
  });

  it('answers the API over IPC for its own page only', async () => {
    const call = stub.__test.handlers.get('uia:call')!;
    expect(stub.__test.windows[0]!.url).toBe('app://ui/index.html');
    const own = { senderFrame: { url: stub.__test.windows[0]!.url } };
    const reply = await call(own, 'datasets.list', {}) as { ok: boolean; value: { name: string }[] };
    expect(reply.ok).toBe(true);
    expect(reply.value[0]!.name).toMatch(/synthetic/);
    const bad = await call(own, 'datasets.layers', { datasetId: 'x' }) as { ok: boolean; error: { field: string } };
    expect(bad.error.field).toBe('datasetId');
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html']) {
      const foreign = await call({ senderFrame: { url } }, 'datasets.list', {}) as { ok: boolean; error: { message: string } };
      expect(foreign).toMatchObject({ ok: false, error: { message: 'untrusted sender' } });
    }
  });

  it('serves the renderer from app://ui/ only, never outside its folder', async () => {
    expect(stub.__test.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const serve = stub.__test.protocols.get('app')!;
    const index = await serve({ url: 'app://ui/index.html' }) as Response;
    expect(index.headers.get('x-fetched')).toBe(pathToFileURL(join(REPO, 'dist/renderer/index.html')).href);
    // the CSP travels as a header (frame-ancestors is ignored in a meta tag)
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
    // Climbing out of the folder, plainly or with encoded separators, ends inside it (paths are
    // normalised from the root); another host is refused.
    const inside = pathToFileURL(join(REPO, 'dist/renderer')).href + '/';
    for (const url of ['app://ui/../../package.json', 'app://ui/..%2f..%2fpackage.json', 'app://ui/a/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd']) {
      const r = await serve({ url }) as Response;
      expect(r.headers.get('x-fetched')!.startsWith(inside), url).toBe(true);
    }
    expect(((await serve({ url: 'app://elsewhere/index.html' })) as Response).status).toBe(404);
  });

  it('has no DevTools in a packaged build and answers every permission check no', () => {
    expect(stub.__test.windows[0]!.options.webPreferences.devTools).toBe(false);
    expect(stub.__test.session.permissionCheck(null, 'media', 'app://ui')).toBe(false);
  });

  it('lets the window call only the allow-listed operations, none of which takes a path', async () => {
    const call = stub.__test.handlers.get('uia:call')!;
    const own = { senderFrame: { url: 'app://ui/index.html' } };
    for (const name of Object.keys(PATH_OPERATIONS)) {
      const r = await call(own, name, { path: '/etc/passwd', files: ['/etc/passwd'], out: '/tmp/x' }) as { ok: boolean; error: { message: string } };
      expect(r.ok, name).toBe(false);
      expect(r.error.message).toMatch(/asks for it with a dialog/);
    }
    expect(await call(own, 'no.such', {})).toMatchObject({ ok: false, error: { message: 'operation "no.such" is not available to the window' } });
    // every operation is in exactly one list, and no allow-listed one has a path-like field
    for (const name of OPERATION_NAMES) expect(RENDERER_OPERATIONS.includes(name) !== Object.hasOwn(PATH_OPERATIONS, name), name).toBe(true);
    for (const name of RENDERER_OPERATIONS) {
      const keys = Object.keys((contract[name].input as unknown as { shape?: object }).shape ?? {});
      expect(keys.filter((k) => /^(path|paths|files|file|out|dir)$/i.test(k)), name).toEqual([]);
    }
  });

  it('takes paths from the native dialog only: the window\'s path is ignored, cancel writes nothing', async () => {
    const withDialog = stub.__test.handlers.get('uia:call-with-dialog')!;
    const own = { senderFrame: { url: 'app://ui/index.html' }, sender: {} };
    const chosen = join(process.env.UIA_TEST_USERDATA!, 'chosen.geojson');
    stub.__test.dialogs.next.push({ canceled: false, filePath: chosen });
    const r = await withDialog(own, 'datasets.export', { datasetId: 1, format: 'geojson', path: '/tmp/renderer-picked.geojson' }) as { ok: boolean; value: { path: string } };
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(r.value.path).toBe(chosen);
    expect(existsSync('/tmp/renderer-picked.geojson')).toBe(false);
    expect(statSync(chosen).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(chosen, 'utf8')).type).toBe('FeatureCollection');
    expect(stub.__test.dialogs.asked.at(-1)).toMatchObject({ kind: 'save', options: { title: 'Export the dataset' } });
    // cancelled: nothing happens
    const cancelled = await withDialog(own, 'import.start', { dataset: 'X' }) as { ok: boolean; error: { code: string } };
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await withDialog({ senderFrame: { url: 'https://evil.example/' }, sender: {} }, 'datasets.export', {})).toMatchObject({ ok: false, error: { message: 'untrusted sender' } });
    expect(await withDialog(own, 'datasets.list', {})).toMatchObject({ ok: false });
  });
});
