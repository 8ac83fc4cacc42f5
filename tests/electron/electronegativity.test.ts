/**
 * @doyensec/electronegativity over the Electron sources, the renderer page (with its CSP) and
 * package.json: every finding must be explained in electronegativity-allow.json, and every entry
 * there must still match a finding. A deliberately weakened copy of main.ts is scanned in the same
 * run to show the scan sees what it should.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as z from 'zod';
import { withCspMeta } from '../../core/server/csp';

const REPO = resolve(import.meta.dirname, '..', '..');
const HERE = join(REPO, 'tests/electron');

const AllowList = z.object({
  excludedChecks: z.array(z.object({ check: z.string().min(1), reason: z.string().min(20) })),
  allowed: z.array(z.object({ id: z.string().min(1), file: z.string().min(1), reason: z.string().min(20) })),
});
const Scan = z.object({
  checks: z.number(),
  electronVersion: z.string(),
  errors: z.array(z.object({ file: z.string(), message: z.string() })),
  issues: z.array(z.object({ id: z.string(), file: z.string(), line: z.number(), severity: z.string(), description: z.string() })),
});
type Issue = z.infer<typeof Scan>['issues'][number];

const allow = AllowList.parse(JSON.parse(readFileSync(join(HERE, 'electronegativity-allow.json'), 'utf8')));
let scan: z.infer<typeof Scan>;
const CONTROL = 'control/';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'uia-electronegativity-'));
  mkdirSync(join(dir, 'electron'));
  for (const f of readdirSync(join(REPO, 'electron'))) copyFileSync(join(REPO, 'electron', f), join(dir, 'electron', f));
  copyFileSync(join(REPO, 'package.json'), join(dir, 'package.json'));
  writeFileSync(join(dir, 'index.html'), withCspMeta(readFileSync(join(REPO, 'renderer/index.html'), 'utf8')));
  // The control: the real main.ts with its isolation switched off.
  const main = readFileSync(join(REPO, 'electron/main.ts'), 'utf8');
  const weakened = main.replace('contextIsolation: true', 'contextIsolation: false').replace('nodeIntegration: false', 'nodeIntegration: true').replace('sandbox: true', 'sandbox: false');
  expect(weakened).not.toBe(main);
  mkdirSync(join(dir, CONTROL));
  writeFileSync(join(dir, CONTROL, 'main.ts'), weakened);

  const { stdout } = await promisify(execFile)(process.execPath,
    [join(HERE, 'electronegativity-scan.cjs'), dir, ...allow.excludedChecks.map((c) => c.check)],
    { cwd: REPO, maxBuffer: 16 << 20 });
  scan = Scan.parse(JSON.parse(stdout));
}, 120_000);

const show = (i: Issue) => `${i.id} ${i.file}:${i.line} (${i.severity}) ${i.description}`;

describe('electronegativity', () => {
  it('parses every scanned file and runs its checks for the Electron in package.json', () => {
    expect(scan.errors).toEqual([]);
    expect(scan.checks).toBeGreaterThan(30);
    expect(scan.electronVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('sees a weakened window (the control copy of main.ts)', () => {
    const ids = scan.issues.filter((i) => i.file.startsWith(CONTROL)).map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
  });

  it('finds nothing in the app that the reviewed allow-list does not explain', () => {
    const real = scan.issues.filter((i) => !i.file.startsWith(CONTROL));
    const unexplained = real.filter((i) => !allow.allowed.some((a) => a.id === i.id && a.file === i.file));
    expect(unexplained.map(show)).toEqual([]);
    const stale = allow.allowed.filter((a) => !real.some((i) => a.id === i.id && a.file === i.file));
    expect(stale.map((a) => `${a.id} ${a.file}`)).toEqual([]);
  });
});
