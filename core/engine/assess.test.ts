import { describe, expect, it } from 'vitest';
import { AssessmentResult } from '../model/assessment';
import { sectorFigure } from '../model/format';
import { AssessmentCancelled, assess, assessAsync, assessExpectedAndSampled, assessWithSamples, type AssessOptions } from './assess';
import { CAS_FIELDS, casIndex } from './casualties';
import { prepareCity } from './city';
import { compareOptions } from './compare';
import { loadDefaultParameters, loadDefaultProfiles } from './parameters';
import { building, bundle, dep, facility, operation, site, squareM, unit } from './testkit';

const parameters = loadDefaultParameters();
const base: AssessOptions = {
  profiles: loadDefaultProfiles(), parameters: parameters.values, parameterSetName: parameters.name,
  seed: 11, mode: 'montecarlo', runs: 300, appVersion: '0.1.0-test', createdAt: '2026-01-01T00:00:00Z',
};

/** A 1.2 km x 1.2 km district: 50 m cells, buildings on some, infrastructure wired across sectors. */
function district() {
  const populationUnits = [], buildings = [];
  for (let i = 0; i < 24; i++) for (let j = 0; j < 24; j++) {
    const x = -575 + 50 * i, y = -575 + 50 * j;
    populationUnits.push(unit(`u${i}_${j}`, x, y, 25, 60));
    if ((i + j) % 3 === 0) buildings.push(building(`b${i}_${j}`, x + 5, y + 5, {
      unitId: `u${i}_${j}`, residents: 60, construction: (['light', 'urm', 'rc', 'steel'] as const)[(i * j) % 4],
    }));
    if ((i * 7 + j) % 11 === 0) buildings.push(building(`w${i}_${j}`, x - 5, y - 5, { use: 'commercial', residents: 0, workers: 150 }));
  }
  const facilities = [
    facility('S1', 'Serra do Pilar', 'power', 'substation', 50, 0),
    facility('S2', 'North', 'power', 'substation', 0, 900),
    facility('P3', 'P3', 'water', 'pumping_station', 400, 0),
    facility('T1', 'Treatment', 'water', 'treatment_plant', -300, -300),
    facility('H1', 'General', 'health', 'hospital', 300, 300, { capacity: { beds: 40 } }),
    facility('C1', 'Clinic', 'health', 'clinic', -900, 900, { capacity: { beds: 5 } }),
    facility('X1', 'Exchange', 'communications', 'exchange', 200, -100),
  ];
  const dependencies = [dep('P3', 'S1', 'power'), dep('T1', 'S1', 'power'), dep('T1', 'S2', 'power'), dep('H1', 'S1', 'power', 2), dep('H1', 'P3', 'water', 1), dep('X1', 'S1', 'power', 0.5), dep('S1', 'X1', 'communications', 3)];
  const protectedSites = [site('school', 20, 20), site('mosque', 0, 450, { category: 'place_of_worship', capacity: 500 }), site('far', 5000, 0), site('hospital', 300, 300, { category: 'hospital', capacity: null, facilityId: 'H1' })];
  return prepareCity(bundle({ populationUnits, buildings, facilities, dependencies, protectedSites }), 'sha256:test');
}

