/**
 * Step 6, protected sites (METHOD.md §5): every site inside an area or one of its zones, with its
 * distance to the area's edge (0 inside) and the people present at the chosen time.
 * - Position: a polygon site is placed by the nearest of its vertices and centroid (0 if any is inside).
 * - People present: at a hospital or clinic whose facility has beds, beds x (bed occupancy + staff
 *   per bed at that time); otherwise capacity x the presence share of its category at that time (parameters);
 *   where capacity is unknown, the people present in buildings within `protected.buildingMatchRadiusM`
 *   of the site. Warning departures apply (hospitals and clinics at the reduced-mobility rate).
 * - A site in zones of several areas is listed once, under the nearest area.
 */
import { PROTECTED_CATEGORIES, type ProtectedCategory } from '../model/dataset';
import type { ProtectedSiteHit } from '../model/assessment';
import type { Operation } from '../model/operation';
import { TIMES_OF_DAY } from '../model/operation';
import type { CityModel } from './city';
import type { EngineParameters } from './parameters';
import { OCCUPANCY_TYPES } from './parameters';
import { polygonsOf } from '../geometry/polygons';
import type { ZoneGeometry } from '../geometry/zone-rings';
import { locatePoint } from './zones';

export function protectedSiteHits(city: CityModel, zones: readonly ZoneGeometry[], operation: Operation, params: EngineParameters): ProtectedSiteHit[] {
  const t = operation.settings.timeOfDay;
  const w = operation.settings.warningShare;
  const hits: ProtectedSiteHit[] = [];
  for (const site of city.protectedSites) {
    const pts: [number, number][] = [[site.lon, site.lat]];
    if (site.geometry.type !== 'Point') for (const poly of polygonsOf(site.geometry)) for (const p of poly[0]) pts.push([p[0], p[1]]);
    let best: { a: number; zone: number; d: number } | null = null;
    zones.forEach((z, a) => {
      // A point well beyond the outer zone's box is in no zone (most sites of a city): skipped before
      // the exact distance. The box is of the buffer polygon, whose chords cut inside the true ring by
      // up to ~2% of the radius (8 segments a quarter), so it is grown by 5% + 10 m for this test.
      const [w, s, e, n] = z.bbox, growM = 0.05 * z.edges[z.edges.length - 1] + 10;
      const gx = growM / z.proj.kx, gy = growM / z.proj.ky;
      for (const [lon, lat] of pts) {
        if (lon < w - gx || lon > e + gx || lat < s - gy || lat > n + gy) continue;
        const { zone, distanceM } = locatePoint(z, lon, lat);
        if (zone < 0) continue;
        if (!best || distanceM < best.d || (distanceM === best.d && zone < best.zone)) best = { a, zone, d: distanceM };
      }
    });
    if (!best) continue;
    const { a, zone, d } = best;
    const reduced = site.category === 'hospital' || site.category === 'clinic';
    const keep = 1 - w * (reduced ? params.reducedMobilityFactor : 1);
    // a hospital or clinic with known beds: patients and staff follow its beds (an edit of the beds moves them)
    const beds = reduced && site.facility >= 0 ? city.facilities.beds[site.facility] : 0;
    const people = beds > 0
      ? beds * params.peoplePerBedPresent[t] * keep
      : site.capacity !== null
        ? site.capacity * params.protectedPresence[site.category][t] * keep
        : peopleNear(city, site.lon, site.lat, params, t) * keep;
    hits.push({
      id: site.id, name: site.name, category: site.category, areaId: operation.areas[a].id, zoneIndex: zone,
      distanceToAreaEdgeM: d, peoplePresent: people, lonLat: [site.lon, site.lat],
    });
  }
  // People first: health care, then schools, then places of worship, then cultural property; within
  // each, nearest the area first. A statue must never push a hospital off the top of the list.
  const rank = (c: ProtectedCategory) => PROTECTED_CATEGORIES.indexOf(c);
  return hits.sort((x, y) => rank(x.category) - rank(y.category) || x.zoneIndex - y.zoneIndex || x.distanceToAreaEdgeM - y.distanceToAreaEdgeM || x.id.localeCompare(y.id));
}

function peopleNear(city: CityModel, lon: number, lat: number, params: EngineParameters, t: (typeof TIMES_OF_DAY)[number]): number {
  const r = params.protectedMatchRadiusM;
  const z = locateBox(lon, lat, r);
  const B = city.buildings;
  let sum = 0;
  B.index.search(z[0], z[1], z[2], z[3], (b) => {
    if (b >= B.count) return false;
    const kx = M_PER_DEG * Math.cos((lat * Math.PI) / 180), ky = M_PER_DEG;
    if (Math.hypot((B.lon[b] - lon) * kx, (B.lat[b] - lat) * ky) > r) return false;
    sum += B.residents[b] * params.occupancy[t].residential + B.workers[b] * params.occupancy[t][OCCUPANCY_TYPES[B.workerOccupancy[b]]];
    return false;
  });
  return sum;
}

/** Metres per degree of latitude on the mean Earth sphere. */
const M_PER_DEG = 111_195;
function locateBox(lon: number, lat: number, r: number): [number, number, number, number] {
  const dx = r / (M_PER_DEG * Math.cos((lat * Math.PI) / 180)), dy = r / M_PER_DEG;
  return [lon - dx, lat - dy, lon + dx, lat + dy];
}
