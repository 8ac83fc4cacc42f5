/**
 * Datasets in the store: write a whole bundle in one transaction, read it back, summarise it.
 * The content hash identifies a dataset version in assessment provenance; it is recomputed from
 * what was stored (not what was given), so every path to the same data gives the same hash.
 * It is a hash of one digest per part of the bundle (meta, population units, buildings, ...), each
 * kept in `content_digests`: an edit re-hashes only facilities, dependencies and service areas,
 * and the result is the same as hashing the whole dataset again.
 */
import { createHash } from 'node:crypto';
import {
  Building, DatasetMeta, Dependency, Facility, PopulationUnit, ProtectedSite, ServiceArea, SECTORS, isModelGeometry,
  type AnyFeatureGeometry, type Breakdown, type DatasetBundle, type DatasetSummary, type Sector, type SectorProvenance,
} from '../model/dataset';
import { bboxOf } from '../geometry/bbox';
import { type Db, nowIso } from './db';
import { stableJson } from './stable-json';
import { DomainError } from '../model/errors';
import type * as z from 'zod';
import {
  FACILITY_COLUMNS, dependencyFromRow, facilityFromRow, facilityValues, serviceAreaFromRow,
  type AreaRow, type DependencyRow, type FacilityRow,
} from './rows';

type GeometryType = Parameters<typeof isModelGeometry>[1][number];

/**
 * Rows against `schema`. With `geometry` (the types the schema's geometry field accepts), a row
 * whose geometry passes isModelGeometry has only its other fields parsed by zod and keeps its own
 * coordinate arrays (zod would copy them, position by position: most of a city's validation);
 * any row that fails is parsed whole by zod, so a refusal reads exactly as before.
 */
function validateAll<T>(schema: z.ZodObject, rows: unknown[], what: string, geometry?: readonly GeometryType[]): T[] {
  const rest = geometry && schema.omit({ geometry: true });
  const keys = Object.keys(schema.shape);
  return rows.map((row, i) => {
    if (rest) {
      const g = (row as { geometry?: unknown } | null)?.geometry;
      const r = isModelGeometry(g, geometry) ? rest.safeParse(row) : undefined;
      if (r?.success) {
        const { type, coordinates } = g as { type: string; coordinates: unknown };
        const data = r.data as Record<string, unknown>;
        const out: Record<string, unknown> = {}; // the schema's key order, as zod's own output has it
        for (const k of keys) out[k] = k === 'geometry' ? { type, coordinates } : data[k];
        return out as T;
      }
    }
    const r = schema.safeParse(row);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const id = (row as { id?: unknown })?.id;
      throw new DomainError('invalid_input', `${what}[${i}]${id !== undefined ? ` (id ${String(id)})` : ''}: ${issue.path.join('.') || 'value'}: ${issue.message}`);
    }
    return r.data as T;
  });
}

const AREAL = ['Polygon', 'MultiPolygon'] as const, ANY = ['Point', 'Polygon', 'MultiPolygon'] as const;

/** Checks a bundle against the model before anything is written. */
export function validateBundle(bundle: DatasetBundle): DatasetBundle {
  const meta = validateAll<DatasetMeta>(DatasetMeta, [bundle.meta], 'meta')[0]!;
  const facilities = validateAll<Facility>(Facility, bundle.facilities, 'facilities');
  const ids = new Set(facilities.map((f) => f.id));
  const dependencies = validateAll<Dependency>(Dependency, bundle.dependencies, 'dependencies');
  for (const d of dependencies) {
    for (const end of [d.consumerId, d.supplierId]) {
      if (!ids.has(end)) throw new DomainError('invalid_input', `dependencies (id ${d.id}): facility ${end} does not exist in the dataset`);
    }
  }
  const serviceAreas = validateAll<ServiceArea>(ServiceArea, bundle.serviceAreas, 'serviceAreas', AREAL);
  for (const s of serviceAreas) {
    if (!ids.has(s.facilityId)) throw new DomainError('invalid_input', `serviceAreas (id ${s.id}): facility ${s.facilityId} does not exist in the dataset`);
  }
  return {
    meta,
    populationUnits: validateAll<PopulationUnit>(PopulationUnit, bundle.populationUnits, 'populationUnits', AREAL),
    buildings: validateAll<Building>(Building, bundle.buildings, 'buildings', ANY),
    facilities,
    dependencies,
    serviceAreas,
    protectedSites: validateAll<ProtectedSite>(ProtectedSite, bundle.protectedSites, 'protectedSites', ANY),
  };
}

