/**
 * bin/uia.js starts the compiled CLI with V8's code cache (bin/code-cache.mjs): the real bundle, a
 * real cache folder, real runs. A start after a run uses the cache and answers the same; each new
 * command adds its functions once; a damaged cache or one from another build is never used and is
 * made again; UIA_CODE_CACHE=0 turns it off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..', '..');
let dir: string; let cacheDir: string; let db: string;

function uia(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/uia.js'), ...args], {
    encoding: 'utf8', cwd: REPO,
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', UIA_FROM_SOURCE: '', UIA_CODE_CACHE: '', UIA_CODE_CACHE_DIR: cacheDir, UIA_CODE_CACHE_DEBUG: '1', ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  const cache = /^code cache: (.+) \(/m.exec(r.stderr)?.[1];
  return { out: r.stdout, cache };
}

const cacheFile = () => { const f = readdirSync(cacheDir); expect(f).toHaveLength(1); return join(cacheDir, f[0]!); };
/** The header line: what the cache was made from, then the commands it has seen. */
const header = () => { const b = readFileSync(cacheFile()); return b.subarray(0, b.indexOf(10)).toString().split('\t'); };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'uia-code-cache-'));
  cacheDir = join(dir, 'cache');
  db = join(dir, 'uia.sqlite');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI code cache', () => {
  it('is made by the first run, used by the next, which answers the same', () => {
    const first = uia({}, 'datasets', '--json', '--db', db);
    expect(first.cache).toBe('none');
    expect(header()[0]).toMatch(new RegExp(`^${process.version} ${process.arch} \\d+ [\\d.]+$`));
    expect(header()[1]).toBe('datasets');
    const second = uia({}, 'datasets', '--json', '--db', db);
    expect(second.cache).toBe('used');
    expect(second.out).toBe(first.out);
    expect(JSON.parse(second.out)[0].name).toBe('Meridia (synthetic training city)');
  });

  it('gains each new command once', () => {
    const before = readFileSync(cacheFile());
    expect(uia({}, '--help').cache).toBe('used');
    expect(header()[1]).toBe('datasets,help');
    const after = readFileSync(cacheFile());
    expect(after.equals(before)).toBe(false);
    uia({}, 'datasets', '--db', db);
    expect(readFileSync(cacheFile()).equals(after)).toBe(true); // a command it has seen: left as it was
  });

  it('is refused by V8 when damaged, still answers, and is made again', () => {
    const good = readFileSync(cacheFile());
    const eol = good.indexOf(10);
    const damaged = Buffer.from(good);
    for (let i = eol + 1; i < damaged.length; i += 7) damaged[i] ^= 0x5a;
    writeFileSync(cacheFile(), damaged);
    const r = uia({}, 'datasets', '--json', '--db', db);
    expect(r.cache).toBe('refused by V8');
    expect(JSON.parse(r.out)[0].name).toBe('Meridia (synthetic training city)');
    expect(header()[1]).toBe('datasets');
    expect(uia({}, 'datasets', '--json', '--db', db).cache).toBe('used');
  });

  it('is not used when made from another build of the bundle', () => {
    const b = readFileSync(cacheFile());
    const [, commands] = header();
    writeFileSync(cacheFile(), Buffer.concat([Buffer.from(`${process.version} ${process.arch} 1 1\t${commands}\n`), b.subarray(b.indexOf(10) + 1)]));
    expect(uia({}, 'datasets', '--db', db).cache).toBe('none');
    expect(header()[0]).not.toMatch(/ 1 1$/);
    expect(uia({}, 'datasets', '--db', db).cache).toBe('used');
  });

  it('is neither read nor written with UIA_CODE_CACHE=0', () => {
    const before = readFileSync(cacheFile());
    expect(uia({ UIA_CODE_CACHE: '0' }, 'operations', '--db', db).cache).toBe('off'); // a command the cache has not seen
    expect(readFileSync(cacheFile()).equals(before)).toBe(true);
  });
});