describe('assess', () => {
  const city = district();

  it('output parses with the AssessmentResult schema, in both modes', () => {
    const mc = assess(city, operation('high'), base);
    expect(() => AssessmentResult.parse(mc)).not.toThrow();
    const ex = assess(city, operation('high'), { ...base, mode: 'expectation' });
    expect(() => AssessmentResult.parse(ex)).not.toThrow();
    expect(ex.provenance.mode).toBe('expectation');
    expect(mc.provenance).toMatchObject({ datasetHash: 'sha256:test', datasetName: 'test city', seed: 11, runs: 300, appVersion: '0.1.0-test', createdAt: '2026-01-01T00:00:00Z' });
    expect(mc.provenance.parameterHash).toMatch(/^[0-9a-f]{64}$/);
    expect(mc.assumptions.find((a) => a.key === 'profile.high')).toBeDefined();
  });

  it('same seed, same bytes; another seed, other samples', () => {
    const a = JSON.stringify(assess(city, operation('high'), base));
    const b = JSON.stringify(assess(district(), operation('high'), base));
    expect(b).toBe(a);
    const c = JSON.stringify(assess(city, operation('high'), { ...base, seed: 12 }));
    expect(c).not.toBe(a);
  });

  it('a preview\'s pair from one pass equals the expectation and the Monte Carlo assessed apart, byte for byte', () => {
    for (const op of [operation('high'), operation('medium', { timeOfDay: 'night', warningShare: 0.3 }, squareM(250, 250, 150))]) {
      const pair = assessExpectedAndSampled(district(), op, { ...base, runs: 200 });
      expect(JSON.stringify(pair.expected)).toBe(JSON.stringify(assess(district(), op, { ...base, mode: 'expectation' })));
      expect(JSON.stringify(pair.sampled)).toBe(JSON.stringify(assess(district(), op, { ...base, runs: 200 })));
    }
  });

  it('casualties at the chosen time are the same block as in casualtiesByTime', () => {
    const r = assess(city, operation('medium', { timeOfDay: 'day' }), base);
    expect(r.casualties).toEqual(r.casualtiesByTime.day);
    expect(r.casualtiesByTime.night.killed.mean).not.toBe(r.casualtiesByTime.day.killed.mean);
  });

  it('exposure: allocated units count by their buildings, others by area share', () => {
    const r = assess(city, operation('low', {}, squareM(0, 0, 100)), { ...base, mode: 'expectation' });
    const z0 = r.exposed.zones[0];
    // area 200 m x 200 m covers 4x4 cells exactly (cells at -75..75): 16 cells x 60 residents
    expect(z0.residents).toBeCloseTo(16 * 60, 6);
    expect(z0.present.night.indoors + z0.present.night.outdoors).toBeGreaterThan(0);
  });

  it('protected sites are listed with zone, distance and people; the far one is not', () => {
    const r = assess(city, operation('high'), base);
    const ids = r.protectedSites.map((p) => p.id);
    expect(ids).toContain('school');
    expect(ids).not.toContain('far');
    const school = r.protectedSites.find((p) => p.id === 'school')!;
    expect(school).toMatchObject({ zoneIndex: 0, distanceToAreaEdgeM: 0, peoplePresent: 0 }); // schools empty at night
    const mosque = r.protectedSites.find((p) => p.id === 'mosque')!;
    expect(mosque.zoneIndex).toBe(1);
    expect(mosque.distanceToAreaEdgeM).toBeCloseTo(350, 0);
    // People first: listed by category (health, schools, worship, cultural), then zone, then distance.
    const order = ['hospital', 'clinic', 'school', 'place_of_worship', 'cultural', 'listed'];
    const keys = r.protectedSites.map((p) => [order.indexOf(p.category), p.zoneIndex, p.distanceToAreaEdgeM]);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]));
  });

  it('infrastructure: the hit substation is down, and its chain reaches the pumping station', () => {
    const r = assess(city, operation('high'), base);
    const s1 = r.infrastructure.facilities.find((f) => f.id === 'S1')!;
    const p3 = r.infrastructure.facilities.find((f) => f.id === 'P3')!;
    expect(s1.pDirect).toBeGreaterThan(0.5);
    expect(p3.pDown).toBeGreaterThanOrEqual(s1.pDown - 1e-12); // P3 fails with S1 (no backup) or on its own
    expect(p3.chain).toMatch(/people without water$/);
    expect(sectorFigure(r.infrastructure.sectors.water, 'peopleWithoutService')!.mean).toBeGreaterThan(0);
    expect(r.infrastructure.beds.total).toBe(45);
    const b = r.infrastructure.beds;
    expect(b.remaining.mean).toBeCloseTo(b.total - b.lost.mean, 9);
    // expectation-mode probabilities of direct damage are exact
    const ex = assess(city, operation('high'), { ...base, mode: 'expectation' });
    const s1e = ex.infrastructure.facilities.find((f) => f.id === 'S1')!;
    expect(Math.abs(s1e.pDirect - s1.pDirect)).toBeLessThan(4 * Math.sqrt(s1e.pDirect * (1 - s1e.pDirect) / 300) + 1e-9);
    // the expectation-mode cascade (single-source scenarios) stays near the Monte Carlo here
    const p3e = ex.infrastructure.facilities.find((f) => f.id === 'P3')!;
    expect(Math.abs(p3e.pDown - p3.pDown)).toBeLessThan(0.1);
    expect(p3e.chain).toMatch(/^Substation Serra do Pilar \(direct, \w+\) -> Pumping station P3 \(no power after 0 days\) -> [\d,]+ people without water$/);
  });

  it('coverage: the 90% interval covers about 90% of synthetic truths drawn from the model', () => {
    const op = operation('medium');
    const { result } = assessWithSamples(city, op, { ...base, runs: 2000 });
    const truths = assessWithSamples(city, op, { ...base, runs: 1000, seed: 999 }).samples!;
    let covered = 0;
    const lo = result.casualties.lightlyInjured.p05, hi = result.casualties.lightlyInjured.p95;
    for (let r = 0; r < truths.runs; r++) {
      const v = truths.casualties[r * CAS_FIELDS + casIndex(0, 2, 0)];
      if (v >= lo && v <= hi) covered++;
    }
    expect(covered / truths.runs).toBeGreaterThan(0.86);
    expect(covered / truths.runs).toBeLessThan(0.94);
  });

  it('progress is reported and a stop request cancels', () => {
    const seen: number[] = [];
    assess(city, operation('low'), { ...base, runs: 100, onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([50, 100]);
    expect(() => assess(city, operation('low'), { ...base, shouldStop: () => true })).toThrow(/cancelled/);
  });
});

