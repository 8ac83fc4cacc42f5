import { describe, expect, it } from 'vitest';
import type { Dependency, Facility } from '../model/dataset';
import { CascadeModel, type FacilityExposure } from './cascade';
import { prepareCity } from './city';
import { loadDefaultParameters, resolveParameters } from './parameters';
import { bundle, dep, facility, unit } from './testkit';

const params = resolveParameters(loadDefaultParameters().values);
const STATE = { none: 0, slight: 1, moderate: 2, extensive: 3, complete: 4 } as const;

/**
 * Build a cascade over hand-written facilities; `hit` gives the certain direct damage state of
 * some of them. Returns one deterministic run (states fixed, so no random draw is involved).
 */
function cascade(facilities: Facility[], deps: Dependency[], hit: Record<string, keyof typeof STATE>, horizon = 30) {
  // 41,200 residents in one cell: each facility serves them (the only one of its kind)
  const units = [unit('u', 1000, 1000, 50, 41_200)];
  const city = prepareCity(bundle({ facilities, dependencies: deps, populationUnits: units }), 'h');
  const exposed: FacilityExposure[] = Object.entries(hit).map(([id, s]) => {
    const states = new Float64Array(5); states[STATE[s]] = 1;
    return { facility: city.facilities.byId.get(id)!, states, zoneByArea: [0], distanceM: 0 };
  });
  const model = new CascadeModel(city, exposed, params, horizon);
  const out = model.newRun();
  const states = new Int8Array(model.tracked.length);
  model.tracked.forEach((f, i) => { const s = hit[city.facilities.ids[f]]; if (s) states[i] = STATE[s]; });
  model.run(null, out, states);
  const get = (id: string) => {
    const i = model.tracked.indexOf(city.facilities.byId.get(id)!);
    if (i < 0 || !out.downList.includes(i)) return { down: 0, direct: 0, days: 0, chain: 'not down' };
    return { down: 1, direct: out.direct[i], days: out.days[i], chain: model.describeChain(i, (j) => (out.downList.includes(j) ? out.chain[j] : -1)) };
  };
  return { get, out, model };
}

const S = (id: string, name = id, x = 0) => facility(id, name, 'power', 'substation', x, 0);
const P = (id: string, name = id, x = 100) => facility(id, name, 'water', 'pumping_station', x, 0);

describe('cascade', () => {
  it('chains through hundreds of tracked facilities keep their cause (codes beyond 2^31)', () => {
    // S -> P0 -> P1 -> ... -> P249: the cause codes of the far end name suppliers with tracked indexes > 170 (code > 2^31)
    const ps = Array.from({ length: 250 }, (_, i) => P(`P${i}`, `P${i}`, 100 + i));
    const deps = ps.map((p, i) => dep(p.id, i === 0 ? 'S' : `P${i - 1}`, 'power'));
    const { get } = cascade([S('S', 'S'), ...ps], deps, { S: 'extensive' });
    const chain = get('P249').chain;
    expect(chain).toMatch(/^Substation S \(direct, extensive\) -> Pumping station P0 \(no power after 0 days\) -> /);
    expect(chain.split(' -> ')).toHaveLength(252);
  });

  it('a chain: substation -> pumping station -> treatment plant, with the chain in words', () => {
    const T = facility('T', 'Plant T', 'water', 'treatment_plant', 200, 0);
    const { get, out } = cascade([S('S', 'Serra do Pilar'), P('P', 'P3'), T], [dep('P', 'S', 'power'), dep('T', 'P', 'power')], { S: 'extensive' });
    // sectors: power 0 water 1; the same people lose water from P and T, counted once
    expect(out.people[1]).toBe(41_200);
    expect(out.peopleDays[1]).toBe(41_200 * 7);
    expect(out.people[0]).toBe(41_200);
    expect(get('S')).toMatchObject({ down: 1, direct: 1, days: 7 });
    expect(get('P')).toMatchObject({ down: 1, direct: 0, days: 7 });
    expect(get('P').chain).toBe('Substation Serra do Pilar (direct, extensive) -> Pumping station P3 (no power after 0 days) -> 41,200 people without water');
    expect(get('T').days).toBe(7);
    expect(get('T').chain.split(' -> ')).toHaveLength(4);
  });

  it('redundancy: two suppliers, one hit, the consumer stays up; both hit, it goes down for the shorter outage', () => {
    const deps = [dep('P', 'S1', 'power'), dep('P', 'S2', 'power')];
    const one = cascade([S('S1'), S('S2', 'S2', 50), P('P')], deps, { S1: 'complete' });
    expect(one.get('S1').down).toBe(1);
    expect(one.get('P').down).toBe(0);
    const both = cascade([S('S1'), S('S2', 'S2', 50), P('P')], deps, { S1: 'complete', S2: 'extensive' });
    expect(both.get('P')).toMatchObject({ down: 1, days: 7 }); // both down only while S2 (7 days) is
  });

  it('a cycle reaches a fixed point: power plant needs water, pumping station needs power', () => {
    const G = facility('G', 'G', 'power', 'plant', 0, 0);
    const deps = [dep('G', 'W', 'water', 2), dep('W', 'G', 'power', 1)];
    const { get } = cascade([G, P('W')], deps, { G: 'moderate' }); // plant moderate: 3.6 days
    expect(get('G')).toMatchObject({ down: 1, direct: 1 });
    expect(get('G').days).toBeCloseTo(3.6, 12);
    expect(get('W').days).toBeCloseTo(3.6 - 1, 12); // out from day 1 (backup) until power returns
    // nothing hit: the cycle stays up
    const quiet = cascade([G, P('W')], deps, {});
    expect(quiet.get('W').down).toBe(0);
  });

  it('a backup that lasts past the outage, or past the horizon, prevents the failure; a shorter one delays it', () => {
    const H = facility('H', 'General', 'health', 'hospital', 100, 0, { capacity: { beds: 300 } });
    // substation moderate = 3 days: a 3-day generator covers it (failure needs b < D)
    expect(cascade([S('S'), H], [dep('H', 'S', 'power', 3)], { S: 'moderate' }).get('H').down).toBe(0);
    // extensive = 7 days: out from day 3 to day 7
    const short = cascade([S('S'), H], [dep('H', 'S', 'power', 3)], { S: 'extensive' });
    expect(short.get('H')).toMatchObject({ down: 1, direct: 0, days: 4 });
    expect(short.get('H').chain).toContain('(no power after 3 days)');
    expect(short.out.bedsLost).toBe(300);
    // complete = 30 days, horizon 20: the outage is clipped, a 25-day backup outlasts the horizon
    expect(cascade([S('S'), H], [dep('H', 'S', 'power', 25)], { S: 'complete' }, 20).get('H').down).toBe(0);
    const within = cascade([S('S'), H], [dep('H', 'S', 'power', 10)], { S: 'complete' }, 20);
    expect(within.get('H').days).toBe(10);
  });

  it('an outage that starts later is shorter within the horizon', () => {
    const Q = facility('Q', 'Q', 'sanitation', 'sewage_pumping', 300, 0);
    const { get } = cascade([S('S'), P('P'), Q], [dep('P', 'S', 'power', 5), dep('Q', 'P', 'power', 5)], { S: 'complete' });
    expect(get('S').days).toBe(30);
    expect(get('P').days).toBe(25);
    expect(get('Q').days).toBe(20);
  });
});
