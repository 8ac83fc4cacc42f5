/**
 * The `uia` command on a real temp database: datasets, assess checked against an independent turf
 * computation, and one-line failures for bad arguments and files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { area, booleanPointInPolygon, centroid, intersect, featureCollection, feature } from '@turf/turf';
import { generateTrainingCity } from '../../core/synth/training-city';
import { resources } from '../../core/i18n/i18n';
import { sharedFile } from '../support/shared-data';
import Database from 'better-sqlite3';

const REPO = resolve(import.meta.dirname, '..', '..');
const CITY = 'Meridia (synthetic training city)';
let dir: string; let db: string;

/** Runs uia in English unless `env` names another system language (the machine's own must not decide). */
function uia(...args: string[]) { return uiaIn({}, ...args); }
function uiaIn(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/uia.js'), ...args], { encoding: 'utf8', cwd: REPO, env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'uia-cli-')); db = join(dir, 'cli.sqlite'); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A quadrilateral over the centre and the informal south-west edge, crossing unit boundaries at angles.
const KNOWN_AREA = { type: 'Polygon' as const, coordinates: [[[2.9812, 0.4805], [3.0041, 0.4862], [3.0063, 0.5031], [2.9857, 0.5018], [2.9812, 0.4805]]] };

describe('uia CLI', () => {
  it('lists the training city with its counts', () => {
    const r = uia('datasets', '--json', '--db', db);
    expect(r.code, r.err).toBe(0);
    const [d] = JSON.parse(r.out);
    expect(d.name).toBe(CITY);
    expect(d.licence).toMatch(/CC0/);
    expect(d.bbox).toHaveLength(4);
    expect(d.counts.residents).toBeGreaterThan(140_000);
    expect(d.counts.buildings).toBeGreaterThan(9_000);
    for (const s of ['water', 'power', 'health', 'sanitation', 'communications']) expect(d.counts.facilities[s]).toBeGreaterThan(0);
    expect(d.counts.protectedSites).toBeGreaterThan(10);
  });

  it('assess: residents equal an independent turf sum (partial units by area, allocated buildings by centroid)', () => {
    const file = join(dir, 'area.geojson');
    writeFileSync(file, JSON.stringify({ type: 'Feature', properties: {}, geometry: KNOWN_AREA }));
    const r = uia('assess', '--dataset', CITY, '--area', file, '--db', db, '--runs', '20', '--json');
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out);

    const city = generateTrainingCity();
    const allocated = new Set(city.buildings.filter((b) => b.residents > 0 && b.unitId).map((b) => b.unitId));
    const poly = feature(KNOWN_AREA);
    let expected = 0;
    for (const b of city.buildings) {
      if (b.residents > 0 && booleanPointInPolygon(centroid(b.geometry as never), poly)) expected += b.residents;
    }
    let partialUnits = 0;
    for (const u of city.populationUnits) {
      if (allocated.has(u.id)) continue;
      const inside = intersect(featureCollection([feature(u.geometry as never), poly as never]) as never);
      if (!inside) continue;
      const share = area(inside) / area(u.geometry as never);
      if (share < 1 - 1e-9) partialUnits++;
      expected += u.residents * share;
    }
    expect(partialUnits).toBeGreaterThan(0); // the area really does cut through units
    // The engine measures area in a local metric projection, turf on the sphere: equal to 1e-8 relative.
    expect(Math.abs(result.exposed.residents - expected) / expected).toBeLessThan(1e-8);
    expect(result.provenance.datasetHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.provenance.appVersion).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
    // issue 17: displacement, Sphere needs and schools travel in the JSON, with their parameter records
    expect(result.humanitarian.displacement.displaced.mean).toBeGreaterThan(0);
    expect(result.humanitarian.needs.waterLitresPerDay.mean).toBeCloseTo(result.humanitarian.displacement.displaced.mean * 15, 6);
    expect(['estimated', 'nodata']).toContain(result.humanitarian.education.status);
    expect(result.assumptions.map((a: { key: string }) => a.key)).toContain('displacement.publicShelterShare');
  });

  it.each([
    [['assess', '--area', 'x.geojson'], /--dataset is required/],
    [['assess', '--dataset', CITY], /--area is required/],
    [['assess', '--dataset', 'Nowhere', '--area', 'x.geojson'], /no dataset named "Nowhere"/],
    [['assess', '--dataset', CITY, '--area', '/nonexistent/area.geojson'], /cannot read area file .*ENOENT/],
    [['assess', '--dataset', CITY, '--area', 'AREA', '--time', 'noon'], /--time must be one of night, day, commute/],
    [['assess', '--dataset', CITY, '--area', 'AREA', '--runs', 'many'], /--runs must be an integer/],
    [['assess', '--dataset', CITY, '--area', 'BAD'], /area file .* not valid JSON/],
    [['assess', '--dataset', CITY, '--area', 'OPEN'], /polygon 1: coordinates\.0: a polygon ring needs at least 4 positions/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['datasets', '--bogus'], /Unknown option '--bogus'/],
  ])('fails in one line: %j', (args, message) => {
    const good = join(dir, 'good.geojson'); writeFileSync(good, JSON.stringify(KNOWN_AREA));
    const bad = join(dir, 'bad.geojson'); writeFileSync(bad, '{"type": "Polygon", "coordinates": [[[0,0],[1');
    const open = join(dir, 'open.geojson'); writeFileSync(open, JSON.stringify({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }));
    const r = uia(...args.map((a) => (a === 'AREA' ? good : a === 'BAD' ? bad : a === 'OPEN' ? open : a)), '--db', db);
    expect(r.code).not.toBe(0);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });

  it('speaks the language of --lang or of the system locale; --json keys stay English', () => {
    const file = join(dir, 'lang.geojson');
    writeFileSync(file, JSON.stringify(KNOWN_AREA));
    const fr = uia('assess', '--dataset', CITY, '--area', file, '--db', db, '--runs', '20', '--lang', 'fr');
    expect(fr.code, fr.err).toBe(0);
    const killed = fr.out.split('\n').find((l) => l.startsWith(`${resources.fr.report.labels.severity.killed} : `))!;
    expect(killed).toMatch(/^Tués : [\d\u202f]+ \(intervalle à 90[\u00a0\u202f]% : [\d\u202f]+–[\d\u202f]+\)$/);
    expect(fr.out).toContain(resources.fr.report.labels.category.hospital);
    expect(fr.out).not.toMatch(/\b(Killed|Seriously injured|People without|Residents in the areas)\b/);

    const json = uia('assess', '--dataset', CITY, '--area', file, '--db', db, '--runs', '20', '--lang', 'fr', '--json');
    expect(json.code, json.err).toBe(0);
    const result = JSON.parse(json.out);
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['casualties', 'exposed', 'infrastructure', 'provenance']));
    expect(Object.keys(result.casualties)).toEqual(expect.arrayContaining(['killed', 'seriouslyInjured', 'lightlyInjured']));

    const uk = uiaIn({ LANG: 'uk_UA.UTF-8' }, 'datasets', '--db', db);
    expect(uk.out).toContain(`[${'СИНТЕТИЧНИЙ'}]`);
    expect(uk.out).toContain(resources.uk.report.labels.sector.water);
    // LC_ALL outranks LANG, as POSIX says.
    expect(uiaIn({ LANG: 'uk_UA.UTF-8', LC_ALL: 'fr_FR.UTF-8' }, 'datasets', '--db', db).out).toContain('SYNTHÉTIQUE');
  });

  it('refuses in the chosen language, and refuses an unknown --lang', () => {
    const r = uia('assess', '--area', 'x.geojson', '--db', db, '--lang', 'ar');
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`uia: ${resources.ar.errors.cli.required.replace('{{option}}', 'dataset')}`);
    const bad = uia('datasets', '--lang', 'xx', '--db', db);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--lang must be one of en, fr, ar, uk, got "xx"/);
  });

  it('a new database whose first command is `uia import` holds only that dataset; the next open adds the same training city', () => {
    const fresh = join(dir, 'import-first.sqlite');
    const im = uia('import', sharedFile('population/porto-ine-bgri2021-1312.gpkg'), '--dataset', 'Porto census', '--json', '--db', fresh);
    expect(im.code, im.err).toBe(0);
    const raw = new Database(fresh, { readonly: true });
    try {
      expect(raw.prepare('SELECT name FROM datasets').all()).toEqual([{ name: 'Porto census' }]);
    } finally { raw.close(); }
    const listed = uia('datasets', '--json', '--db', fresh);
    expect(listed.code, listed.err).toBe(0);
    const byName = new Map((JSON.parse(listed.out) as { name: string; contentHash: string }[]).map((d) => [d.name, d.contentHash]));
    expect([...byName.keys()].sort()).toEqual(['Porto census', CITY].sort());
    expect(byName.get('Porto census')).toBe(JSON.parse(im.out).contentHash);
    // the city seeded late is the one every other new database gets
    const usual = (JSON.parse(uia('datasets', '--json', '--db', db).out) as { name: string; contentHash: string }[]).find((d) => d.name === CITY)!;
    expect(byName.get(CITY)).toBe(usual.contentHash);
    // and a second open does not seed it again
    expect((JSON.parse(uia('datasets', '--json', '--db', fresh).out) as unknown[])).toHaveLength(2);
  });
});
