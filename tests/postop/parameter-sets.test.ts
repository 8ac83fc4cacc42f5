/**
 * Parameter sets for future assessments: a calibrated set is stored, chosen, and materialised as
 * parameter records and adjusted profiles the engine takes as they are; the default set is unchanged.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DamageProbabilities } from '../../core/model/operation';
import { calibrate } from '../../core/postop/calibrate';
import {
  activeParameterSet, chooseParameterSet, chosenParameterSetName, listParameterSets, saveCalibratedSet, scaleDamageRow,
} from '../../core/postop/parameter-sets';
import { loadDefaultParameters, loadDefaultProfiles, parameterHash, resolveParameters } from '../../core/engine/parameters';
import type { Db } from '../../core/store/db';
import { tempStore } from './helpers';

const open: Db[] = [];
afterEach(() => { while (open.length) open.pop()!.close(); });
const store = () => { const s = tempStore(); open.push(s.db); return s.db; };

// Two operations where the model predicted twice the killed and half the damage observed in medium:0.
const CASES = [
  { id: 'op1', casualties: { killed: { predicted: 20, observed: 10 }, injured: null }, damageZones: [{ zoneKey: 'medium:0', n: 100, predictedP: 0.3, observed: 60 }] },
  { id: 'op2', casualties: { killed: { predicted: 40, observed: 20 }, injured: null }, damageZones: [{ zoneKey: 'medium:0', n: 80, predictedP: 0.3, observed: 50 }] },
];

describe('parameter sets', () => {
  it('scaleDamageRow keeps a distribution and scales P(state >= moderate) by the multiplier', () => {
    const row = { none: 0.3, slight: 0.25, moderate: 0.25, extensive: 0.15, complete: 0.05 };
    for (const m of [0.2, 0.5, 1, 1.5, 2, 5]) {
      const s = scaleDamageRow(row, m);
      expect(DamageProbabilities.safeParse(s).success).toBe(true);
      expect(s.moderate + s.extensive + s.complete).toBeCloseTo(Math.min(1, 0.45 * m), 9);
      expect(s.complete).toBeCloseTo(Math.min(1, 0.05 * m), 9);
    }
    expect(scaleDamageRow(row, 1)).toBe(row);
  });

  it('the default is chosen until a calibrated set is stored and chosen; the set then feeds the engine', () => {
    const db = store();
    expect(chosenParameterSetName(db)).toBe('default');
    const def = activeParameterSet(db);
    expect(def.name).toBe('default');
    expect(def.values).toEqual(loadDefaultParameters().values);
    expect(() => chooseParameterSet(db, 'calibrated')).toThrow(/no parameter set named "calibrated"/);

    const result = calibrate(CASES);
    expect(result.parameterSet.casualtyKilled).toBeLessThan(1);
    expect(result.parameterSet.damageByZone['medium:0']).toBeGreaterThan(1);
    saveCalibratedSet(db, result);
    chooseParameterSet(db, 'calibrated');
    const set = activeParameterSet(db);
    expect(set.name).toBe('calibrated');
    expect(listParameterSets(db).map((s) => [s.name, s.chosen])).toEqual([['default', false], ['calibrated', true]]);

    // Parameter records: killed rates scaled, injured unchanged (no evidence), multipliers recorded; the engine accepts them.
    const base = loadDefaultParameters().values;
    const mk = result.parameterSet.casualtyKilled;
    expect(set.values['casualty.indoor.collapse.sev4']!.value).toBeCloseTo((base['casualty.indoor.collapse.sev4']!.value as number) * mk, 12);
    expect(set.values['casualty.indoor.collapse.sev1']!.value).toBe(base['casualty.indoor.collapse.sev1']!.value);
    expect(set.values['calibration.damage.medium:0']!.value).toBe(result.parameterSet.damageByZone['medium:0']);
    expect(() => resolveParameters(set.values)).not.toThrow();
    expect(parameterHash(set.values)).not.toBe(parameterHash(base));

    // Profiles: medium zone 0 damage scaled by its own multiplier, other zones by the pooled one; outdoor killed by mk.
    const profiles = loadDefaultProfiles();
    const medium = set.applyToProfiles(profiles).find((p) => p.id === 'medium')!;
    const ref = profiles.find((p) => p.id === 'medium')!;
    const z0 = medium.zones[0]!.damage;
    expect(z0.moderate + z0.extensive + z0.complete).toBeCloseTo(Math.min(1, 0.45 * result.parameterSet.damageByZone['medium:0']!), 9);
    expect(medium.zones[0]!.outdoor.killed).toBeCloseTo(ref.zones[0]!.outdoor.killed * mk, 12);
    const high = set.applyToProfiles(profiles).find((p) => p.id === 'high')!;
    const h0 = high.zones[0]!.damage; const r0 = profiles.find((p) => p.id === 'high')!.zones[0]!.damage;
    expect(h0.moderate + h0.extensive + h0.complete).toBeCloseTo(Math.min(1, (r0.moderate + r0.extensive + r0.complete) * result.parameterSet.damage), 9);

    chooseParameterSet(db, 'default');
    expect(activeParameterSet(db).values).toEqual(base);
  });
});
