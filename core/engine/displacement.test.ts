/**
 * Displacement, minimum needs and schools (issue 17) on a small hand-computed case, worked out here
 * from the records in data/parameters.json: the expectation mode gives the hand values and the Monte
 * Carlo mean agrees within three standard errors.
 *
 * The case: 1,000 residents in one reinforced-concrete building, a school of 200 pupils and a pumping
 * station serving the residents, all inside the area of the medium profile, at night, horizon 30 days.
 */
import { describe, expect, it } from 'vitest';
import { assess, assessWithSamples, type AssessOptions } from './assess';
import { prepareCity } from './city';
import { loadDefaultParameters, loadDefaultProfiles } from './parameters';
import { building, bundle, facility, operation, squareM } from './testkit';
import { AssessmentResult } from '../model/assessment';

const parameters = loadDefaultParameters();
const opts = (mode: AssessOptions['mode'], runs = 4000): AssessOptions => ({
  profiles: loadDefaultProfiles(), parameters: parameters.values, parameterSetName: parameters.name,
  runs, seed: 17, mode, appVersion: 'test', createdAt: '2026-01-01T00:00:00Z',
});
const v = (key: string) => parameters.values[key].value as number;

// ---- hand computation ----
// medium profile inside the area, reinforced concrete (x 0.8): none .44 slight .20 moderate .20 extensive .12 complete .04
const P = [0.44, 0.2, 0.2, 0.12, 0.04];
const RESIDENTS = 1000, PUPILS = 200, H = 30;
// Hazus ch. 14 weights: uninhabitable = w_moderate P_moderate + w_extensive P_extensive + w_complete P_complete
const pUninhabitable = v('displacement.uninhabitable.moderate') * P[2] + v('displacement.uninhabitable.extensive') * P[3] + v('displacement.uninhabitable.complete') * P[4];
const byDamage = RESIDENTS * pUninhabitable;
// the pumping station draws the same states: out 3.1 / 13.5 / 35 (clipped to 30) days when moderate or worse
const pumpDays = [0, 0, v('restoration.pumping_station.moderate'), v('restoration.pumping_station.extensive'), Math.min(H, v('restoration.pumping_station.complete'))];
const N = v('displacement.utilityDays');
const byUtilities = RESIDENTS * P.reduce((s, p, k) => s + (pumpDays[k] > N ? p : 0), 0);
// counted once: D + U (1 - D / R); building and pump damage are independent draws, so E[U D] = E[U] E[D]
const displaced = byDamage + byUtilities * (1 - byDamage / RESIDENTS);
const litres = v('needs.waterLitresPerPersonDay');
const waterPeopleDays = RESIDENTS * P.reduce((s, p, k) => s + p * pumpDays[k], 0);
const shelter = displaced * v('displacement.publicShelterShare');
// school: closed 30 days (min(horizon, closure)) when moderate or worse, else as long as the pump is out
const pSchool = P[2] + P[3] + P[4];
const pupilDays = PUPILS * P.reduce((s, ps, a) => s + ps * P.reduce((t, pp, b) => t + pp * Math.max(a >= 2 ? Math.min(H, v('education.damagedClosureDays')) : 0, pumpDays[b]), 0), 0);
const pupilsOut = PUPILS * (1 - (1 - pSchool) * (1 - pSchool));

const city = (o: { residents?: number; school?: boolean; schoolAt?: number } = {}) => prepareCity(bundle({
  buildings: [
    building('B', 0, 0, { residents: o.residents ?? RESIDENTS }),
    ...(o.school === false ? [] : [building('S', o.schoolAt ?? 20, 0, { use: 'education', residents: 0, workers: PUPILS })]),
  ],
  facilities: [facility('W', 'P3', 'water', 'pumping_station', -30, 0, { capacity: { peopleServed: RESIDENTS } })],
}), 'displacement');

