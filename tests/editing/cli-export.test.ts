/** `uia export` on a real temp database: GeoPackage read by ogrinfo, GeoJSON, one-line failures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..', '..');
const CITY = 'Meridia (synthetic training city)';
let dir: string; let db: string;
const uia = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/uia.js'), ...args, '--db', db], { encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'uia-cli-export-')); db = join(dir, 'cli.sqlite'); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('uia export', () => {
  it('writes a GeoPackage ogrinfo reads, refuses to overwrite without --overwrite', () => {
    const r = uia('export', '--dataset', CITY, '--format', 'gpkg', '--out', 'city.gpkg');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/facilities \d+/);
    const info = execFileSync('ogrinfo', ['-so', '-al', join(dir, 'city.gpkg')], { encoding: 'utf8' });
    expect(info).toContain('Layer name: facilities');
    const again = uia('export', '--dataset', CITY, '--format', 'gpkg', '--out', 'city.gpkg');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^uia: path: .*already exists/);
    expect(uia('export', '--dataset', CITY, '--format', 'gpkg', '--out', 'city.gpkg', '--overwrite').code).toBe(0);
  });
  it('writes GeoJSON and names bad arguments', () => {
    const r = uia('export', '--dataset', CITY, '--format', 'geojson', '--out', 'city.geojson', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'city.geojson'), 'utf8')).features).toHaveLength(JSON.parse(r.out).features);
    expect(uia('export', '--dataset', CITY, '--format', 'shp', '--out', 'x.shp')).toMatchObject({ code: 2, err: 'uia: --format must be gpkg or geojson, got "shp"\n' });
    expect(uia('export', '--dataset', 'Atlantis', '--format', 'gpkg', '--out', 'x.gpkg').err).toMatch(/^uia: no dataset named "Atlantis"/);
    expect(uia('export', '--format', 'gpkg', '--out', 'x.gpkg')).toMatchObject({ code: 2, err: 'uia: --dataset is required\n' });
  });
});
