/**
 * The dataset model: what a city is made of, as the store keeps it and the engine reads it.
 * All geometry is WGS84 longitude/latitude (GeoJSON, RFC 7946); importers reproject on the way in.
 * Zod schemas here are the single definition: the API, the store and the importers validate with them.
 */
import * as z from 'zod';

export const SECTORS = ['water', 'power', 'health', 'sanitation', 'communications'] as const;
export type Sector = (typeof SECTORS)[number];

/** Facility kinds per sector (METHOD.md §1). */
export const FACILITY_KINDS = {
  water: ['treatment_plant', 'pumping_station', 'reservoir', 'well'],
  power: ['plant', 'substation'],
  health: ['hospital', 'clinic'],
  sanitation: ['wastewater_plant', 'sewage_pumping'],
  communications: ['exchange', 'mast'],
} as const satisfies Record<Sector, readonly string[]>;
export type FacilityKind = (typeof FACILITY_KINDS)[Sector][number];
export const ALL_FACILITY_KINDS = Object.values(FACILITY_KINDS).flat() as FacilityKind[];

/** Construction classes (METHOD.md §1): light/informal, unreinforced masonry, reinforced concrete, steel. */
export const CONSTRUCTION_CLASSES = ['light', 'urm', 'rc', 'steel'] as const;
export type ConstructionClass = (typeof CONSTRUCTION_CLASSES)[number];

export const BUILDING_USES = [
  'residential', 'commercial', 'industrial', 'education', 'health', 'religious', 'government', 'mixed',
] as const;
export type BuildingUse = (typeof BUILDING_USES)[number];

/** Inputs a facility can need from another (METHOD.md §1, dependencies). */
export const SERVICE_INPUTS = ['power', 'water', 'communications'] as const;
export type ServiceInput = (typeof SERVICE_INPUTS)[number];

export const PROTECTED_CATEGORIES = [
  'hospital', 'clinic', 'school', 'place_of_worship', 'cultural', 'listed',
] as const;
export type ProtectedCategory = (typeof PROTECTED_CATEGORIES)[number];

// ---------- geometry ----------
/** [longitude, latitude(, elevation)] in WGS84 degrees; out-of-range values are named by index. */
export const Position = z.array(z.number().finite()).min(2).max(3).superRefine((p, ctx) => {
  if (p[0]! < -180 || p[0]! > 180) ctx.addIssue({ code: 'custom', message: `longitude ${p[0]} is outside -180..180`, path: [0] });
  if (p[1]! < -90 || p[1]! > 90) ctx.addIssue({ code: 'custom', message: `latitude ${p[1]} is outside -90..90`, path: [1] });
});
const ring = z.array(Position).min(4, 'a polygon ring needs at least 4 positions (closed)').refine((r) => {
  // zod runs this even when the ring is empty or a position is not an array (already refused above): no TypeError then
  const a: unknown = r[0], b: unknown = r[r.length - 1];
  return !Array.isArray(a) || !Array.isArray(b) || (a[0] === b[0] && a[1] === b[1]);
}, { message: 'a polygon ring must be closed (its last position equal to its first)' });
export const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position });
export const PolygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
export const MultiPolygonGeometry = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1)).min(1),
});
export const ArealGeometry = z.union([PolygonGeometry, MultiPolygonGeometry]);
export const AnyFeatureGeometry = z.union([PointGeometry, PolygonGeometry, MultiPolygonGeometry]);
export type PointGeometry = z.infer<typeof PointGeometry>;
export type PolygonGeometry = z.infer<typeof PolygonGeometry>;
export type ArealGeometry = z.infer<typeof ArealGeometry>;
export type AnyFeatureGeometry = z.infer<typeof AnyFeatureGeometry>;

/**
 * True exactly when the schemas above accept `g` as one of `types`: a check without zod for bulk
 * rows (a city's hundreds of thousands of positions). Only a yes is trusted; on a no the caller
 * runs the zod schema, which words the refusal.
 */
export function isModelGeometry(g: unknown, types: readonly ('Point' | 'Polygon' | 'MultiPolygon')[]): boolean {
  if (typeof g !== 'object' || g === null || Array.isArray(g)) return false;
  const { type, coordinates: c } = g as { type?: unknown; coordinates?: unknown };
  if (!types.includes(type as 'Point')) return false;
  if (type === 'Point') return isPosition(c);
  if (type === 'Polygon') return isRings(c);
  return Array.isArray(c) && c.length >= 1 && c.every(isRings);
}

function isPosition(p: unknown): boolean {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) return false;
  for (const x of p) if (typeof x !== 'number' || !Number.isFinite(x)) return false;
  return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90;
}

function isRings(rings: unknown): boolean {
  if (!Array.isArray(rings) || rings.length < 1) return false;
  for (const r of rings) {
    if (!Array.isArray(r) || r.length < 4) return false;
    for (const p of r) if (!isPosition(p)) return false;
    const a = r[0] as number[], b = r[r.length - 1] as number[];
    if (a[0] !== b[0] || a[1] !== b[1]) return false;
  }
  return true;
}

const share = z.number().finite().min(0).max(1);
const count = z.number().finite().min(0);

/**
 * Population breakdown as shares of residents. Groups used in results:
 * girls/boys = age 0-14 by sex, women/men = 15-64 by sex, elderly = 65+ (both sexes);
 * these five partition the population. Persons with disabilities overlap all of them.
 */
export const Breakdown = z.object({
  female: share,
  age0to14: share,
  age65plus: share,
  disabled: share,
}).refine((b) => b.age0to14 + b.age65plus <= 1 + 1e-9, {
  message: 'age0to14 + age65plus must not exceed 1', path: ['age65plus'],
});
export type Breakdown = z.infer<typeof Breakdown>;