describe('assessAsync', () => {
  const city = district();

  it('gives the same bytes as assess for the same seed, whatever the slice size, in both modes', async () => {
    const sync = JSON.stringify(assess(city, operation('high'), base));
    for (const yieldEvery of [1, 7, 25, 1000]) expect(JSON.stringify(await assessAsync(city, operation('high'), { ...base, yieldEvery }))).toBe(sync);
    expect(JSON.stringify(await assessAsync(city, operation('high'), base))).toBe(sync);
    const ex = { ...base, mode: 'expectation' as const };
    expect(JSON.stringify(await assessAsync(city, operation('high'), ex))).toBe(JSON.stringify(assess(city, operation('high'), ex)));
  });

  it('yields to the event loop between slices, and reports progress', async () => {
    const seen: number[] = [];
    let ticks = 0, running = true;
    const tick = () => { if (!running) return; ticks++; setImmediate(tick); };
    setImmediate(tick);
    const p = assessAsync(city, operation('low'), { ...base, runs: 200, yieldEvery: 10, onProgress: (d, t) => { expect(t).toBe(200); seen.push(d); } });
    await p;
    running = false;
    expect(seen).toEqual([50, 100, 150, 200]);
    expect(ticks).toBeGreaterThanOrEqual(10); // other work ran while the 20 slices did
  });

  it('a stop request mid-way rejects with AssessmentCancelled', async () => {
    let progress = 0;
    const p = assessAsync(city, operation('low'), { ...base, runs: 300, yieldEvery: 5, onProgress: (d) => { progress = d; }, shouldStop: () => progress >= 100 });
    await expect(p).rejects.toBeInstanceOf(AssessmentCancelled);
    expect(progress).toBe(100);
    // a stop from outside, between slices
    let stop = false;
    const q = assessAsync(city, operation('low'), { ...base, runs: 300, yieldEvery: 5, shouldStop: () => stop });
    setImmediate(() => { stop = true; });
    await expect(q).rejects.toThrow(/cancelled/);
  });

  it('rejects a bad slice size', async () => {
    await expect(assessAsync(city, operation('low'), { ...base, yieldEvery: 0 })).rejects.toThrow(/yieldEvery/);
  });
});

describe('compareOptions', () => {
  const city = district();
  it('ranks by killed + seriously injured and flags options it cannot tell apart', () => {
    const ops = [operation('high'), operation('low'), { ...operation('low'), name: 'op-low-again' }];
    const cmp = compareOptions(ops.map((o) => assess(city, o, base)));
    expect(cmp.options.map((o) => o.name)).toEqual(['op-low', 'op-low-again', 'op-high']);
    expect(cmp.options.map((o) => o.rank)).toEqual([1, 2, 3]);
    expect(cmp.indistinguishable).toContainEqual(expect.objectContaining({ a: 'op-low', b: 'op-low-again' }));
    expect(cmp.indistinguishable.some((p) => p.b === 'op-high' || p.a === 'op-high')).toBe(false);
  });
});
