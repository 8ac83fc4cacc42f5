import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { assess } from '../engine/assess';
import { prepareCity } from '../engine/city';
import { loadDefaultParameters, loadDefaultProfiles } from '../engine/parameters';
import { generateTrainingCity } from '../synth/training-city';
import type { Operation } from '../model/operation';
import { assessmentCsv } from './csv';
import { headline } from './summary';

const bundle = generateTrainingCity();
const city = prepareCity(bundle, 'sha256:training');
const parameters = loadDefaultParameters();
const area = { type: 'Polygon' as const, coordinates: [[[2.996, 0.496], [3.004, 0.496], [3.004, 0.504], [2.996, 0.504], [2.996, 0.496]]] };
const operation: Operation = { name: 'Old town, day', settings: { timeOfDay: 'day', warningShare: 0.3, horizonDays: 14 }, areas: [{ id: 'a1', name: 'Old town', shape: 'polygon', profileId: 'high', geometry: area }] };
const result = assess(city, operation, { profiles: loadDefaultProfiles(), parameters: parameters.values, parameterSetName: parameters.name, seed: 7, runs: 200, mode: 'montecarlo', appVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
const porto = { name: 'Porto centre', source: 'porto-centre-2020.osm.pbf, porto-ine-bgri2021-1312.gpkg', licence: 'ODbL 1.0; INE open data', attribution: 'INE, Censos 2021 – BGRI', synthetic: false };

import { writeFileSync } from "node:fs";
describe("assessment CSV", () => {
  const csv = assessmentCsv(result, { operation, dataset: porto });
  if (process.env.DUMP_CSV) writeFileSync(process.env.DUMP_CSV, csv);
  const rows = Papa.parse<string[]>(csv.trim()).data;
  const find = (first: string) => rows.find((r) => r[0] === first);

  it('opens with the settings in words', () => {
    expect(rows[0]![0]).toBe('Incidental civilian harm estimate: Old town, day');
    expect(find('Time of day')![1]).toBe('Day');
    expect(find('Share of civilians who left after warning')![1]).toBe('30%');
    expect(find('Outage horizon')![1]).toBe('14 days');
    expect(find('Effect profile, Old town')![1]).toMatch(/High intensity/);
    expect(find('Monte Carlo runs')![1]).toBe('200');
    expect(find('Random seed')![1]).toBe('7');
    expect(find('Parameter set')![1]).toBe(parameters.name);
  });

  it('credits every source, OpenStreetMap (ODbL) even when the import recorded only INE', () => {
    expect(csv).toContain('INE, Censos 2021 – BGRI');
    expect(rows.some((r) => r[1]?.startsWith('ODbL') && r[2] === '© OpenStreetMap contributors')).toBe(true);
    expect(csv).toMatch(/Hazus/);
  });

  it('labels figures for people, with units, and holds no raw JSON or field names', () => {
    const killed = rows.find((r) => r[0] === 'Casualties' && r[2] === 'Killed (day)')!;
    const h = headline(result);
    expect(Number(killed[3])).toBeCloseTo(h.casualties[0]!.interval.mean, -1);
    expect(killed[7]).toBe('people');
    expect(rows.find((r) => r[1] === 'Persons with disabilities' && r[2] === 'Lightly injured')).toBeDefined();
    expect(csv).not.toMatch(/[{}[\]]/);
    expect(csv).not.toMatch(/seriouslyInjured|lightlyInjured|completeNoCollapse|outerEdgeM/);
    expect(csv).toMatch(/complete damage without collapse/);
    expect(csv).toMatch(/Up to [\d,]+ m from the area/);
  });
});

describe('assessment CSV: humanitarian consequences (issue 17)', () => {
  const rows = Papa.parse<string[]>(assessmentCsv(result, { operation }).trim()).data;
  it('lists the displaced by cause, group and area, Sphere needs and pupils, with units', () => {
    const displaced = rows.find((r) => r[0] === 'Displacement' && r[2] === 'Displaced (counted once)')!;
    expect(Number(displaced[3])).toBeCloseTo(result.humanitarian!.displacement.displaced.mean, -1);
    expect(Number(displaced[3])).toBeGreaterThan(0);
    expect(displaced[7]).toBe('people');
    expect(rows.find((r) => r[0] === 'Displacement by group' && r[1] === 'Persons with disabilities')).toBeDefined();
    expect(rows.find((r) => r[0] === 'Displacement by area' && r[1] === 'Old town')).toBeDefined();
    const water = rows.find((r) => r[0] === 'Minimum needs (Sphere 2018)' && r[1] === 'Displaced' && r[2] === 'Water')!;
    expect(Number(water[3])).toBeCloseTo(result.humanitarian!.displacement.displaced.mean * 15, -2);
    expect(water[7]).toBe('litres/day');
    const pupils = rows.find((r) => r[0] === 'Education')!;
    const e = result.humanitarian!.education;
    if (e.status === 'nodata') expect(pupils[2]).toContain(`no data: ${e.reason}`);
    else expect(pupils[7]).toBe('pupils');
    expect(rows.some((r) => r[0]?.startsWith('Share of displaced people who seek public'))).toBe(true);
  });
});
