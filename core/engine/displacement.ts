/**
 * Step 5c, displacement (issue 17; Hazus Earthquake Technical Manual ch. 14, shelter needs).
 *
 * Residents leave their dwelling when it is uninhabitable or when it has been without water or power
 * for too long:
 * - Uninhabitable: a dwelling in damage state d is uninhabitable with weight w_d (Hazus eq. 14-1 and
 *   table 14-1, multi-family defaults: moderate 0, extensive 0.9, complete 1; parameters
 *   `displacement.uninhabitable.*`). Residents displaced = residents x w(state); a building's state is
 *   the one the casualty model drew in the same run (no draw of its own, no stream shifted); units
 *   without buildings take the expected mix of states, as for casualties. Residents are counted
 *   whoever has left after warning: their homes are gone either way.
 * - Utilities: residents without water, or without power, for more than `displacement.utilityDays`
 *   (the service signatures of the cascade). Departure: where both are lost the larger of the two
 *   sectors is taken (the service data does not say which residents lose both), so this part is a
 *   lower bound of "without water or power".
 * - Counted once: D + U x (1 - D / R), R the residents of the dataset (being in an uninhabitable
 *   dwelling taken as independent of being cut off, across the city).
 * - Groups: damage-displaced by the composition of their dwellings; utility-displaced by the
 *   composition of the dataset's residents. Per area: damage only (utility outages are city-wide).
 * - Expectation mode: damage part exact; utilities part from the cascade's expectation (single-source
 *   scenarios, as for people without service) with max(E[water], E[power]) for the larger sector, a
 *   lower bound of E[max]; the union uses the expectations (approximate).
 */
import { SECTORS } from '../model/dataset';
import type { CityModel } from './city';
import { OUTCOMES, type ComboDamage } from './damage';
import { PEOPLE_FIELDS, residentShares, type Exposure } from './exposure';
import type { CasualtySampler } from './casualties';
import type { InfrastructureRun } from './cascade';
import { numOrDefault, type ParameterValues } from './parameters';

const WATER = SECTORS.indexOf('water'), POWER = SECTORS.indexOf('power');

export interface DisplacementParameters {
  /** Uninhabitable weight per damage outcome (none, slight, moderate, extensive, complete no collapse, collapse). */
  weight: Float64Array;
  utilityDays: number;
  publicShelterShare: number;
}

export function displacementParameters(set: ParameterValues): DisplacementParameters {
  const m = numOrDefault(set, 'displacement.uninhabitable.moderate'), e = numOrDefault(set, 'displacement.uninhabitable.extensive'), c = numOrDefault(set, 'displacement.uninhabitable.complete');
  return { weight: Float64Array.of(0, 0, m, e, c, c), utilityDays: numOrDefault(set, 'displacement.utilityDays'), publicShelterShare: numOrDefault(set, 'displacement.publicShelterShare') };
}

/**
 * Per-run figures, DISPLACEMENT_FIXED + number of areas values:
 * damage-displaced total and six groups, utility-displaced (water, power), then damage-displaced per area.
 */
export const DISPLACEMENT_FIXED = PEOPLE_FIELDS + 2;

/** Residents of a prepared city by group: a pass over every unit and building, made once per city. */
const CITY_RESIDENTS = new WeakMap<CityModel, Float64Array>();

/**
 * Exposed items with residents, their combo and their residents by group (PEOPLE_FIELDS each). They
 * depend on the items only, which exposure.ts keeps with an area's hits: kept with them (never written).
 */
