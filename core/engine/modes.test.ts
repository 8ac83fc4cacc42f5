/**
 * One answer in both modes (issue 12): on a small hand-computed case, the expectation mode gives
 * the values worked out here from METHOD.md's numbers, and the Monte Carlo mean agrees with them
 * within sampling error, for casualties, beds lost, the bed gap and people-days.
 *
 * The case: 100,000 residents in one reinforced-concrete building, a 20-bed hospital and the
 * substation that powers it (no backup), all inside the area of the medium profile, at night.
 */
import { describe, expect, it } from 'vitest';
import { assess, assessWithSamples, type AssessOptions } from './assess';
import { prepareCity } from './city';
import { expectedLongest } from './cascade';
import { CAS_FIELDS, casIndex } from './casualties';
import { loadDefaultParameters, loadDefaultProfiles } from './parameters';
import { building, bundle, dep, facility, operation } from './testkit';
import { sectorFigure } from '../model/format';

const parameters = loadDefaultParameters();
const opts = (mode: AssessOptions['mode'], runs = 4000): AssessOptions => ({
  profiles: loadDefaultProfiles(), parameters: parameters.values, parameterSetName: parameters.name,
  runs, seed: 11, mode, appVersion: 'test', createdAt: '2026-01-01T00:00:00Z',
});
const v = (key: string) => parameters.values[key].value as number;

// ---- hand computation from METHOD.md §1-§4 ----
// medium profile, inside the area: P(>= slight, moderate, extensive, complete) = .70 .45 .20 .05;
// reinforced concrete scales them by 0.8 -> states none .44 slight .20 moderate .20 extensive .12 complete .04
const P = [0.44, 0.2, 0.2, 0.12, 0.04];
const RESIDENTS = 100_000, BEDS = 20;
const present = RESIDENTS * 0.99, indoors = present * (1 - 0.05), outdoors = present * 0.05;
const collapse = 0.04 * 0.13, noCollapse = 0.04 - collapse;
// indoor rates in % of occupants (METHOD.md §3): killed = sev 4, seriously injured = sev 2 + sev 3
const killed = indoors * (0.12 * 0.001 + noCollapse * 0.01 + collapse * 10) / 100 + outdoors * 0.01;
const serious = indoors * (0.2 * 0.025 + 0.12 * (0.1 + 0.001) + noCollapse * (1 + 0.01) + collapse * (20 + 5)) / 100 + outdoors * 0.03;
// facilities draw the same states. Down = functionality <= 0.5 (moderate or worse): P = .36 each.
const f = [1, 0.9, 0.5, 0.1, 0];
const pDown = 0.36;
// beds lost: beds x (1 - f) of the hospital's own state, or all beds when it is up but unpowered
const bedsLost = BEDS * (P.reduce((s, p, k) => s + p * (1 - f[k]), 0) + pDown * (P[0] * f[0] + P[1] * f[1]));
// days down (horizon 30): hospital 7 / 60 / 180 -> 7 / 30 / 30; substation 3 / 7 / 30; the hospital
// is out for the longer of the two (both outages start at day 0); its 100,000 residents lose health care
const hospitalDays = [0, 0, 7, 30, 30], substationDays = [0, 0, 3, 7, 30];
let longest = 0;
for (let a = 0; a < 5; a++) for (let b = 0; b < 5; b++) longest += P[a] * P[b] * Math.max(hospitalDays[a], substationDays[b]);
const healthPeopleDays = RESIDENTS * longest;

// the hospital states the people it serves (by beds alone, 20 beds x 1,000 people per bed would not cover the building)
function city() {
  return prepareCity(bundle({
    buildings: [building('B', 0, 0, { residents: RESIDENTS })],
    facilities: [
      facility('H', 'H', 'health', 'hospital', 30, 0, { capacity: { beds: BEDS, peopleServed: RESIDENTS } }),
      facility('S', 'S', 'power', 'substation', -30, 0),
    ],
    dependencies: [dep('H', 'S', 'power')],
  }), 'modes');
}