/**
 * Writes a dataset in one transaction. With `replace`, an existing dataset of the same name is
 * replaced inside the same transaction (its operations and assessments are kept only if `replace`
 * is 'contents'). Either everything is stored or nothing is.
 */
export function saveDataset(db: Db, input: DatasetBundle, opts: { replace?: boolean } = {}): number {
  const b = validateBundle(input);
  return db.transaction(() => {
    const existing = db.prepare('SELECT id FROM datasets WHERE name = ?').get(b.meta.name) as { id: number } | undefined;
    let datasetId: number;
    if (existing) {
      if (!opts.replace) throw new DomainError('conflict', `a dataset named "${b.meta.name}" already exists`);
      datasetId = existing.id;
      clearContents(db, datasetId);
      db.prepare(`UPDATE datasets SET source=?, licence=?, attribution=?, crs_origin=?, synthetic=?, default_breakdown=? WHERE id=?`)
        .run(b.meta.source, b.meta.licence, b.meta.attribution, b.meta.crsOrigin, b.meta.synthetic ? 1 : 0, JSON.stringify(b.meta.defaultBreakdown), datasetId);
    } else {
      datasetId = Number(db.prepare(`INSERT INTO datasets (name, source, licence, attribution, crs_origin, synthetic, default_breakdown, content_hash, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)`).run(
        b.meta.name, b.meta.source, b.meta.licence, b.meta.attribution, b.meta.crsOrigin, b.meta.synthetic ? 1 : 0,
        JSON.stringify(b.meta.defaultBreakdown), nowIso(),
      ).lastInsertRowid);
    }
    writeContents(db, datasetId, b);
    // Hashed from what was just written, as loadDataset would read it back, without reading it back
    // (that read was a third of saving Porto): content-hash.test.ts checks the two agree.
    const stored = asStored(b);
    if (stored) storeHash(db, datasetId, bundleDigests(stored));
    else refreshContentHash(db, datasetId);
    return datasetId;
  })();
}

const CONTENT_TABLES = ['dependencies', 'service_areas', 'protected_sites', 'buildings', 'population_units', 'facilities'] as const;

function clearContents(db: Db, datasetId: number): void {
  for (const t of CONTENT_TABLES) db.prepare(`DELETE FROM ${t} WHERE dataset_id = ?`).run(datasetId);
}

function insertWithRtree(db: Db, table: string, columns: string[], rtree: boolean) {
  const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const insertBox = rtree ? db.prepare(`INSERT INTO ${table}_rtree (id, min_x, max_x, min_y, max_y) VALUES (?, ?, ?, ?, ?)`) : null;
  return (values: unknown[], geometry?: AnyFeatureGeometry): number => {
    const id = Number(insert.run(...values).lastInsertRowid);
    if (insertBox && geometry) {
      const [w, s, e, n] = bboxOf(geometry);
      insertBox.run(id, w, e, s, n);
    }
    return id;
  };
}

function writeContents(db: Db, datasetId: number, b: DatasetBundle): void {
  const unit = insertWithRtree(db, 'population_units', ['dataset_id', 'ext_id', 'geometry', 'residents', 'female', 'age0to14', 'age65plus', 'disabled'], true);
  for (const u of b.populationUnits) {
    const k = u.breakdown;
    unit([datasetId, u.id, JSON.stringify(u.geometry), u.residents, k?.female ?? null, k?.age0to14 ?? null, k?.age65plus ?? null, k?.disabled ?? null], u.geometry);
  }
  const building = insertWithRtree(db, 'buildings', ['dataset_id', 'ext_id', 'geometry', 'use', 'construction', 'storeys', 'residents', 'workers', 'unit_ext_id'], true);
  for (const x of b.buildings) {
    building([datasetId, x.id, JSON.stringify(x.geometry), x.use, x.construction, x.storeys, x.residents, x.workers, x.unitId], x.geometry);
  }
  const facility = insertWithRtree(db, 'facilities', ['dataset_id', 'ext_id', ...FACILITY_COLUMNS], true);
  const rowIdOf = new Map<string, number>();
  for (const f of b.facilities) rowIdOf.set(f.id, facility([datasetId, f.id, ...facilityValues(f)], f.geometry));
  const dependency = insertWithRtree(db, 'dependencies', ['dataset_id', 'ext_id', 'consumer_id', 'supplier_id', 'input', 'backup_days', 'inferred'], false);
  for (const d of b.dependencies) {
    dependency([datasetId, d.id, rowIdOf.get(d.consumerId), rowIdOf.get(d.supplierId), d.input, d.backupDays, d.inferred ? 1 : 0]);
  }
  const area = insertWithRtree(db, 'service_areas', ['dataset_id', 'ext_id', 'facility_id', 'geometry', 'inferred'], false);
  for (const s of b.serviceAreas) area([datasetId, s.id, rowIdOf.get(s.facilityId), JSON.stringify(s.geometry), s.inferred ? 1 : 0]);
  const site = insertWithRtree(db, 'protected_sites', ['dataset_id', 'ext_id', 'name', 'category', 'geometry', 'capacity', 'facility_ext_id'], true);
  for (const p of b.protectedSites) site([datasetId, p.id, p.name, p.category, JSON.stringify(p.geometry), p.capacity, p.facilityId], p.geometry);
}

