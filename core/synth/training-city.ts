/**
 * The embedded training city: a deterministic, seeded, clearly synthetic city (data/training-city.json)
 * loaded when the database has no dataset, so the first start shows a city with no import and no network.
 *
 * Layout, in metres from the centre: an old town of unreinforced masonry in the middle, a reinforced
 * concrete and steel business district around it, residential rings thinning outwards, an industrial
 * belt to the east and an informal district without building footprints to the south-west.
 */
import config from '../../data/training-city.json';
import {
  type Building, type BuildingUse, type ConstructionClass, type DatasetBundle, type Dependency, type Facility,
  type FacilityKind, type ProtectedSite, type PopulationUnit, type Sector, type ServiceInput,
} from '../model/dataset';
import { area } from '@turf/area';
import { Rng } from '../engine/random';

const M_PER_DEG_LAT = 110_574;
const mPerDegLon = (latDeg: number) => 111_320 * Math.cos((latDeg * Math.PI) / 180);

interface Frame { toLonLat(xM: number, yM: number): [number, number] }
export function frameAt(lon0: number, lat0: number): Frame {
  const kx = mPerDegLon(lat0);
  return { toLonLat: (x, y) => [round7(lon0 + x / kx), round7(lat0 + y / M_PER_DEG_LAT)] };
}
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

function rect(f: Frame, x: number, y: number, w: number, h: number) {
  const ring = [f.toLonLat(x, y), f.toLonLat(x + w, y), f.toLonLat(x + w, y + h), f.toLonLat(x, y + h), f.toLonLat(x, y)];
  return { type: 'Polygon' as const, coordinates: [ring] };
}