describe('expectation and Monte Carlo give one answer', () => {
  it('checks the parameters the hand computation uses', () => {
    expect([v('damage.classFactor.rc'), v('damage.collapseShare.rc'), v('occupancy.night.residential'), v('outdoorShare.night')]).toEqual([0.8, 0.13, 0.99, 0.05]);
    expect([v('restoration.hospital.moderate'), v('restoration.substation.moderate'), v('infrastructure.functionality.slight')]).toEqual([7, 3, 0.9]);
  });

  it('expectation mode equals the hand computation; beds lost are counted once; the gap is labelled a lower bound', () => {
    const r = assess(city(), operation('medium'), opts('expectation'));
    expect(r.casualties.killed.mean).toBeCloseTo(killed, 9);
    expect(r.casualties.seriouslyInjured.mean).toBeCloseTo(serious, 9);
    expect(r.infrastructure.beds.lost.mean).toBeCloseTo(bedsLost, 9);
    expect(bedsLost).toBeCloseTo(20 * 0.4912, 9); // not 20 x (0.268 + 0.36) as when slight damage and the outage both counted
    expect(r.infrastructure.beds.gapMeaning).toBe('lowerBound');
    // the gap is certain here (hundreds of seriously injured, 20 beds), so the bound is the expected gap
    expect(r.infrastructure.beds.gap.mean).toBeCloseTo(serious - (BEDS - bedsLost), 9);
    expect(sectorFigure(r.infrastructure.sectors.health, 'peopleDays')!.mean).toBeCloseTo(healthPeopleDays, 6);
    expect(sectorFigure(r.infrastructure.sectors.health, 'peopleWithoutService')!.mean).toBeCloseTo(RESIDENTS * (1 - 0.64 * 0.64), 6);
  });

  it('the Monte Carlo mean agrees within sampling error', () => {
    const { result: r, samples } = assessWithSamples(city(), operation('medium'), opts('montecarlo'));
    const runs = samples!.runs;
    expect(r.infrastructure.beds.gapMeaning).toBe('expected');
    const within = (name: string, mean: number, values: number[], want: number, relBias = 0) => {
      const m = values.reduce((s, x) => s + x, 0) / runs;
      const sd = Math.sqrt(values.reduce((s, x) => s + (x - m) ** 2, 0) / (runs - 1));
      expect(mean, name).toBeCloseTo(m, 6);
      // 4 standard errors, plus the documented clipping bias of multiplied collapse rates for casualties
      expect(Math.abs(m - want), `${name}: ${m} vs ${want}`).toBeLessThanOrEqual(4 * sd / Math.sqrt(runs) + relBias * want);
    };
    const bedsRuns = Array.from(samples!.bedsLost);
    within('beds lost', r.infrastructure.beds.lost.mean, bedsRuns, bedsLost);
    const health = sectorFigure(r.infrastructure.sectors.health, 'peopleDays')!;
    within('health people-days', health.mean, Array.from({ length: runs }, (_, i) => samples!.sectorPeopleDays[i * 5 + 2]), healthPeopleDays);
    // casualties: one building, so each run draws its one damage state (collapse in 0.5% of runs): wide, hence 4000 runs
    const col = (severity: number) => Array.from({ length: runs }, (_, i) => samples!.casualties[i * CAS_FIELDS + casIndex(0, severity, 0)]);
    within('killed', r.casualties.killed.mean, col(0), killed, 0.03);
    within('seriously injured', r.casualties.seriouslyInjured.mean, col(1), serious, 0.03);
    const gapRuns = col(1).map((si, i) => Math.max(0, si - Math.max(0, BEDS - bedsRuns[i])));
    within('bed gap', r.infrastructure.beds.gap.mean, gapRuns, serious - (BEDS - bedsLost), 0.03);
  });

  it('E[longest outage] of independent sources', () => {
    expect(expectedLongest([{ d: [10], p: [0.5] }, { d: [20], p: [0.5] }])).toBeCloseTo(0.5 * 20 + 0.25 * 10, 12);
    expect(expectedLongest([{ d: [3, 7], p: [0.2, 0.1] }])).toBeCloseTo(0.6 + 0.7, 12);
  });
});