const RESIDENT_ITEMS = new WeakMap<Float64Array, { items: Int32Array; itemCombo: Int32Array; groups: Float64Array }>();
function residentItems(x: Exposure, sharesOf: (row: number) => number[]): { items: Int32Array; itemCombo: Int32Array; groups: Float64Array } {
  const kept = RESIDENT_ITEMS.get(x.itemResidents);
  if (kept) return kept;
  const G = PEOPLE_FIELDS;
  // typed arrays filled in plain loops (Int32Array.from with a map function was most of this step)
  let n = 0;
  const items = new Int32Array(x.count), itemCombo = new Int32Array(x.count);
  for (let i = 0; i < x.count; i++) if (x.itemResidents[i] > 0) { items[n] = i; itemCombo[n] = x.itemCombo[i]; n++; }
  const groups = new Float64Array(n * G);
  // items come in search order: neighbours mostly share a breakdown row
  let row = -1, s = sharesOf(0);
  for (let j = 0; j < n; j++) {
    const i = items[j], r = x.itemResidents[i];
    if (x.itemBreakdown[i] !== row) { row = x.itemBreakdown[i]; s = sharesOf(row); }
    for (let g = 0; g < G; g++) groups[j * G + g] = r * s[g];
  }
  const out = { items: items.subarray(0, n), itemCombo: itemCombo.subarray(0, n), groups };
  RESIDENT_ITEMS.set(x.itemResidents, out);
  return out;
}

export class DisplacementModel {
  readonly fields: number;
  /** Exposed building items with residents, their combo, and their residents by group (PEOPLE_FIELDS each). */
  private readonly items: Int32Array;
  private readonly itemCombo: Int32Array;
  private readonly groups: Float64Array;
  /** Expected displaced residents of units without buildings, per combo and group (the same in every run). */
  private readonly unitDisplaced: Float64Array;
  private readonly acc: Float64Array;
  /** Residents of the dataset, and their composition (total then groups). */
  readonly cityResidents: Float64Array;
  readonly utilitiesKnown: boolean;

  constructor(city: CityModel, private readonly x: Exposure, private readonly damage: readonly ComboDamage[], readonly p: DisplacementParameters, unitClass: number) {
    const nA = x.zones.length, nC = x.combos.length, G = PEOPLE_FIELDS;
    this.fields = DISPLACEMENT_FIXED + nA;
    const B = city.buildings, U = city.units;
    const shares = new Map<number, number[]>();
    const sharesOf = (row: number) => { let s = shares.get(row); if (!s) { s = residentShares(city, row); shares.set(row, s); } return s; };
    ({ items: this.items, itemCombo: this.itemCombo, groups: this.groups } = residentItems(x, sharesOf));
    this.unitDisplaced = new Float64Array(nC * G);
    for (let c = 0; c < nC; c++) {
      let w = 0;
      for (let o = 1; o < OUTCOMES; o++) w += damage[c].building[unitClass * OUTCOMES + o] * p.weight[o];
      for (let g = 0; g < G; g++) this.unitDisplaced[c * G + g] = w * x.unitResidentGroups[c * G + g];
    }
    this.acc = new Float64Array(nC * G);
    let cityResidents = CITY_RESIDENTS.get(city);
    if (!cityResidents) {
      cityResidents = new Float64Array(G);
      for (let u = 0; u < U.count; u++) {
        if (U.allocated[u] || !(U.residents[u] > 0)) continue;
        const s = sharesOf(U.breakdown[u]);
        for (let g = 0; g < G; g++) cityResidents[g] += U.residents[u] * s[g];
      }
      for (let b = 0; b < B.count; b++) {
        if (!(B.residents[b] > 0)) continue;
        const s = sharesOf(B.breakdown[b]);
        for (let g = 0; g < G; g++) cityResidents[g] += B.residents[b] * s[g];
      }
      CITY_RESIDENTS.set(city, cityResidents);
    }
    this.cityResidents = cityResidents;
    let water = false, power = false;
    for (let f = 0; f < city.facilities.count; f++) { if (city.facilities.sector[f] === WATER) water = true; if (city.facilities.sector[f] === POWER) power = true; }
    this.utilitiesKnown = water || power;
  }

