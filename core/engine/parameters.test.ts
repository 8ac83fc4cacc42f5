import { describe, expect, it } from 'vitest';
import { listAssumptions, loadDefaultParameters, loadDefaultProfiles, parameterHash, resolveParameters } from './parameters';

describe('parameters', () => {
  it('loads the shipped defaults with the METHOD.md values', () => {
    const set = loadDefaultParameters();
    const p = resolveParameters(set.values);
    expect(p.occupancy.night.residential).toBe(0.99);
    expect(p.occupancy.day.commercial).toBe(0.98);
    expect(p.indoorRates.collapse).toEqual({ light: 0.4, serious: 0.25, killed: 0.1 });
    expect(p.restorationDays.pumping_station).toEqual([0, 0.9, 3.1, 13.5, 35]);
    expect(p.collapseShare.urm).toBe(0.15);
  });
  it('every record has a unit and a source', () => {
    const set = loadDefaultParameters();
    for (const [k, r] of Object.entries(set.values)) {
      expect(r.unit, k).not.toBe('');
      expect(r.source.length, k).toBeGreaterThan(5);
    }
  });
  it('rejects a set with a missing record', () => {
    const set = loadDefaultParameters();
    const { ['uncertainty.rateSigma']: _drop, ...rest } = set.values;
    expect(() => resolveParameters(rest)).toThrow(/uncertainty.rateSigma/);
  });
  it('hash changes with values, not with labels', () => {
    const set = loadDefaultParameters();
    const h = parameterHash(set.values);
    const relabelled = { ...set.values, 'montecarlo.runs': { ...set.values['montecarlo.runs'], label: 'x' } };
    expect(parameterHash(relabelled)).toBe(h);
    const changed = { ...set.values, 'montecarlo.runs': { ...set.values['montecarlo.runs'], value: 10 } };
    expect(parameterHash(changed)).not.toBe(h);
  });
  it('profiles are the three illustrative classes', () => {
    const profiles = loadDefaultProfiles();
    expect(profiles.map((p) => p.id)).toEqual(['low', 'medium', 'high']);
    expect(profiles.every((p) => p.illustrative && /illustrative/i.test(p.source))).toBe(true);
    const a = listAssumptions(loadDefaultParameters().values, profiles);
    expect(a.find((x) => x.key === 'profile.high')?.label).toMatch(/ILLUSTRATIVE/);
  });
});
