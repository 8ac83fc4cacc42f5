/**
 * The per-building damage prediction that compare() scores against observed damage (METHOD.md §1, §7),
 * computed with the engine's own zone and damage functions so it is the estimate the assessment made.
 *
 * - Exposed buildings: footprint centroids (or the point) inside any zone of any area of the operation.
 * - Probabilities: the profile's zone row, its exceedances P(state >= k) scaled by the building's
 *   construction-class factor and clipped to 1 (scaledExceedance); a building in zones of several
 *   areas takes the worst of independent draws, 1 - prod_a (1 - P_a(state >= k)), as the engine does.
 * - The building is reported in its innermost zone (smallest zone index; the first area on a tie),
 *   with zoneKey `${profileId}:${zoneIndex}` so calibration pools the same profile zone across operations.
 */
import type { DatasetBundle } from '../model/dataset';
import type { DamageProbabilities, EffectProfile, Operation } from '../model/operation';
import { areaCentroid } from '../geometry/polygons';
import { scaledExceedance, statesFromExceedance } from '../engine/damage';
import type { EngineParameters } from '../engine/parameters';
import { buildZones } from '../geometry/zone-rings';
import { locatePoint } from '../engine/zones';
import type { DamagePrediction, PredictedBuilding } from './compare';
import { PostopError } from './errors';

/** Profiles of the operation's areas: an area's own edited profile, else the shipped one by id. */
export function profilesOfOperation(operation: Operation, profiles: readonly EffectProfile[]): EffectProfile[] {
  return operation.areas.map((a) => {
    const p = a.profile ?? profiles.find((x) => x.id === a.profileId);
    if (!p) throw new PostopError(`area "${a.name || a.id}": unknown effect profile "${a.profileId}"`);
    return p;
  });
}

export function predictDamage(
  bundle: Pick<DatasetBundle, 'buildings'>, operation: Operation, profiles: readonly EffectProfile[], parameters: Pick<EngineParameters, 'classFactor'>,
): DamagePrediction {
  const used = profilesOfOperation(operation, profiles);
  const zones = operation.areas.map((a, i) => buildZones(a.geometry, used[i]!.zones.map((z) => z.outerEdgeM)));
  const out: PredictedBuilding[] = [];
  for (const b of bundle.buildings) {
    const [lon, lat] = areaCentroid(b.geometry);
    const survive = [1, 1, 1, 1];
    let best: { area: number; zone: number } | null = null;
    zones.forEach((z, a) => {
      const [w, s, e, n] = z.bbox;
      if (lon < w || lon > e || lat < s || lat > n) return;
      const { zone } = locatePoint(z, lon, lat);
      if (zone < 0) return;
      const ex = scaledExceedance(used[a]!.zones[zone]!.damage, parameters.classFactor[b.construction]);
      for (let k = 0; k < 4; k++) survive[k]! *= 1 - ex[k]!;
      if (!best || zone < best.zone) best = { area: a, zone };
    });
    if (!best) continue;
    const { area, zone } = best as { area: number; zone: number };
    const st = statesFromExceedance(survive.map((s) => 1 - s));
    const p: DamageProbabilities = { none: st[0]!, slight: st[1]!, moderate: st[2]!, extensive: st[3]!, complete: st[4]! };
    out.push({
      id: b.id, lonLat: [lon, lat], areaId: operation.areas[area]!.id, zoneIndex: zone,
      zoneKey: `${used[area]!.id}:${zone}`, p,
    });
  }
  return { buildings: out };
}
