import { describe, expect, it } from 'vitest';
import { comboDamage, scaledExceedance, statesFromExceedance } from './damage';
import { loadDefaultParameters, loadDefaultProfiles, resolveParameters } from './parameters';

const params = resolveParameters(loadDefaultParameters().values);
const [, medium, high] = loadDefaultProfiles();

describe('damage', () => {
  it('scales exceedance, clips at one and stays a distribution', () => {
    const row = high.zones[0].damage; // .10 .15 .25 .25 .25
    const ex = scaledExceedance(row, 1.3);
    expect(ex[0]).toBe(1); // 0.9 * 1.3 clipped
    expect(ex[1]).toBeCloseTo(0.75 * 1.3, 12);
    expect(ex[3]).toBeCloseTo(0.25 * 1.3, 12);
    const p = statesFromExceedance(ex);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p.every((x) => x >= 0)).toBe(true);
    expect(p[0]).toBe(0);
  });
  it('splits complete damage into collapse by class and combines two areas as the worst of independent draws', () => {
    const [c0] = comboDamage([Int16Array.of(0)], [medium], params);
    const urm = 1; // CONSTRUCTION_CLASSES index
    const complete = 0.05 * 1.2;
    expect(c0.building[urm * 6 + 5]).toBeCloseTo(complete * 0.15, 12);
    expect(c0.building[urm * 6 + 4]).toBeCloseTo(complete * 0.85, 12);
    const [both] = comboDamage([Int16Array.of(0, 0)], [medium, medium], params);
    const rc = 2, exComplete = 0.05 * 0.8;
    expect(both.facility[rc * 5 + 4]).toBeCloseTo(1 - (1 - exComplete) ** 2, 12);
    expect(both.outdoor.killed).toBeCloseTo(1 - 0.99 ** 2, 12);
  });
});
