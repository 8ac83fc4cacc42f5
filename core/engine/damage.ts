/**
 * Step 3, damage (METHOD.md §1, §3): damage-state probabilities per zone and construction class.
 *
 * - Class scaling: the exceedance probabilities P(state >= k), k = slight..complete, of the
 *   profile's reference row are multiplied by the class factor and clipped to 1; clipping a
 *   non-increasing sequence keeps it non-increasing, so the states stay a distribution.
 * - Several areas: a building in zones of several areas takes the worst of independent draws, so
 *   P(state >= k) = 1 - prod_a (1 - P_a(state >= k)); outdoor rates combine as 1 - prod (1 - r).
 * - Buildings: complete damage splits into collapse (class collapse share) and no collapse, giving
 *   six outcomes: none, slight, moderate, extensive, complete without collapse, collapse.
 * - Facilities use the same rows with their own class (five states, no collapse split).
 */
import { CONSTRUCTION_CLASSES } from '../model/dataset';
import type { DamageProbabilities, EffectProfile, OutdoorRates } from '../model/operation';
import type { EngineParameters } from './parameters';

export const STATES = 5; // none, slight, moderate, extensive, complete
export const OUTCOMES = 6; // + collapse split out of complete
export const NCLASS = CONSTRUCTION_CLASSES.length;

const rowOf = (d: DamageProbabilities) => [d.none, d.slight, d.moderate, d.extensive, d.complete];

/** Exceedance P(state >= k) for k = 1..4 of a reference row scaled by a class factor, clipped to 1. */
export function scaledExceedance(d: DamageProbabilities, factor: number): number[] {
  const p = rowOf(d);
  const ex: number[] = [];
  for (let k = 1; k < STATES; k++) {
    let s = 0;
    for (let j = k; j < STATES; j++) s += p[j];
    ex.push(Math.min(1, s * factor));
  }
  return ex;
}

/** State probabilities [none..complete] from exceedances [>=1..>=4]. */
export function statesFromExceedance(ex: readonly number[]): number[] {
  const p = [1 - ex[0]];
  for (let k = 1; k < STATES; k++) p.push(Math.max(0, ex[k - 1] - (k < STATES - 1 ? ex[k] : 0)));
  return p;
}

export interface ComboDamage {
  /** Building outcomes per class: OUTCOMES probabilities per class (NCLASS x OUTCOMES). */
  building: Float64Array;
  /** Facility states per class (NCLASS x STATES). */
  facility: Float64Array;
  outdoor: OutdoorRates;
}

/** Damage distributions of every combo (zone of each area) for every construction class. */
export function comboDamage(combos: readonly Int16Array[], profiles: readonly EffectProfile[], params: EngineParameters): ComboDamage[] {
  return combos.map((zs) => {
    const building = new Float64Array(NCLASS * OUTCOMES), facility = new Float64Array(NCLASS * STATES);
    CONSTRUCTION_CLASSES.forEach((cls, c) => {
      const survive = [1, 1, 1, 1];
      zs.forEach((k, a) => {
        if (k < 0) return;
        const ex = scaledExceedance(profiles[a].zones[k].damage, params.classFactor[cls]);
        for (let j = 0; j < 4; j++) survive[j] *= 1 - ex[j];
      });
      const p = statesFromExceedance(survive.map((s) => 1 - s));
      for (let s = 0; s < STATES; s++) facility[c * STATES + s] = p[s];
      const collapse = params.collapseShare[cls];
      for (let s = 0; s < 4; s++) building[c * OUTCOMES + s] = p[s];
      building[c * OUTCOMES + 4] = p[4] * (1 - collapse);
      building[c * OUTCOMES + 5] = p[4] * collapse;
    });
    const keep = { killed: 1, serious: 1, light: 1 };
    zs.forEach((k, a) => {
      if (k < 0) return;
      const o = profiles[a].zones[k].outdoor;
      keep.killed *= 1 - o.killed; keep.serious *= 1 - o.serious; keep.light *= 1 - o.light;
    });
    return { building, facility, outdoor: { killed: 1 - keep.killed, serious: 1 - keep.serious, light: 1 - keep.light } };
  });
}