export function generateTrainingCity(): DatasetBundle {
  const rng = new Rng(config.seed);
  const f = frameAt(config.centre.lon, config.centre.lat);
  const half = config.extentM / 2;
  const n = Math.round(config.extentM / config.blockM);
  const inInformal = (x: number, y: number) => x < config.informalDistrict.maxXM && y < config.informalDistrict.maxYM;

  // --- population units: census blocks whose density falls off from the centre ---
  const blocks: { x: number; y: number; weight: number; unit: PopulationUnit }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = -half + i * config.blockM;
      const y = -half + j * config.blockM;
      const r = Math.hypot(x + config.blockM / 2, y + config.blockM / 2);
      const industrial = x > 1250 && Math.abs(y) < 1000;
      const informal = inInformal(x, y);
      let weight = Math.exp(-r / 1600) * (0.6 + 0.8 * rng.uniform());
      if (industrial) weight *= 0.1;
      if (informal) weight *= 2.5; // informal settlements are dense
      const age0to14 = clamp(0.16 + (r / half) * 0.14 + (informal ? 0.08 : 0) + rng.normal() * 0.02, 0.08, 0.45);
      const age65plus = clamp(0.13 - (r / half) * 0.07 + rng.normal() * 0.015, 0.03, 0.25);
      blocks.push({
        x, y, weight,
        unit: {
          id: `unit-${String(i).padStart(2, '0')}-${String(j).padStart(2, '0')}`,
          geometry: rect(f, x, y, config.blockM, config.blockM),
          residents: 0,
          breakdown: {
            female: round4(clamp(0.5 + rng.normal() * 0.015, 0.45, 0.56)),
            age0to14: round4(age0to14),
            age65plus: round4(age65plus),
            disabled: round4(clamp(0.15 + rng.normal() * 0.02, 0.08, 0.25)),
          },
        },
      });
    }
  }
  const totalWeight = blocks.reduce((s, b) => s + b.weight, 0);
  for (const b of blocks) b.unit.residents = Math.round((b.weight / totalWeight) * config.targetResidents);

  // --- buildings: count per block follows density; use and construction follow the district ---
  const buildings: Building[] = [];
  const footprintBlocks = blocks.filter((b) => !inInformal(b.x, b.y));
  const footprintWeight = footprintBlocks.reduce((s, b) => s + Math.sqrt(b.weight), 0);
  for (const b of footprintBlocks) {
    const count = Math.max(2, Math.round((Math.sqrt(b.weight) / footprintWeight) * config.targetBuildings));
    const side = Math.ceil(Math.sqrt(count));
    const cell = config.blockM / side;
    const placed: Building[] = [];
    for (let k = 0; k < count; k++) {
      const cx = b.x + (k % side) * cell;
      const cy = b.y + Math.floor(k / side) * cell;
      const w = cell * (0.45 + 0.35 * rng.uniform());
      const h = cell * (0.45 + 0.35 * rng.uniform());
      const r = Math.hypot(cx, cy);
      const use = pickUse(rng, b.x, b.y, r);
      const construction = pickConstruction(rng, r, use);
      const storeys = pickStoreys(rng, r, use);
      const footprintM2 = w * h;
      placed.push({
        id: `bldg-${buildings.length + placed.length + 1}`,
        geometry: rect(f, cx + (cell - w) / 2, cy + (cell - h) / 2, w, h),
        use, construction, storeys,
        residents: 0,
        workers: workerWeight(use, footprintM2 * storeys), // scaled to the city's jobs and pupils below
        unitId: null,
      });
    }
    // Dasymetric allocation within the block: residents by residential floor area.
    const homes = placed.filter((p) => p.use === 'residential' || p.use === 'mixed');
    const area = (p: Building) => polygonAreaM2(p) * p.storeys * (p.use === 'mixed' ? 0.5 : 1);
    const homeArea = homes.reduce((s, p) => s + area(p), 0);
    if (homeArea > 0) {
      let left = b.unit.residents;
      homes.forEach((p, idx) => {
        const share = idx === homes.length - 1 ? left : Math.round((area(p) / homeArea) * b.unit.residents);
        p.residents = Math.min(share, left);
        left -= p.residents;
        p.unitId = b.unit.id;
      });
    }
    buildings.push(...placed);
  }

  scaleWorkplaces(buildings, blocks.reduce((s, b) => s + b.unit.residents, 0));

  // --- facilities in all five sectors, wired with realistic dependencies ---
  const facilities: Facility[] = [];
  const add = (sector: Sector, kind: FacilityKind, name: string, x: number, y: number, construction: ConstructionClass, capacity: Facility['capacity'] = {}) => {
    const fac: Facility = { id: `${kind}-${facilities.length + 1}`, name, sector, kind, construction, capacity, geometry: { type: 'Point', coordinates: f.toLonLat(x, y) }, source: 'synthetic' };
    facilities.push(fac);
    return fac;
  };
  const plant = add('power', 'plant', 'Meridia power station', 2600, -300, 'steel', { mw: 400 });
  const compass = [['North', 0, 1800], ['North-east', 1500, 1300], ['East', 1900, 100], ['South-east', 1300, -1500], ['South', 0, -1900], ['South-west', -1500, -1400], ['West', -2000, 0], ['North-west', -1400, 1400], ['Centre', 150, 250]] as const;
  const substations = compass.map(([label, x, y]) => add('power', 'substation', `Substation ${label}`, x, y, 'rc', { mw: 40 }));
  const treatment = add('water', 'treatment_plant', 'Meridia water treatment works', -2500, 2300, 'rc', { peopleServed: config.targetResidents });
  const pumping = [[-900, 900], [900, 900], [900, -900], [-900, -900], [0, 2200], [2200, 1000]].map(([x, y], i) => add('water', 'pumping_station', `Pumping station P${i + 1}`, x!, y!, 'rc'));
  const reservoirs = [[-1800, 2000], [1600, 2000], [200, -2400]].map(([x, y], i) => add('water', 'reservoir', `Reservoir R${i + 1}`, x!, y!, 'rc'));
  const wells = [[-2600, -2000], [-2200, -2600], [-1800, -2200], [-2600, -1600]].map(([x, y], i) => add('water', 'well', `Community well W${i + 1}`, x!, y!, 'light'));
  const hospitals = [
    add('health', 'hospital', 'Meridia Central Hospital', 300, -200, 'rc', { beds: 420 }),
    add('health', 'hospital', 'Riverside General Hospital', -1200, 600, 'urm', { beds: 240 }),
    add('health', 'hospital', 'East District Hospital', 1400, -1100, 'rc', { beds: 160 }),
  ];
  const clinics = Array.from({ length: 12 }, (_, i) => {
    const a = (i / 12) * 2 * Math.PI; const r = 800 + (i % 3) * 600;
    return add('health', 'clinic', `Health centre C${i + 1}`, Math.round(r * Math.cos(a)), Math.round(r * Math.sin(a)), i % 4 === 0 ? 'urm' : 'rc', { beds: 10 });
  });
  const wastewater = add('sanitation', 'wastewater_plant', 'Meridia wastewater treatment plant', 2700, -2400, 'rc', { peopleServed: config.targetResidents });
  const sewage = [[-1000, -300], [500, -1300], [1800, -1800], [-400, 1200], [1200, 600]].map(([x, y], i) => add('sanitation', 'sewage_pumping', `Sewage pumping station S${i + 1}`, x!, y!, 'rc'));
  const exchanges = [add('communications', 'exchange', 'Central telephone exchange', -100, 100, 'rc'), add('communications', 'exchange', 'North telephone exchange', -300, 1900, 'rc')];
  const masts = Array.from({ length: 15 }, (_, i) => {
    const a = (i / 15) * 2 * Math.PI + 0.2; const r = 600 + (i % 3) * 900;
    return add('communications', 'mast', `Mobile mast M${i + 1}`, Math.round(r * Math.cos(a)), Math.round(r * Math.sin(a)), 'steel');
  });

  const dependencies: Dependency[] = [];
  const dep = (consumer: Facility, supplier: Facility, input: ServiceInput, backupDays: number) =>
    dependencies.push({ id: `dep-${dependencies.length + 1}`, consumerId: consumer.id, supplierId: supplier.id, input, backupDays, inferred: false });
  const nearest = (to: Facility, among: Facility[]) => among.reduce((best, c) => (dist(c, to) < dist(best, to) ? c : best));
  const dist = (a: Facility, b: Facility) => Math.hypot(a.geometry.coordinates[0] - b.geometry.coordinates[0], a.geometry.coordinates[1] - b.geometry.coordinates[1]);
  // Backup durations are illustrative training values, not data about any real facility.
  for (const s of substations) dep(s, plant, 'power', 0);
  dep(treatment, nearest(treatment, substations), 'power', 0.5);
  for (const p of pumping) { dep(p, nearest(p, substations), 'power', 0); dep(p, treatment, 'water', 0); }
  for (const r of reservoirs) dep(r, nearest(r, pumping), 'water', 2);
  hospitals.forEach((h, i) => {
    const near = [...substations].sort((a, b) => dist(a, h) - dist(b, h));
    dep(h, near[0]!, 'power', 3);
    if (i === 0) dep(h, near[1]!, 'power', 3); // the central hospital has two independent feeds
    dep(h, nearest(h, pumping), 'water', 1);
  });
  for (const c of clinics) { dep(c, nearest(c, substations), 'power', 0.5); dep(c, nearest(c, pumping), 'water', 0.5); }
  dep(wastewater, nearest(wastewater, substations), 'power', 1);
  for (const s of sewage) { dep(s, nearest(s, substations), 'power', 0); dep(s, wastewater, 'water', 0); }
  for (const e of exchanges) dep(e, nearest(e, substations), 'power', 2);
  for (const m of masts) { dep(m, nearest(m, substations), 'power', 0.25); dep(m, nearest(m, exchanges), 'communications', 0); }
  // Control link from the north exchange: closes a cycle power -> comms -> power. The plant can run
  // under manual control for a week, so only a long exchange outage takes it down.
  dep(plant, exchanges[1]!, 'communications', 7);
  void wells;

  // --- protected sites: health facilities, schools, places of worship, the old-town museum ---
  const protectedSites: ProtectedSite[] = [];
  for (const h of [...hospitals, ...clinics]) {
    protectedSites.push({ id: `site-${h.id}`, name: h.name, category: h.kind === 'hospital' ? 'hospital' : 'clinic', geometry: h.geometry, capacity: (h.capacity.beds ?? 0) * 2, facilityId: h.id });
  }
  let schools = 0; let worship = 0;
  for (const b of buildings) {
    if (b.use === 'education') protectedSites.push({ id: `site-${b.id}`, name: `School ${++schools}`, category: 'school', geometry: b.geometry, capacity: b.workers, facilityId: null });
    if (b.use === 'religious') protectedSites.push({ id: `site-${b.id}`, name: `Place of worship ${++worship}`, category: 'place_of_worship', geometry: b.geometry, capacity: Math.round((polygonAreaM2(b) * b.storeys) / config.workplaces.congregationFloorAreaM2.value), facilityId: null });
  }
  protectedSites.push({ id: 'site-museum', name: 'Old Town Museum', category: 'cultural', geometry: { type: 'Point', coordinates: f.toLonLat(-120, 60) }, capacity: 150, facilityId: null });

  return {
    meta: {
      name: config.name,
      source: config.source,
      licence: config.licence,
      attribution: config.attribution,
      crsOrigin: 'EPSG:4326',
      synthetic: true,
      defaultBreakdown: {
        female: config.defaultBreakdown.female,
        age0to14: config.defaultBreakdown.age0to14,
        age65plus: config.defaultBreakdown.age65plus,
        disabled: config.defaultBreakdown.disabled,
      },
    },
    populationUnits: blocks.map((b) => b.unit),
    buildings,
    facilities,
    dependencies,
    serviceAreas: [],
    protectedSites,
  };
}

