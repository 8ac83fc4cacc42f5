/**
 * Predicted against observed (METHOD.md §7). Pure: no store, no clock.
 *
 * - Every predicted figure beside the observed one, with whether the observation falls inside the
 *   5-95% interval; coverage is the share that does (a calibrated model covers about 90%).
 * - Bias ratio = observed / predicted mean (1 = unbiased; 2 = the model under-predicts by half).
 * - Facilities: Brier score over the facilities whose status was observed (mean of (pDown - down)^2;
 *   0 perfect, 0.25 = always saying 50%). A facility counts as predicted down when pDown >= 0.5
 *   (option `pDownThreshold`): hit = predicted and observed down, miss = observed down but not
 *   predicted, false alarm = predicted but observed up. Facilities with no observed status are not
 *   scored: no record is not evidence that a facility stayed up.
 * - Building damage by zone: only buildings inside an observed footprint count, because outside it
 *   no record is not evidence of no damage. A building is "damaged" when observed class >= 2
 *   (moderate or worse; option `damageThreshold`), matched to predicted P(moderate, extensive or
 *   complete). "Possible damage" (class 1) is left out by default: it is the analysts' uncertain
 *   class, and Hazus "slight" damage is rarely visible from imagery.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { bboxOf, inBox } from '../geometry/bbox';
import { equirectangularM } from '../geometry/projection';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { GROUPS, type AssessmentResult, type Group, type Interval } from '../model/assessment';
import { SECTORS } from '../model/dataset';
import type { DamageProbabilities } from '../model/operation';
import type { Confidence, ObservedOutcomes } from './observations';

// ---------- what the engine must provide for building damage ----------

/** One exposed building with the engine's damage-state probabilities (METHOD.md §1, after construction scaling). */
export interface PredictedBuilding {
  id: string;
  /** Footprint centroid (or the point), WGS84. */
  lonLat: [number, number];
  areaId: string;
  zoneIndex: number;
  /** Key that is the same across operations for the same profile zone, e.g. "medium:0"; used by calibration. Default "zone <index>". */
  zoneKey?: string;
  p: DamageProbabilities;
}

export interface DamagePrediction {
  buildings: PredictedBuilding[];
}

export interface CompareOptions {
  /** Observed class counted as damaged (default 2, moderate or worse). */
  damageThreshold?: 1 | 2 | 3 | 4;
  /** Predicted probability above which a facility counts as predicted down (default 0.5). */
  pDownThreshold?: number;
  /** Predicted damage probability above which a building counts as predicted damaged, for the map (default 0.5). */
  buildingThreshold?: number;
  /** Greatest distance from an observed damage point to the building it is matched to (default 25 m). */
  matchRadiusM?: number;
  /** Facility positions by id, where the observation carries none. */
  facilityLocations?: Record<string, [number, number]>;
}

export interface FigureRow {
  key: string;
  label: string;
  predicted: Interval;
  observed: number;
  inside: boolean;
  /** observed / predicted mean; null when the prediction is 0. */
  biasRatio: number | null;
  source: string;
  /** True where the predicted interval had to be approximated (sum of marginal intervals). */
  approximate?: boolean;
}

export interface ZoneDamageRow {
  zoneKey: string;
  areaId: string;
  zoneIndex: number;
  /** Predicted buildings inside the observed footprint. */
  buildings: number;
  predictedShare: number;
  /** Count of damaged buildings, mean and normal-approximation 5-95% interval (independent buildings). */
  predicted: Interval;
  observed: number;
  observedShare: number;
  inside: boolean;
  biasRatio: number | null;
}

export type MapOutcome = 'hit' | 'miss' | 'falseAlarm';
export interface MapProperties { kind: 'building' | 'facility'; id: string | null; outcome: MapOutcome; predicted: number | null; observedClass: number | null }

export interface Coverage { inside: number; total: number; share: number | null }