interface DatasetRow {
  id: number; name: string; source: string; licence: string; attribution: string; crs_origin: string;
  synthetic: number; default_breakdown: string; content_hash: string; content_digests: string | null; created_at: string;
}

export function findDataset(db: Db, nameOrId: string | number): DatasetRow | undefined {
  return (typeof nameOrId === 'number'
    ? db.prepare('SELECT * FROM datasets WHERE id = ?').get(nameOrId)
    : db.prepare('SELECT * FROM datasets WHERE name = ?').get(nameOrId)) as DatasetRow | undefined;
}

export function requireDataset(db: Db, nameOrId: string | number): DatasetRow {
  const row = findDataset(db, nameOrId);
  if (!row) {
    const names = (db.prepare('SELECT name FROM datasets ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    throw new DomainError('not_found', `no dataset ${typeof nameOrId === 'number' ? `with id ${nameOrId}` : `named "${nameOrId}"`}${names.length ? ` (available: ${names.join(', ')})` : ' (the database has none)'}`);
  }
  return row;
}

export function loadDataset(db: Db, datasetId: number): DatasetBundle {
  const d = requireDataset(db, datasetId);
  const meta: DatasetMeta = {
    name: d.name, source: d.source, licence: d.licence, attribution: d.attribution, crsOrigin: d.crs_origin,
    synthetic: d.synthetic === 1, defaultBreakdown: JSON.parse(d.default_breakdown) as Breakdown,
  };
  const populationUnits = (db.prepare('SELECT * FROM population_units WHERE dataset_id = ? ORDER BY id').all(datasetId) as Record<string, never>[])
    .map((r): PopulationUnit => ({
      id: r.ext_id, geometry: JSON.parse(r.geometry), residents: r.residents,
      breakdown: r.female === null ? null : { female: r.female, age0to14: r.age0to14, age65plus: r.age65plus, disabled: r.disabled },
    }));
  const buildings = (db.prepare('SELECT * FROM buildings WHERE dataset_id = ? ORDER BY id').all(datasetId) as Record<string, never>[])
    .map((r): Building => ({
      id: r.ext_id, geometry: JSON.parse(r.geometry), use: r.use, construction: r.construction, storeys: r.storeys,
      residents: r.residents, workers: r.workers, unitId: r.unit_ext_id,
    }));
  const { facilities, dependencies, serviceAreas } = loadInfrastructure(db, datasetId);
  const protectedSites = (db.prepare('SELECT * FROM protected_sites WHERE dataset_id = ? ORDER BY id').all(datasetId) as Record<string, never>[])
    .map((r): ProtectedSite => ({
      id: r.ext_id, name: r.name, category: r.category, geometry: JSON.parse(r.geometry), capacity: r.capacity, facilityId: r.facility_ext_id,
    }));
  return { meta, populationUnits, buildings, facilities, dependencies, serviceAreas, protectedSites };
}

/** The parts of a dataset that engineers edit, in row order. */
export function loadInfrastructure(db: Db, datasetId: number): Pick<DatasetBundle, 'facilities' | 'dependencies' | 'serviceAreas'> {
  const facilityRows = db.prepare('SELECT * FROM facilities WHERE dataset_id = ? ORDER BY id').all(datasetId) as FacilityRow[];
  const ext = new Map<number, string>(facilityRows.map((r) => [r.id, r.ext_id]));
  const extOf = (rowId: number) => ext.get(rowId)!;
  return {
    facilities: facilityRows.map(facilityFromRow),
    dependencies: (db.prepare('SELECT * FROM dependencies WHERE dataset_id = ? ORDER BY id').all(datasetId) as DependencyRow[]).map((r) => dependencyFromRow(r, extOf)),
    serviceAreas: (db.prepare('SELECT * FROM service_areas WHERE dataset_id = ? ORDER BY id').all(datasetId) as AreaRow[]).map((r) => serviceAreaFromRow(r, extOf)),
  };
}

const HASH_PARTS = ['meta', 'populationUnits', 'buildings', 'facilities', 'dependencies', 'serviceAreas', 'protectedSites'] as const;
type Digests = Record<(typeof HASH_PARTS)[number], string>;

/**
 * SHA-256 of stableJson(value). An array of records (a city's buildings) is fed to the hash one
 * record at a time, the same bytes as its whole text, without building that text (tens of MB).
 */
function digest(value: unknown): string {
  const h = createHash('sha256');
  if (!Array.isArray(value) || value.length === 0 || value.every((x) => typeof x === 'number' || Array.isArray(x))) {
    return h.update(stableJson(value) ?? '').digest('hex');
  }
  for (let i = 0; i < value.length; i++) h.update((i ? ',' : '[') + (stableJson(value[i]) ?? 'null'));
  return h.update(']').digest('hex');
}
const combine = (d: Digests): string => createHash('sha256').update(HASH_PARTS.map((p) => `${p} ${d[p]}\n`).join('')).digest('hex');

function bundleDigests(b: DatasetBundle): Digests {
  const { name: _name, ...meta } = b.meta;
  return {
    meta: digest(meta), populationUnits: digest(b.populationUnits), buildings: digest(b.buildings), facilities: digest(b.facilities),
    dependencies: digest(b.dependencies), serviceAreas: digest(b.serviceAreas), protectedSites: digest(b.protectedSites),
  };
}

/**
 * A validated bundle as loadDataset returns it once stored. Only facilities differ: their row keeps
 * longitude and latitude alone (no elevation) and no empty capacity member. Every other entity is
 * stored field for field, and the validated geometry is plain JSON that reads back as it was written.
 * Undefined when a text is not well-formed UTF-16 (a lone surrogate reads back as U+FFFD): the
 * caller then hashes what it reads back.
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u; // with the u flag a surrogate pair is one code point and does not match

function asStored(b: DatasetBundle): DatasetBundle | undefined {
  const texts = (x: object) => Object.values(x).every((v) => typeof v !== 'string' || !LONE_SURROGATE.test(v));
  for (const k of HASH_PARTS) {
    const part = k === 'meta' ? [b.meta] : b[k];
    for (const x of part) if (!texts(x)) return undefined;
  }
  const facilities = b.facilities.map((f) => {
    const values = facilityValues(f);
    const row = Object.fromEntries(FACILITY_COLUMNS.map((c, i) => [c, values[i]])) as Omit<FacilityRow, 'id' | 'ext_id'>;
    return facilityFromRow({ ...row, id: 0, ext_id: f.id });
  });
  return { ...b, facilities };
}

/** Hash of the stored contents (name and creation time excluded: they do not change any figure). */
export function bundleHash(b: DatasetBundle): string {
  return combine(bundleDigests(b));
}

function storeHash(db: Db, datasetId: number, digests: Digests): string {
  const hash = combine(digests);
  db.prepare('UPDATE datasets SET content_hash = ?, content_digests = ? WHERE id = ?').run(hash, JSON.stringify(digests), datasetId);
  return hash;
}

/** Hashes the whole stored dataset again. */
export function refreshContentHash(db: Db, datasetId: number): string {
  return storeHash(db, datasetId, bundleDigests(loadDataset(db, datasetId)));
}

/** After an edit of facilities, dependencies or service areas: re-hashes only those (the rest keep their stored digests). */
export function refreshInfrastructureHash(db: Db, datasetId: number): string {
  const stored = requireDataset(db, datasetId).content_digests;
  if (stored === null) return refreshContentHash(db, datasetId);
  const { facilities, dependencies, serviceAreas } = loadInfrastructure(db, datasetId);
  const digests: Digests = { ...(JSON.parse(stored) as Digests), facilities: digest(facilities), dependencies: digest(dependencies), serviceAreas: digest(serviceAreas) };
  return storeHash(db, datasetId, digests);
}

export function deleteDataset(db: Db, datasetId: number): void {
  db.transaction(() => {
    clearContents(db, datasetId);
    db.prepare('DELETE FROM datasets WHERE id = ?').run(datasetId);
  })();
}

export function listDatasets(db: Db): DatasetSummary[] {
  const rows = db.prepare('SELECT * FROM datasets ORDER BY id').all() as DatasetRow[];
  return rows.map((d) => {
    const one = <T>(sql: string) => db.prepare(sql).get(d.id) as T;
    const units = one<{ n: number; residents: number | null }>('SELECT COUNT(*) AS n, SUM(residents) AS residents FROM population_units WHERE dataset_id = ?');
    const buildings = one<{ n: number }>('SELECT COUNT(*) AS n FROM buildings WHERE dataset_id = ?');
    const sites = one<{ n: number }>('SELECT COUNT(*) AS n FROM protected_sites WHERE dataset_id = ?');
    const facilities = Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;
    for (const r of db.prepare('SELECT sector, COUNT(*) AS n FROM facilities WHERE dataset_id = ? GROUP BY sector').all(d.id) as { sector: Sector; n: number }[]) {
      facilities[r.sector] = r.n;
    }
    const sectors = sectorProvenance(db, d.id);
    const box = db.prepare(`SELECT MIN(min_x) AS w, MIN(min_y) AS s, MAX(max_x) AS e, MAX(max_y) AS n FROM (
        SELECT r.* FROM population_units_rtree r JOIN population_units u ON u.id = r.id WHERE u.dataset_id = @id
        UNION ALL SELECT r.* FROM buildings_rtree r JOIN buildings b ON b.id = r.id WHERE b.dataset_id = @id
        UNION ALL SELECT r.* FROM facilities_rtree r JOIN facilities f ON f.id = r.id WHERE f.dataset_id = @id)`).get({ id: d.id }) as { w: number | null; s: number; e: number; n: number };
    return {
      id: d.id, name: d.name, source: d.source, licence: d.licence, attribution: d.attribution, crsOrigin: d.crs_origin,
      synthetic: d.synthetic === 1, contentHash: d.content_hash, createdAt: d.created_at,
      bbox: box.w === null ? null : [box.w, box.s, box.e, box.n],
      counts: { populationUnits: units.n, residents: units.residents ?? 0, buildings: buildings.n, facilities, protectedSites: sites.n },
      sectors,
    };
  });
}

/** [west, south, east, north] of a dataset's buildings and facilities, or null when it has none. */
export function builtExtent(db: Db, datasetId: number): [number, number, number, number] | null {
  const box = db.prepare(`SELECT MIN(min_x) AS w, MIN(min_y) AS s, MAX(max_x) AS e, MAX(max_y) AS n FROM (
      SELECT r.* FROM buildings_rtree r JOIN buildings b ON b.id = r.id WHERE b.dataset_id = @id
      UNION ALL SELECT r.* FROM facilities_rtree r JOIN facilities f ON f.id = r.id WHERE f.dataset_id = @id)`).get({ id: datasetId }) as { w: number | null; s: number; e: number; n: number };
  return box.w === null ? null : [box.w, box.s, box.e, box.n];
}

/** Per sector: facilities, and given vs inferred service areas (a facility without a given one gets the bounded default) and supply links. */
function sectorProvenance(db: Db, datasetId: number): Record<Sector, SectorProvenance> {
  const out = Object.fromEntries(SECTORS.map((s) => [s, { facilities: 0, withCapacity: 0, serviceAreas: { given: 0, inferred: 0 }, links: { given: 0, inferred: 0 } }])) as Record<Sector, SectorProvenance>;
  for (const r of db.prepare(`SELECT sector, COUNT(*) AS n, SUM(beds IS NOT NULL OR people_served IS NOT NULL OR mw IS NOT NULL) AS cap,
      SUM(EXISTS (SELECT 1 FROM service_areas s WHERE s.facility_id = f.id AND s.inferred = 0)) AS given
      FROM facilities f WHERE dataset_id = ? GROUP BY sector`).all(datasetId) as { sector: Sector; n: number; cap: number; given: number }[]) {
    const o = out[r.sector];
    o.facilities = r.n; o.withCapacity = r.cap; o.serviceAreas = { given: r.given, inferred: r.n - r.given };
  }
  for (const r of db.prepare(`SELECT f.sector AS sector, d.inferred AS inferred, COUNT(*) AS n FROM dependencies d JOIN facilities f ON f.id = d.consumer_id
      WHERE d.dataset_id = ? GROUP BY f.sector, d.inferred`).all(datasetId) as { sector: Sector; inferred: number; n: number }[]) {
    out[r.sector].links[r.inferred ? 'inferred' : 'given'] = r.n;
  }
  return out;
}
