/**
 * Porto end to end through the CLI: import the real OSM extract and 2021 census into one dataset,
 * then assess an area over central Porto (Baixa, around Hospital de Santo António) and get
 * casualties with intervals, protected sites and infrastructure effects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { sharedData } from '../support/shared-data';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..', '..');
const FILES = sharedData('osm/porto-centre-2020.osm.pbf', 'population/porto-ine-bgri2021-1312.gpkg');
let dir: string;
const uia = (...args: string[]) => spawnSync(process.execPath, [join(REPO, 'bin/uia.js'), ...args, '--db', join(dir, 'porto.sqlite')], { encoding: 'utf8', cwd: REPO });

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'uia-porto-cli-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Porto through the CLI', () => {
  it('imports OSM + census, then assesses central Porto', () => {
    const imported = uia('import', ...FILES, '--dataset', 'Porto', '--json');
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout).totals.residents).toBeCloseTo(231_800, 6);

    const area = join(dir, 'baixa.geojson');
    writeFileSync(area, JSON.stringify({ type: 'Polygon', coordinates: [[[-8.622, 41.141], [-8.606, 41.141], [-8.606, 41.152], [-8.622, 41.152], [-8.622, 41.141]]] }));
    const r = uia('assess', '--dataset', 'Porto', '--area', area, '--profile', 'high', '--time', 'day', '--runs', '300', '--json');
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.exposed.residents).toBeGreaterThan(1000);
    for (const s of ['killed', 'seriouslyInjured', 'lightlyInjured']) {
      const i = result.casualties[s];
      expect(i.p05).toBeLessThanOrEqual(i.p50);
      expect(i.p50).toBeLessThanOrEqual(i.p95);
      expect(i.mean).toBeGreaterThan(0);
    }
    expect(result.protectedSites.some((p: { category: string; name: string }) => p.category === 'hospital' && /Santo Ant/i.test(p.name))).toBe(true);
    expect(result.infrastructure.facilities.some((f: { pDown: number }) => f.pDown > 0)).toBe(true);
    expect(result.infrastructure.sectors.health.peopleWithoutService.mean).toBeGreaterThan(0);
    expect(result.provenance.datasetHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