export interface Comparison {
  figures: FigureRow[];
  coverage: { figures: Coverage; zones: Coverage; all: Coverage };
  biasRatio: { casualties: number | null; outages: number | null; damage: number | null; displacement?: number | null };
  casualtyReport: { source: string; confidence: string } | null;
  /** The displacement report compared (issue 17), picked as the casualty report is. */
  displacementReport?: { source: string; confidence: string } | null;
  facilities: {
    threshold: number;
    rows: { id: string; name: string; sector: string; pDown: number; observedDown: boolean; outcome: MapOutcome | 'correctNegative';
      predictedRestorationDays: number | null; observedDaysToRestore: number | null }[];
    brier: number | null;
    hits: number; misses: number; falseAlarms: number; correctNegatives: number;
  };
  buildingDamage: {
    available: boolean;
    reason: string | null;
    /** Why not, as a code a reader's language can word: no per-building prediction, or no observed footprint. */
    reasonCode: 'noPrediction' | 'noFootprint' | null;
    threshold: number;
    zones: ZoneDamageRow[];
    /** Observed damage inside the footprint that matched no predicted building (outside the zones). */
    unmatchedObserved: number;
    /** Predicted buildings outside every observed footprint: not scored. */
    outsideFootprint: number;
  };
  map: FeatureCollection<Point, MapProperties>;
  /** The numbers calibrate() needs from this operation. */
  calibration: CalibrationInputs;
}

export interface CalibrationInputs {
  casualties: { killed: { predicted: number; observed: number } | null; injured: { predicted: number; observed: number } | null };
  /** threshold: the observed class counted as damaged (calibration takes only DAMAGE_APPLIED_THRESHOLD). */
  damageZones: { zoneKey: string; n: number; predictedP: number; observed: number; threshold?: number }[];
}

const CONFIDENCE_RANK = { low: 0, medium: 1, high: 2 } as const;

/** The report compared: highest confidence, then the latest, then the first recorded. */
export function pickCasualtyReport<T extends { confidence: Confidence; observedAt: string | null }>(reports: readonly T[]): T | null {
  return [...reports].sort((a, b) => (CONFIDENCE_RANK[b.confidence] - CONFIDENCE_RANK[a.confidence])
    || (b.observedAt ?? '').localeCompare(a.observedAt ?? ''))[0] ?? null;
}

const inside = (x: number, i: Interval) => x >= i.p05 - 1e-9 && x <= i.p95 + 1e-9;
const ratio = (obs: number, mean: number) => (mean > 0 ? obs / mean : null);
/** Sum of intervals: means add exactly; quantiles are added as if fully dependent (wider than the truth). */
const addIntervals = (a: Interval, b: Interval): Interval => ({ mean: a.mean + b.mean, p05: a.p05 + b.p05, p50: a.p50 + b.p50, p95: a.p95 + b.p95 });

function row(key: string, label: string, predicted: Interval, observed: number, source: string, approximate = false): FigureRow {
  return { key, label, predicted, observed, inside: inside(observed, predicted), biasRatio: ratio(observed, predicted.mean), source, ...(approximate ? { approximate } : {}) };
}

const coverageOf = (flags: boolean[]): Coverage => ({
  inside: flags.filter(Boolean).length, total: flags.length, share: flags.length ? flags.filter(Boolean).length / flags.length : null,
});

export function damagedProbability(p: DamageProbabilities, threshold: number): number {
  const states = [p.none, p.slight, p.moderate, p.extensive, p.complete];
  return states.slice(threshold).reduce((s, x) => s + x, 0);
}

type Poly = Polygon | MultiPolygon;
function footprintTest(footprints: Poly[]): (p: [number, number]) => boolean {
  const boxes = footprints.map((g) => ({ g, b: bboxOf(g) }));
  return (p) => boxes.some(({ g, b }) => inBox(p, b) && booleanPointInPolygon(p, g));
}