function pickUse(rng: Rng, x: number, y: number, r: number): BuildingUse {
  const u = rng.uniform();
  if (x > 1250 && Math.abs(y) < 1000) return u < 0.8 ? 'industrial' : 'commercial';
  if (u < 0.012) return 'education';
  if (u < 0.02) return 'religious';
  if (u < 0.026) return 'government';
  if (u < 0.03) return 'health';
  if (r < 900) return u < 0.45 ? 'commercial' : u < 0.7 ? 'mixed' : 'residential';
  return u < 0.12 ? 'commercial' : u < 0.2 ? 'mixed' : 'residential';
}

function pickConstruction(rng: Rng, r: number, use: BuildingUse): ConstructionClass {
  const u = rng.uniform();
  if (use === 'industrial') return u < 0.6 ? 'steel' : 'rc';
  if (r < 500) return u < 0.7 ? 'urm' : 'rc'; // old town
  if (r < 1300) return u < 0.65 ? 'rc' : u < 0.85 ? 'steel' : 'urm';
  if (r < 2400) return u < 0.55 ? 'rc' : u < 0.85 ? 'urm' : 'light';
  return u < 0.5 ? 'light' : u < 0.8 ? 'urm' : 'rc';
}

function pickStoreys(rng: Rng, r: number, use: BuildingUse): number {
  if (use === 'industrial') return 1 + Math.floor(rng.uniform() * 2);
  const base = r < 900 ? 5 : r < 1800 ? 3 : 1;
  return base + Math.floor(rng.uniform() * (r < 900 ? 8 : 3));
}

