/**
 * The import pipeline, top to bottom: pick an importer per file -> read every file (streaming,
 * cancellable) -> merge into the dataset of that name, replacing what the same files brought
 * before -> dasymetric allocation -> inferred dependencies and service areas -> one
 * saveDataset transaction. Nothing is written before the last step, and that step is atomic, so
 * a bad file, a failure or a cancel leaves the database exactly as it was. Reading the existing
 * dataset and writing it back happen in one IMMEDIATE transaction: an edit from another connection
 * (the CLI beside the app, a worker) waits for it or is refused, and is never overwritten unseen.
 */
import { statfsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { SECTORS, type DatasetBundle, type Sector } from '../model/dataset';
import type { Db } from '../store/db';
import { builtExtent, findDataset, loadDataset, saveDataset } from '../store/datasets';
import { allocateResidents, type AllocationSummary } from './dasymetric';
import { DEFAULT_BREAKDOWN, type FieldMapping } from './field-mapping';
import { inferDefaults, type InferenceSummary } from './inferred';
import { importerFor } from './registry';
import { writeBasemap } from '../basemap/write';
import { formatCount } from '../model/format';
import { ImportCancelled, ImportError, progressOf, type ImportContext, type ImportProgress, type ImportedLayer } from './types';
import type { ImportPhase } from './words';
import { bboxOf } from '../geometry/bbox';
import importDefaults from '../../data/import/defaults.json';
import { DomainError } from '../model/errors';

/** What each importer reads with (ImportContext), plus where the result goes. */
export interface ImportOptions extends ImportContext {
  dataset: string;
  licence?: string;
  attribution?: string;
}

export interface LayerCounts {
  populationUnits: number;
  residents: number;
  buildings: number;
  facilities: Record<Sector, number>;
  /** "health/hospital" -> n */
  facilityKinds: Record<string, number>;
  protectedSites: number;
}

export interface FileReport {
  file: string;
  format: string;
  crs: string;
  counts: LayerCounts;
  /** Records from an earlier import of the same file that this import replaced. */
  replaced: number;
  skipped: Record<string, number>;
  notes: string[];
  licence: string | null;
  attribution: string | null;
  licenceFrom: 'entered' | 'detected' | 'none';
  durationMs: number;
}

export interface ImportReport {
  dataset: string;
  datasetId: number;
  created: boolean;
  files: FileReport[];
  /** The whole dataset after the import. */
  totals: LayerCounts & { dependencies: number; serviceAreas: number };
  allocation: AllocationSummary;
  inference: InferenceSummary;
  crs: string[];
  licence: string;
  attribution: string;
  contentHash: string;
  durationMs: number;
}

function countsOf(b: Pick<DatasetBundle, 'populationUnits' | 'buildings' | 'facilities' | 'protectedSites'>): LayerCounts {
  const facilities = Object.fromEntries(SECTORS.map((s) => [s, 0])) as Record<Sector, number>;
  const facilityKinds: Record<string, number> = {};
  for (const f of b.facilities) {
    facilities[f.sector]++;
    facilityKinds[`${f.sector}/${f.kind}`] = (facilityKinds[`${f.sector}/${f.kind}`] ?? 0) + 1;
  }
  return {
    populationUnits: b.populationUnits.length,
    residents: b.populationUnits.reduce((s, u) => s + u.residents, 0),
    buildings: b.buildings.length,
    facilities, facilityKinds,
    protectedSites: b.protectedSites.length,
  };
}

/** "a; b" + ["b", "c"] -> "a; b; c" */
function union(existing: string, more: (string | null | undefined)[]): string {
  const parts = existing.split(';').map((s) => s.trim()).filter(Boolean);
  for (const m of more) if (m && !parts.includes(m.trim())) parts.push(m.trim());
  return parts.join('; ');
}

function emptyBundle(name: string): DatasetBundle {
  return {
    meta: { name, source: '', licence: '', attribution: '', crsOrigin: '', synthetic: false, defaultBreakdown: { ...DEFAULT_BREAKDOWN } },
    populationUnits: [], buildings: [], facilities: [], dependencies: [], serviceAreas: [], protectedSites: [],
  };
}

/** Removes every record the given id prefix brought; returns how many. */
function removePrefix(b: DatasetBundle, prefix: string): number {
  let n = 0;
  const keep = <T extends { id: string }>(xs: T[]) => xs.filter((x) => (x.id.startsWith(prefix) ? (n++, false) : true));
  b.populationUnits = keep(b.populationUnits);
  b.buildings = keep(b.buildings);
  b.facilities = keep(b.facilities);
  b.protectedSites = keep(b.protectedSites);
  return n;
}

const POSITION_JSON_CHARS = 40;
/** Positions in a GeoJSON coordinates array of any depth. */
function positionsIn(c: unknown): number {
  if (!Array.isArray(c) || c.length === 0) return 0;
  if (typeof c[0] === 'number') return 1;
  let n = 0;
  for (const d of c) n += positionsIn(d);
  return n;
}

function checkDiskSpace(db: Db, bundle: DatasetBundle): void {
  if (db.memory || !db.name) return;
  const dir = dirname(resolve(db.name));
  let free: number;
  try {
    const st = statfsSync(dir);
    free = Number(st.bavail) * Number(st.bsize);
  } catch {
    return; // not cheap to know here: let SQLite report it
  }
  // JSON text of the records, geometry counted by its positions (at most ~40 characters each, as
  // "[-8.611012345678901,41.147812345678901],"): writing every geometry out only to measure it cost
  // Porto's import 50 ms
  let json = 0;
  for (const k of ['populationUnits', 'buildings', 'facilities', 'dependencies', 'serviceAreas', 'protectedSites'] as const) {
    for (const x of bundle[k] as { geometry?: unknown }[]) {
      json += JSON.stringify({ ...x, geometry: null }).length;
      if (x.geometry) json += POSITION_JSON_CHARS * positionsIn((x.geometry as { coordinates: unknown }).coordinates);
    }
  }
  // geometry text is stored once, plus R*Tree rows, indexes and the WAL copy of every page
  const needed = json * 3 + 16 * 1024 * 1024;
  if (free < needed) {
    throw new ImportError(db.name, { key: 'import.diskSpace', params: { needed: String(Math.ceil(needed / 1e6)), free: String(Math.floor(free / 1e6)), dir } });
  }
}

const AOI_MARGIN_M = importDefaults.rasterAreaOfInterestMarginM.value;

/** The dataset's buildings and facilities with those just read, plus a margin; undefined when there are none. */
function areaOfInterest(db: Db, dataset: string, layers: ImportedLayer[]): [number, number, number, number] | undefined {
  const existing = findDataset(db, dataset);
  let [w, s, e, n] = (existing && builtExtent(db, existing.id)) ?? [Infinity, Infinity, -Infinity, -Infinity];
  for (const l of layers) {
    for (const x of [...l.buildings, ...l.facilities]) {
      const [bw, bs, be, bn] = bboxOf(x.geometry);
      w = Math.min(w, bw); s = Math.min(s, bs); e = Math.max(e, be); n = Math.max(n, bn);
    }
  }
  if (!(w <= e)) return undefined;
  const dLat = AOI_MARGIN_M / 111_320, dLon = dLat / Math.max(0.01, Math.cos((((s + n) / 2) * Math.PI) / 180));
  return [Math.max(-180, w - dLon), Math.max(-90, s - dLat), Math.min(180, e + dLon), Math.min(90, n + dLat)];
}

export async function importFiles(db: Db, files: string[], opts: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  if (!files.length) throw new DomainError('invalid_input', { key: 'import.noFiles' }, 'files');
  if (!opts.dataset?.trim()) throw new DomainError('invalid_input', { key: 'import.nameRequired' }, 'dataset');
  const signal = opts.signal;
  const check = () => { if (signal?.aborted) throw new ImportCancelled(); };
  check();

  // 1. pick importers first, so an unknown or empty file fails before any reading
  const plan = files.map((f) => ({ file: f, importer: importerFor(f) }));

  // 2. read every file; rasters last, so that the buildings and facilities of the other files
  //    (with the dataset's own) bound the part of a raster too large to read whole
  const isRaster = (i: number) => plan[i]!.importer.format === 'geotiff';
  const order = plan.map((_, i) => i).sort((a, b) => Number(isRaster(a)) - Number(isRaster(b)));
  const read: { layer: ImportedLayer; ms: number }[] = [];
  for (const i of order) {
    const { file, importer } = plan[i]!;
    check();
    const t = Date.now();
    let layer: ImportedLayer;
    try {
      layer = await importer.read(file, {
        mapping: opts.mapping, layer: opts.layer, window: opts.window, positiveOnly: opts.positiveOnly, signal,
        areaOfInterest: isRaster(i) ? areaOfInterest(db, opts.dataset, read.filter(Boolean).map((r) => r.layer)) : undefined,
        onProgress: opts.onProgress && ((p) => opts.onProgress!(progressOf({ ...p.step, file: basename(file) }, p.bytesRead, p.bytesTotal, p.features))),
      });
    } catch (e) {
      if (e instanceof ImportError || e instanceof ImportCancelled) throw e;
      throw new ImportError(file, { key: 'import.unreadableAs', params: { format: importer.label, detail: (e as Error).message } });
    }
    const n = layer.populationUnits.length + layer.buildings.length + layer.facilities.length + layer.protectedSites.length;
    if (n === 0) {
      const skipped = Object.entries(layer.skipped).map(([k, v]) => `${v} ${k}`).join(', ');
      throw new ImportError(file, skipped ? { key: 'import.nothingLeftOut', params: { skipped } } : { key: 'import.nothing' });
    }
    read[i] = { layer, ms: Date.now() - t };
  }
  const layers = plan.map((_, i) => read[i]!); // back in the order given
  check();

  // 3. merge into the existing dataset, replacing what the same files brought before
  return db.transaction(() => mergeAndSave(db, layers, opts, started)).immediate();
}

/** Steps 3-6, inside the caller's write transaction (synchronous: nothing else runs in between). */
function mergeAndSave(db: Db, layers: { layer: ImportedLayer; ms: number }[], opts: ImportOptions, started: number): ImportReport {
  const signal = opts.signal;
  const check = () => { if (signal?.aborted) throw new ImportCancelled(); };
  const progress = (key: ImportPhase) => opts.onProgress?.(progressOf({ key }, 0, 0, 0));
  progress('merging');
  const existing = findDataset(db, opts.dataset);
  const bundle = existing ? loadDataset(db, existing.id) : emptyBundle(opts.dataset);
  const reports: FileReport[] = [];
  for (const { layer, ms } of layers) {
    const replaced = removePrefix(bundle, layer.idPrefix);
    bundle.populationUnits.push(...layer.populationUnits);
    bundle.buildings.push(...layer.buildings);
    bundle.facilities.push(...layer.facilities);
    bundle.protectedSites.push(...layer.protectedSites);
    const licence = opts.licence ?? layer.licence ?? null;
    const attribution = opts.attribution ?? layer.attribution ?? null;
    reports.push({
      file: layer.file, format: layer.format, crs: layer.crs, counts: countsOf(layer), replaced,
      skipped: layer.skipped, notes: layer.notes, licence, attribution,
      licenceFrom: opts.licence ? 'entered' : layer.licence ? 'detected' : 'none', durationMs: ms,
    });
  }
  bundle.meta = {
    ...bundle.meta,
    source: union(bundle.meta.source, layers.map((l) => basename(l.layer.file))),
    licence: union(bundle.meta.licence, reports.map((r) => r.licence)),
    attribution: union(bundle.meta.attribution, reports.map((r) => r.attribution)),
    crsOrigin: union(bundle.meta.crsOrigin, layers.map((l) => l.layer.crs)),
  };
  check();

  // 4. residents onto buildings, 5. default dependencies and service areas
  progress('allocating');
  const allocation = allocateResidents(bundle);
  check();
  progress('inferring');
  const inference = inferDefaults(bundle);
  check();

  // 6. one transaction
  checkDiskSpace(db, bundle);
  check();
  progress('writing');
  // the dataset and its basemap features in one transaction: both are written or neither (tiles are built as the map asks)
  const basemap = layers.some((l) => l.layer.basemap?.length) ? layers.flatMap((l) => l.layer.basemap ?? []) : null;
  const datasetId = db.transaction(() => {
    const id = saveDataset(db, bundle, { replace: true });
    writeBasemap(db, id, basemap);
    return id;
  })();
  const row = findDataset(db, datasetId)!;
  return {
    dataset: opts.dataset, datasetId, created: !existing, files: reports,
    totals: { ...countsOf(bundle), dependencies: bundle.dependencies.length, serviceAreas: bundle.serviceAreas.length },
    allocation, inference,
    crs: [...new Set(layers.map((l) => l.layer.crs))],
    licence: bundle.meta.licence, attribution: bundle.meta.attribution,
    contentHash: row.content_hash,
    durationMs: Date.now() - started,
  };
}

/** The report in words (moved to words.ts, which the import panel shares). */
export { formatReport } from './words';