export function compare(input: { result: AssessmentResult; damage?: DamagePrediction; observed: ObservedOutcomes }, options: CompareOptions = {}): Comparison {
  const { result, observed } = input;
  const threshold = options.damageThreshold ?? 2;
  const pDownThreshold = options.pDownThreshold ?? 0.5;
  const buildingThreshold = options.buildingThreshold ?? 0.5;
  const matchRadiusM = options.matchRadiusM ?? 25;
  const map: Feature<Point, MapProperties>[] = [];
  const figures: FigureRow[] = [];

  // ---- casualties (at the operation's time of day) ----
  const report = pickCasualtyReport(observed.casualties);
  const cas = result.casualties;
  const injuredPred = addIntervals(cas.seriouslyInjured, cas.lightlyInjured);
  const calibration: CalibrationInputs = { casualties: { killed: null, injured: null }, damageZones: [] };
  if (report) {
    const src = `${report.source} (${report.confidence} confidence)`;
    if (report.killed !== null) {
      figures.push(row('casualties.killed', 'Killed', cas.killed, report.killed, src));
      calibration.casualties.killed = { predicted: cas.killed.mean, observed: report.killed };
    }
    if (report.injured !== null) {
      figures.push(row('casualties.injured', 'Injured (serious and light)', injuredPred, report.injured, src, true));
      calibration.casualties.injured = { predicted: injuredPred.mean, observed: report.injured };
    }
    if (report.seriouslyInjured !== null) figures.push(row('casualties.seriouslyInjured', 'Seriously injured', cas.seriouslyInjured, report.seriouslyInjured, src));
    for (const g of GROUPS) {
      const o = report.byGroup[g as Group];
      const p = cas.byGroup[g as Group];
      if (!o || !p) continue;
      if (o.killed !== undefined) figures.push(row(`casualties.byGroup.${g}.killed`, `Killed: ${g}`, p.killed, o.killed, src));
      if (o.injured !== undefined) figures.push(row(`casualties.byGroup.${g}.injured`, `Injured: ${g}`, addIntervals(p.seriouslyInjured, p.lightlyInjured), o.injured, src, true));
    }
  }
  const casualtyRows = figures.filter((f) => f.key === 'casualties.killed' || f.key === 'casualties.injured');
  const casualtyBias = ratio(casualtyRows.reduce((s, f) => s + f.observed, 0), casualtyRows.reduce((s, f) => s + f.predicted.mean, 0));

  // ---- service outages by sector ----
  const outageRows: FigureRow[] = [];
  for (const s of SECTORS) {
    const obs = observed.outages.filter((o) => o.sector === s);
    if (!obs.length) continue;
    const pred = result.infrastructure.sectors[s];
    if (!pred || pred.status !== 'estimated') continue; // no data: nothing predicted to compare with
    const src = [...new Set(obs.map((o) => o.source))].join('; ');
    outageRows.push(row(`outages.${s}.people`, `People without ${s}`, pred.peopleWithoutService, obs.reduce((n, o) => n + o.people, 0), src));
    outageRows.push(row(`outages.${s}.peopleDays`, `People-days without ${s}`, pred.peopleDays, obs.reduce((n, o) => n + o.people * o.days, 0), src));
  }
  figures.push(...outageRows);
  const peopleRows = outageRows.filter((r) => r.key.endsWith('.people'));
  const outageBias = ratio(peopleRows.reduce((s, f) => s + f.observed, 0), peopleRows.reduce((s, f) => s + f.predicted.mean, 0));

  // ---- displacement (issue 17): like casualties, one report (highest confidence, then latest) ----
  const shift = pickCasualtyReport(observed.displacement ?? []);
  const hum = result.humanitarian;
  let displacementBias: number | null = null;
  if (shift && hum) {
    const src = `${shift.source} (${shift.confidence} confidence)`, d = hum.displacement;
    const total = row('displacement.displaced', 'People displaced', d.displaced, shift.displaced, src);
    figures.push(total);
    displacementBias = total.biasRatio;
    if (shift.inPublicShelter !== null) figures.push(row('displacement.publicShelter', 'People in public shelter', d.publicShelter, shift.inPublicShelter, src));
    for (const g of GROUPS) {
      const o = shift.byGroup[g as Group];
      if (o !== undefined) figures.push(row(`displacement.byGroup.${g}`, `Displaced: ${g}`, d.byGroup[g as Group], o, src));
    }
  }

  // ---- facilities ----
  const predicted = new Map(result.infrastructure.facilities.map((f) => [f.id, f]));
  const fRows: Comparison['facilities']['rows'] = [];
  for (const o of observed.facilities) {
    const f = predicted.get(o.facilityId);
    const pDown = f?.pDown ?? 0; // a facility the assessment did not list was predicted unaffected
    const said = pDown >= pDownThreshold;
    const outcome = said && o.down ? 'hit' : !said && o.down ? 'miss' : said ? 'falseAlarm' : 'correctNegative';
    fRows.push({ id: o.facilityId, name: f?.name ?? o.facilityId, sector: f?.sector ?? '', pDown, observedDown: o.down, outcome,
      predictedRestorationDays: f?.restorationDays ?? null, observedDaysToRestore: o.daysToRestore });
    const at = o.lonLat ?? options.facilityLocations?.[o.facilityId];
    if (at && outcome !== 'correctNegative') {
      map.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { kind: 'facility', id: o.facilityId, outcome, predicted: pDown, observedClass: null } });
    }
  }
  const facilities: Comparison['facilities'] = {
    threshold: pDownThreshold, rows: fRows,
    brier: fRows.length ? fRows.reduce((s, r) => s + (r.pDown - (r.observedDown ? 1 : 0)) ** 2, 0) / fRows.length : null,
    hits: fRows.filter((r) => r.outcome === 'hit').length,
    misses: fRows.filter((r) => r.outcome === 'miss').length,
    falseAlarms: fRows.filter((r) => r.outcome === 'falseAlarm').length,
    correctNegatives: fRows.filter((r) => r.outcome === 'correctNegative').length,
  };

  // ---- building damage by zone ----
  const buildingDamage = compareDamage(input.damage, observed, { threshold, buildingThreshold, matchRadiusM }, map);
  calibration.damageZones = buildingDamage.zones.map((z) => ({ zoneKey: z.zoneKey, n: z.buildings, predictedP: z.predictedShare, observed: z.observed, threshold }));
  const damageBias = ratio(buildingDamage.zones.reduce((s, z) => s + z.observed, 0), buildingDamage.zones.reduce((s, z) => s + z.predicted.mean, 0));

  const figFlags = figures.map((f) => f.inside);
  const zoneFlags = buildingDamage.zones.map((z) => z.inside);
  return {
    figures,
    coverage: { figures: coverageOf(figFlags), zones: coverageOf(zoneFlags), all: coverageOf([...figFlags, ...zoneFlags]) },
    biasRatio: { casualties: casualtyBias, outages: outageBias, damage: damageBias, displacement: displacementBias },
    casualtyReport: report ? { source: report.source, confidence: report.confidence } : null,
    displacementReport: shift ? { source: shift.source, confidence: shift.confidence } : null,
    facilities,
    buildingDamage,
    map: { type: 'FeatureCollection', features: map },
    calibration,
  };
}