/** Floor area per worker or pupil, m²: illustrative planning norms, used as relative weights only. */
function workerFloorAreaM2(use: BuildingUse): number {
  return use === 'education' ? 8 : use === 'industrial' ? 50 : 25;
}

/** Unscaled workers of a building: none in homes, a few staff at a place of worship, half the floor of a mixed building. */
function workerWeight(use: BuildingUse, floorM2: number): number {
  if (use === 'residential') return 0;
  if (use === 'religious') return config.workplaces.religiousStaffPerBuilding.value;
  return (use === 'mixed' ? floorM2 / 2 : floorM2) / workerFloorAreaM2(use);
}

/**
 * Scales workers to jobsPerResident x residents and pupils (education) to pupilsPerResident x
 * residents (data/training-city.json, sourced), keeping each building's share; staff at places of
 * worship stay as they are. Whole people, rounded per building.
 */
function scaleWorkplaces(buildings: Building[], residents: number): void {
  const w = config.workplaces;
  const fixed = (b: Building) => b.use === 'religious' || b.use === 'residential';
  const sum = (pick: (b: Building) => boolean) => buildings.reduce((s, b) => s + (pick(b) ? b.workers : 0), 0);
  const isSchool = (b: Building) => b.use === 'education';
  const isJob = (b: Building) => !fixed(b) && !isSchool(b);
  const jobs = sum(isJob), pupils = sum(isSchool);
  const staff = sum((b) => b.use === 'religious');
  const kJobs = jobs > 0 ? Math.max(0, w.jobsPerResident.value * residents - staff) / jobs : 0;
  const kPupils = pupils > 0 ? (w.pupilsPerResident.value * residents) / pupils : 0;
  for (const b of buildings) if (!fixed(b)) b.workers = Math.round(b.workers * (isSchool(b) ? kPupils : kJobs));
}

function polygonAreaM2(b: Building): number {
  return b.geometry.type === 'Point' ? 0 : area(b.geometry);
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