  /** Sums the per-combo displaced (total and groups) into out[0..G) and per area into out[DISPLACEMENT_FIXED + a]. */
  private finishDamage(acc: Float64Array, out: Float64Array): void {
    const G = PEOPLE_FIELDS, combos = this.x.combos;
    for (let c = 0; c < combos.length; c++) {
      for (let g = 0; g < G; g++) out[g] += acc[c * G + g];
      const zs = combos[c];
      for (let a = 0; a < zs.length; a++) if (zs[a] >= 0) out[DISPLACEMENT_FIXED + a] += acc[c * G];
    }
  }

  /** Per item with residents: position of its draw, and the thresholds for moderate, extensive and complete or worse (set on the first run). */
  private pos: Int32Array | null = null;
  private th: Float64Array | null = null;

  /** One Monte Carlo run, after the casualty sampler and the cascade ran: writes `fields` values into out (zeroed by the caller). */
  run(sampler: CasualtySampler, infra: InfrastructureRun, sv: CityModel['service'], out: Float64Array): void {
    const G = PEOPLE_FIELDS, acc = this.acc, w = this.p.weight, n = this.items.length;
    if (!this.pos || !this.th) {
      this.pos = Int32Array.from(this.items, (i) => sampler.position(i));
      this.th = new Float64Array(n * 3);
      for (let j = 0; j < n; j++) for (let k = 0; k < 3; k++) this.th[j * 3 + k] = sampler.threshold(this.items[j], k + 2);
    }
    const draws = sampler.runDraws, pos = this.pos, th = this.th;
    // weights: moderate w[2], extensive w[3], complete (with or without collapse) w[4] = w[5]
    const wM = w[2], wE = w[3], wC = w[4];
    acc.set(this.unitDisplaced);
    for (let j = 0; j < n; j++) {
      const u = draws[pos[j]], t = j * 3;
      if (u < th[t]) continue; // below moderate: habitable
      const wo = u >= th[t + 2] ? wC : u >= th[t + 1] ? wE : wM;
      if (wo === 0) continue;
      const a = this.itemCombo[j] * G, b = j * G;
      for (let g = 0; g < G; g++) acc[a + g] += wo * this.groups[b + g];
    }
    this.finishDamage(acc, out);
    const N = this.p.utilityDays;
    for (let q = 0; q < infra.sigList.length; q++) {
      const g = infra.sigList[q];
      if (!(infra.sigDays[g] > N)) continue;
      const k = sv.sector[g];
      if (k === WATER) out[G] += sv.pop[g]; else if (k === POWER) out[G + 1] += sv.pop[g];
    }
  }

  /** Expectation mode: the same fields, damage exact, utilities from the cascade's people beyond utilityDays per sector. */
  expected(peopleBeyond: Float64Array): Float64Array {
    const G = PEOPLE_FIELDS, out = new Float64Array(this.fields), acc = Float64Array.from(this.unitDisplaced), w = this.p.weight;
    for (let j = 0; j < this.items.length; j++) {
      const i = this.items[j], c = this.itemCombo[j], cls = this.x.itemClass[i];
      let wo = 0;
      for (let o = 1; o < OUTCOMES; o++) wo += this.damage[c].building[cls * OUTCOMES + o] * w[o];
      if (wo === 0) continue;
      for (let g = 0; g < G; g++) acc[c * G + g] += wo * this.groups[j * G + g];
    }
    this.finishDamage(acc, out);
    out[G] = peopleBeyond[WATER]; out[G + 1] = peopleBeyond[POWER];
    return out;
  }

  /**
   * Displaced counted once, by group: damage part + utility part x (1 - D / R), the utility part split
   * by the dataset's composition. Returns total then the six groups (PEOPLE_FIELDS values).
   */
  combine(v: ArrayLike<number>): Float64Array {
    const G = PEOPLE_FIELDS, R = this.cityResidents[0], out = new Float64Array(G);
    const D = v[0], U = Math.max(v[G], v[G + 1]);
    const keep = R > 0 ? Math.max(0, 1 - D / R) : 0;
    for (let g = 0; g < G; g++) out[g] = v[g] + (R > 0 ? U * keep * this.cityResidents[g] / R : 0);
    return out;
  }
}