describe('displacement, needs and schools (issue 17)', () => {
  it('checks the records the hand computation uses', () => {
    expect([v('displacement.uninhabitable.extensive'), v('displacement.uninhabitable.complete'), v('displacement.utilityDays'), litres]).toEqual([0.9, 1, 7, 15]);
    expect(parameters.values['displacement.publicShelterShare'].source).toMatch(/PLANNING ASSUMPTION/);
    expect(parameters.values['needs.coveredSpaceM2PerPerson'].source).toMatch(/Sphere/);
  });

  it('expectation mode equals the hand computation', () => {
    const r = assess(city(), operation('medium'), opts('expectation'));
    const h = AssessmentResult.parse(r).humanitarian!;
    const d = h.displacement;
    expect(d.byCause.damage.mean).toBeCloseTo(byDamage, 9);
    expect(d.byCause.utilities!.mean).toBeCloseTo(byUtilities, 9);
    expect(d.displaced.mean).toBeCloseTo(displaced, 9);
    // groups: dataset default breakdown (female .5, 0-14 .2, 65+ .1, disabled .15)
    expect(d.byGroup.women.mean).toBeCloseTo(displaced * 0.7 * 0.5, 9);
    expect(d.byGroup.girls.mean).toBeCloseTo(displaced * 0.2 * 0.5, 9);
    expect(d.byGroup.elderly.mean).toBeCloseTo(displaced * 0.1, 9);
    expect(d.byGroup.disabled.mean).toBeCloseTo(displaced * 0.15, 9);
    expect(d.byArea).toEqual([{ areaId: 'A', damage: d.byCause.damage }]);
    expect(d.publicShelter.mean).toBeCloseTo(shelter, 9);
    expect(h.needs.waterLitresPerDay.mean).toBeCloseTo(displaced * litres, 9);
    expect(h.needs.coveredSpaceM2.mean).toBeCloseTo(shelter * 3.5, 9);
    expect(h.needs.latrines.mean).toBeCloseTo(shelter / 20, 9);
    expect(h.needs.beds.mean).toBeCloseTo(displaced * 10 / 10_000, 9);
    expect(h.needs.cutOff.status).toBe('estimated');
    if (h.needs.cutOff.status === 'estimated') expect(h.needs.cutOff.truckedWaterLitres.mean).toBeCloseTo(waterPeopleDays * litres, 6);
    expect(h.education.status).toBe('estimated');
    if (h.education.status !== 'estimated') return;
    expect(h.education.pupils.mean).toBeCloseTo(pupilsOut, 9);
    expect(h.education.pupilDays.mean).toBeCloseTo(pupilDays, 9);
    expect(h.education.schools[0].chain).toMatch(/School at .* pupils out of school/);
  });

  it('the Monte Carlo mean agrees within three standard errors', () => {
    const { result: r, samples } = assessWithSamples(city(), operation('medium'), opts('montecarlo'));
    const runs = samples!.runs, stride = samples!.consequences.length / runs;
    const col = (k: number) => Array.from({ length: runs }, (_, i) => samples!.consequences[i * stride + k]);
    const within = (name: string, mean: number, values: number[], want: number) => {
      const m = values.reduce((s, x) => s + x, 0) / runs;
      const sd = Math.sqrt(values.reduce((s, x) => s + (x - m) ** 2, 0) / (runs - 1));
      expect(mean, name).toBeCloseTo(m, 6);
      expect(Math.abs(m - want), `${name}: ${m} vs ${want}`).toBeLessThanOrEqual(3 * sd / Math.sqrt(runs));
    };
    const h = r.humanitarian!;
    const dmg = col(0), water = col(7);
    within('displaced by damage', h.displacement.byCause.damage.mean, dmg, byDamage);
    within('displaced for want of water', h.displacement.byCause.utilities!.mean, water, byUtilities);
    within('displaced', h.displacement.displaced.mean, dmg.map((x, i) => x + water[i] * (1 - x / RESIDENTS)), displaced);
    expect(h.displacement.displaced.p05).toBeLessThan(h.displacement.displaced.p95);
    expect(h.needs.waterLitresPerDay.mean).toBeCloseTo(h.displacement.displaced.mean * litres, 6);
    if (h.education.status !== 'estimated') throw new Error('education should be estimated');
    within('pupil-days', h.education.pupilDays.mean, col(stride - 1), pupilDays);
    within('pupils out of school', h.education.pupils.mean, col(stride - 2), pupilsOut);
  });

  it('no residents, no displacement', () => {
    for (const mode of ['expectation', 'montecarlo'] as const) {
      const h = assess(city({ residents: 0 }), operation('medium'), opts(mode, 200)).humanitarian!;
      expect(h.displacement.displaced).toEqual({ mean: 0, p05: 0, p50: 0, p95: 0 });
      expect(h.needs.waterLitresPerDay.mean).toBe(0);
    }
  });

  it('no school in the zones, no pupil-days lost; no school in the dataset, no data', () => {
    for (const mode of ['expectation', 'montecarlo'] as const) {
      // the school 20 km away: outside every zone and beyond the pump's 5 km service distance
      const far = assess(city({ schoolAt: 20_000 }), operation('medium'), opts(mode, 200)).humanitarian!.education;
      expect(far.status).toBe('estimated');
      if (far.status === 'estimated') { expect(far.pupilDays.mean).toBe(0); expect(far.pupils.p95).toBe(0); expect(far.schools).toEqual([]); }
      const none = assess(city({ school: false }), operation('medium'), opts(mode, 200)).humanitarian!.education;
      expect(none).toEqual({ status: 'nodata', reason: 'the dataset has no schools (no building of use education)' });
    }
  });

  it('the school layout a prepared city keeps is reused only for the same schools and facilities', () => {
    // a school 400 m east: beyond the zones of the first area (to 350 m), inside those of the second
    const c = city({ schoolAt: 400 }), first = operation('medium'), second = operation('medium', {}, squareM(300, 0, 100));
    for (const mode of ['expectation', 'montecarlo'] as const) {
      const a = assess(c, first, opts(mode, 200)), b = assess(c, second, opts(mode, 200)), again = assess(c, first, opts(mode, 200));
      expect(again).toEqual(a);
      expect(b).toEqual(assess(city({ schoolAt: 400 }), second, opts(mode, 200)));
      expect(b.humanitarian!.education).not.toEqual(a.humanitarian!.education);
    }
  });

  it('results stored before issue 17 still load', () => {
    const r = assess(city(), operation('medium'), opts('expectation'));
    const { humanitarian: _, ...old } = r;
    expect(AssessmentResult.parse(old).humanitarian).toBeUndefined();
  });
});