export const PopulationUnit = z.object({
  id: z.string().min(1),
  geometry: ArealGeometry,
  residents: count,
  /** null: the dataset's default breakdown applies. */
  breakdown: Breakdown.nullable(),
});
export type PopulationUnit = z.infer<typeof PopulationUnit>;

export const Building = z.object({
  id: z.string().min(1),
  geometry: z.union([PointGeometry, PolygonGeometry, MultiPolygonGeometry]),
  use: z.enum(BUILDING_USES),
  construction: z.enum(CONSTRUCTION_CLASSES),
  storeys: z.number().int().min(1).max(200),
  /** Night residents allocated to this building (dasymetric); 0 for non-residential. */
  residents: count,
  /** Workers or pupils present at full daytime occupancy (Hazus occupancy factors scale them). */
  workers: count,
  /** Population unit the residents were allocated from (breakdown lookup), or null. */
  unitId: z.string().nullable(),
});
export type Building = z.infer<typeof Building>;

export const Capacity = z.object({
  beds: count.optional(),
  peopleServed: count.optional(),
  mw: count.optional(),
});

export const Facility = z.object({
  id: z.string().min(1),
  name: z.string(),
  sector: z.enum(SECTORS),
  kind: z.string().min(1),
  construction: z.enum(CONSTRUCTION_CLASSES),
  capacity: Capacity,
  geometry: PointGeometry,
  source: z.string(),
}).refine((f) => (FACILITY_KINDS[f.sector] as readonly string[]).includes(f.kind), {
  message: 'kind does not belong to the facility sector', path: ['kind'],
});
export type Facility = z.infer<typeof Facility>;

export const Dependency = z.object({
  id: z.string().min(1),
  consumerId: z.string().min(1),
  supplierId: z.string().min(1),
  input: z.enum(SERVICE_INPUTS),
  /** Days the consumer runs on its own backup (generator fuel, storage) once suppliers are lost; 0 = none. */
  backupDays: z.number().finite().min(0),
  inferred: z.boolean(),
}).refine((d) => d.consumerId !== d.supplierId, {
  message: 'a facility cannot depend on itself', path: ['supplierId'],
});
export type Dependency = z.infer<typeof Dependency>;

export const ServiceArea = z.object({
  id: z.string().min(1),
  facilityId: z.string().min(1),
  geometry: ArealGeometry,
  inferred: z.boolean(),
});
export type ServiceArea = z.infer<typeof ServiceArea>;

export const ProtectedSite = z.object({
  id: z.string().min(1),
  name: z.string(),
  category: z.enum(PROTECTED_CATEGORIES),
  geometry: AnyFeatureGeometry,
  /** People present at full occupancy (beds, pupils, congregation), if known. */
  capacity: count.nullable(),
  facilityId: z.string().nullable(),
});
export type ProtectedSite = z.infer<typeof ProtectedSite>;

export const DatasetMeta = z.object({
  name: z.string().min(1).max(200),
  source: z.string(),
  licence: z.string(),
  attribution: z.string(),
  /** CRS the data came in, e.g. "EPSG:3763"; stored data is always EPSG:4326. */
  crsOrigin: z.string(),
  synthetic: z.boolean(),
  /** Breakdown used where a unit has none (InaSAFE defaults unless the user sets others). */
  defaultBreakdown: Breakdown,
});
export type DatasetMeta = z.infer<typeof DatasetMeta>;

/** A whole dataset in memory: what importers produce and what the engine loads. */
export interface DatasetBundle {
  meta: DatasetMeta;
  populationUnits: PopulationUnit[];
  buildings: Building[];
  facilities: Facility[];
  dependencies: Dependency[];
  serviceAreas: ServiceArea[];
  protectedSites: ProtectedSite[];
}

/**
 * Per sector, what the dataset gives and what the engine infers (METHOD.md §4a): facilities come
 * from the data; a facility with no given service area gets the bounded default (inferred); supply
 * links are given or inferred by the importer.
 */
/** Per sector: facilities, and how many service areas and supply links are given or inferred. */
export const SectorProvenance = z.object({
  facilities: z.number(),
  /** Facilities with a stated capacity (beds, people served or MW). */
  withCapacity: z.number(),
  serviceAreas: z.object({ given: z.number(), inferred: z.number() }),
  /** Dependency records whose consumer is in the sector. */
  links: z.object({ given: z.number(), inferred: z.number() }),
});
export type SectorProvenance = z.infer<typeof SectorProvenance>;

/** "4 facilities (1 with capacity); service areas 0 given, 4 inferred; supply links 0 given, 4 inferred", or "no facilities: no data". */
export function describeSectorProvenance(p: SectorProvenance): string {
  if (p.facilities === 0) return 'no facilities: no data';
  return `${p.facilities} facilit${p.facilities === 1 ? 'y' : 'ies'} (${p.withCapacity} with capacity); service areas ${p.serviceAreas.given} given, ${p.serviceAreas.inferred} inferred; supply links ${p.links.given} given, ${p.links.inferred} inferred`;
}

/** One dataset as listed: provenance, bounding box and counts (the API's datasets.list output). */
export const DatasetSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  source: z.string(),
  licence: z.string(),
  attribution: z.string(),
  crsOrigin: z.string(),
  synthetic: z.boolean(),
  contentHash: z.string(),
  createdAt: z.string(),
  /** [west, south, east, north] */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  counts: z.object({
    populationUnits: z.number(),
    residents: z.number(),
    buildings: z.number(),
    facilities: z.record(z.enum(SECTORS), z.number()),
    protectedSites: z.number(),
  }),
  sectors: z.record(z.enum(SECTORS), SectorProvenance),
});
export type DatasetSummary = z.infer<typeof DatasetSummary>;
