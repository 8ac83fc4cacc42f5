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

/**
 * Each site's candidate points (its position, then the outer-ring vertices of its polygons) flat,
 * and the box of them: a city has thousands of sites and an assessment reads them all, so they are
 * gathered once per prepared city (a site's box beyond the zones' box skips it in one test).
 */
interface SitePoints { start: Int32Array; lon: Float64Array; lat: Float64Array; box: Float64Array }
const SITE_POINTS = new WeakMap<CityModel, SitePoints>();
function sitePointsOf(city: CityModel): SitePoints {
  let sp = SITE_POINTS.get(city);
  if (sp) return sp;
  const sites = city.protectedSites, lon: number[] = [], lat: number[] = [];
  const start = new Int32Array(sites.length + 1), box = new Float64Array(sites.length * 4);
  sites.forEach((site, i) => {
    lon.push(site.lon); lat.push(site.lat);
    if (site.geometry.type !== 'Point') for (const poly of polygonsOf(site.geometry)) for (const p of poly[0]) { lon.push(p[0]); lat.push(p[1]); }
    start[i + 1] = lon.length;
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    for (let j = start[i]; j < start[i + 1]; j++) { w = Math.min(w, lon[j]); e = Math.max(e, lon[j]); s = Math.min(s, lat[j]); n = Math.max(n, lat[j]); }
    box.set([w, s, e, n], i * 4);
  });
  sp = { start, lon: Float64Array.from(lon), lat: Float64Array.from(lat), box };
  SITE_POINTS.set(city, sp);
  return sp;
}

export function protectedSiteHits(city: CityModel, zones: readonly ZoneGeometry[], operation: Operation, params: EngineParameters): ProtectedSiteHit[] {
  const t = operation.settings.timeOfDay;
  const w = operation.settings.warningShare;
  const hits: ProtectedSiteHit[] = [];
  const { start, lon: pLon, lat: pLat, box } = sitePointsOf(city);
  // A point well beyond the outer zone's box is in no zone (most sites of a city): skipped before
  // the exact distance. The box is of the buffer polygon, whose chords cut inside the true ring by
  // up to ~2% of the radius (8 segments a quarter), so it is grown by 5% + 10 m for this test.
  const grown = zones.map((z) => {
    const growM = 0.05 * z.edges[z.edges.length - 1] + 10, gx = growM / z.proj.kx, gy = growM / z.proj.ky;
    return [z.bbox[0] - gx, z.bbox[1] - gy, z.bbox[2] + gx, z.bbox[3] + gy];
  });
  city.protectedSites.forEach((site, i) => {
    let best: { a: number; zone: number; d: number } | null = null;
    for (let a = 0; a < zones.length; a++) {
      const [gw, gs, ge, gn] = grown[a];
      if (box[4 * i] > ge || box[4 * i + 2] < gw || box[4 * i + 1] > gn || box[4 * i + 3] < gs) continue;
      for (let j = start[i]; j < start[i + 1]; j++) {
        const lon = pLon[j], lat = pLat[j];
        if (lon < gw || lon > ge || lat < gs || lat > gn) continue;
        const { zone, distanceM } = locatePoint(zones[a], lon, lat);
        if (zone < 0) continue;
        if (!best || distanceM < best.d || (distanceM === best.d && zone < best.zone)) best = { a, zone, d: distanceM };
      }
    }
    if (!best) return;
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
  });
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