function compareDamage(
  prediction: DamagePrediction | undefined, observed: ObservedOutcomes,
  o: { threshold: number; buildingThreshold: number; matchRadiusM: number }, map: Feature<Point, MapProperties>[],
): Comparison['buildingDamage'] {
  const empty = (reasonCode: 'noPrediction' | 'noFootprint', reason: string) => ({ available: false, reason, reasonCode, threshold: o.threshold, zones: [], unmatchedObserved: 0, outsideFootprint: 0 });
  if (!prediction || !prediction.buildings.length) return empty('noPrediction', 'no per-building damage prediction was given');
  if (!observed.footprints.length) return empty('noFootprint', 'no observed footprint: outside an analysed area, absence of damage records is not evidence of no damage');
  const inFootprint = footprintTest(observed.footprints);
  const scored = prediction.buildings.filter((b) => inFootprint(b.lonLat));

  // Grid index of scored buildings, cell about the match radius.
  const cellDeg = o.matchRadiusM / 111_000;
  const lonCell = (p: [number, number]) => cellDeg / Math.max(0.2, Math.cos((p[1] * Math.PI) / 180));
  const cellOf = (p: [number, number]) => `${Math.floor(p[0] / lonCell(p))}:${Math.floor(p[1] / cellDeg)}`;
  const grid = new Map<string, number[]>();
  scored.forEach((b, i) => { const k = cellOf(b.lonLat); (grid.get(k) ?? grid.set(k, []).get(k)!).push(i); });
  // One-to-one matching, closest pairs first: each observed point takes the nearest building not
  // already taken (two records never fall on one building; in dense blocks the nearest building
  // of a record may be its neighbour's).
  const observedClass = new Array<number>(scored.length).fill(-1);
  const pairs: { d: number; b: number; dist: number }[] = [];
  const candidates = observed.damage.filter((d) => inFootprint(d.lonLat));
  candidates.forEach((d, di) => {
    const cx = Math.floor(d.lonLat[0] / lonCell(d.lonLat)); const cy = Math.floor(d.lonLat[1] / cellDeg);
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      for (const i of grid.get(`${cx + dx}:${cy + dy}`) ?? []) {
        const m = equirectangularM(d.lonLat, scored[i]!.lonLat);
        if (m <= o.matchRadiusM) pairs.push({ d: di, b: i, dist: m });
      }
    }
  });
  pairs.sort((a, b) => a.dist - b.dist || a.d - b.d || a.b - b.b);
  const matched = new Array<boolean>(candidates.length).fill(false);
  for (const pr of pairs) {
    if (matched[pr.d] || observedClass[pr.b]! >= 0) continue;
    matched[pr.d] = true;
    observedClass[pr.b] = candidates[pr.d]!.damageClass;
  }
  let unmatched = 0;
  candidates.forEach((d, di) => {
    if (matched[di] || d.damageClass < o.threshold) return;
    unmatched++;
    map.push({ type: 'Feature', geometry: { type: 'Point', coordinates: d.lonLat }, properties: { kind: 'building', id: null, outcome: 'miss', predicted: null, observedClass: d.damageClass } });
  });

  const zones = new Map<string, { areaId: string; zoneIndex: number; zoneKey: string; n: number; sumP: number; varP: number; observed: number }>();
  scored.forEach((b, i) => {
    const key = `${b.areaId}\u0000${b.zoneIndex}`;
    const z = zones.get(key) ?? zones.set(key, { areaId: b.areaId, zoneIndex: b.zoneIndex, zoneKey: b.zoneKey ?? `zone ${b.zoneIndex}`, n: 0, sumP: 0, varP: 0, observed: 0 }).get(key)!;
    const p = damagedProbability(b.p, o.threshold);
    const damaged = observedClass[i]! >= o.threshold;
    z.n++; z.sumP += p; z.varP += p * (1 - p);
    if (damaged) z.observed++;
    const said = p >= o.buildingThreshold;
    if (said || damaged) {
      map.push({ type: 'Feature', geometry: { type: 'Point', coordinates: b.lonLat },
        properties: { kind: 'building', id: b.id, outcome: said && damaged ? 'hit' : damaged ? 'miss' : 'falseAlarm', predicted: p, observedClass: observedClass[i]! >= 0 ? observedClass[i]! : null } });
    }
  });
  const rows: ZoneDamageRow[] = [...zones.values()].sort((a, b) => a.areaId.localeCompare(b.areaId) || a.zoneIndex - b.zoneIndex).map((z) => {
    const sd = Math.sqrt(z.varP);
    const predicted = { mean: z.sumP, p05: Math.max(0, z.sumP - 1.645 * sd), p50: z.sumP, p95: Math.min(z.n, z.sumP + 1.645 * sd) };
    return {
      zoneKey: z.zoneKey, areaId: z.areaId, zoneIndex: z.zoneIndex, buildings: z.n,
      predictedShare: z.n ? z.sumP / z.n : 0, predicted, observed: z.observed, observedShare: z.n ? z.observed / z.n : 0,
      inside: inside(z.observed, predicted), biasRatio: ratio(z.observed, z.sumP),
    };
  });
  return { available: true, reason: null, reasonCode: null, threshold: o.threshold, zones: rows, unmatchedObserved: unmatched, outsideFootprint: prediction.buildings.length - scored.length };
}
