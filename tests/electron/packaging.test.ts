/**
 * Packaging without Electron's binary (issue 15): electron-builder --linux --dir against a stand-in
 * Electron folder whose "binary" carries a real fuse wire, offline (npmRebuild=false; never
 * install-app-deps). Checks the fuses it flipped and what the asar holds: the built app, no
 * better-sqlite3 sources or build intermediates, no renderer libraries Vite already bundled.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const REPO = resolve(import.meta.dirname, '..', '..');
const req = createRequire(import.meta.url);
const { SENTINEL } = req('@electron/fuses/dist/constants.js') as { SENTINEL: string };
const { getCurrentFuseWire } = req('@electron/fuses') as { getCurrentFuseWire(p: string): Promise<Record<number, number>> };
const asar = req('@electron/asar') as { listPackage(p: string, o: object): string[] };
const ENABLE = 49, DISABLE = 48;
let out: string;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'uia-pack-'));
  const dist = join(dir, 'electron-dist'); mkdirSync(dist);
  // Electron's default fuse wire (version 1, 8 fuses): RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, ...
  writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.from(`#!/bin/sh\n# ${SENTINEL}`), Buffer.from([1, 8]), Buffer.from('10110001\n')]));
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'version'), '41.7.1');
  out = join(dir, 'release');
  execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: REPO });
  execFileSync(process.execPath, [join(REPO, 'node_modules/electron-builder/cli.js'), '--linux', '--dir', `-c.electronDist=${dist}`, '-c.npmRebuild=false', `-c.directories.output=${out}`],
    { cwd: REPO, stdio: 'pipe', env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true' } });
}, 600_000);

describe('the packaged app', () => {
  it('has its fuses flipped: no RunAsNode, NODE_OPTIONS or --inspect; cookies encrypted; app only from the asar', async () => {
    const wire = await getCurrentFuseWire(join(out, 'linux-unpacked', 'urban-impact-assessment'));
    expect([wire[0], wire[1], wire[2], wire[3], wire[5], wire[7]]).toEqual([DISABLE, ENABLE, DISABLE, DISABLE, ENABLE, DISABLE]);
  });

  it('holds the built app, and no SQLite sources, build intermediates or renderer-only libraries', () => {
    const files = asar.listPackage(join(out, 'linux-unpacked', 'resources', 'app.asar'), { isPack: false }).map((f) => f.replace(/\\/g, '/'));
    for (const f of ['/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/package.json', '/node_modules/better-sqlite3/lib/index.js']) expect(files, f).toContain(f);
    expect(files.filter((f) => /better-sqlite3\/(deps|src)\/|\/obj(\.target)?\/|\.(o|a|mk|gypi)$|Makefile$/.test(f))).toEqual([]);
    expect(files.filter((f) => /node_modules\/(maplibre-gl|react|react-dom|recharts|terra-draw[^/]*|zustand|zundo)\//.test(f))).toEqual([]);
    // Only better-sqlite3 and its loader: the bundles hold everything else.
    const modules = new Set(files.flatMap((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? []));
    expect([...modules].sort()).toEqual(['better-sqlite3', 'bindings', 'file-uri-to-path']);
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });
});
