/**
 * Import of observed building damage (METHOD.md §7): UNOSAT and Copernicus EMS products in GeoJSON,
 * shapefile or CSV, normalised to 0 none .. 4 destroyed with the raw value, source and sensor date kept.
 *
 * Rules:
 * - Only damage inside the observed footprint counts (CEMS areaOfInterestA, or a polygon file given
 *   with the product). Damage outside it is not stored and is reported as `outsideFootprint`.
 *   Without any footprint every record is stored; the comparison then cannot read absence as "no damage".
 * - A product is identified by its key (e.g. "EMSR517_AOI15_GRA"). Importing a version of it replaces
 *   what the store holds for that key and kind (building damage, footprint): a monitoring update
 *   re-assesses, it never adds. An older version than the stored one is skipped, never mixed in.
 * - One transaction: every file is read and checked first; on any error nothing is written.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Geometry } from 'geojson';
import { DatasetMeta } from '../model/dataset';
import type { Db } from '../store/db';
import { findDataset, requireDataset, saveDataset } from '../store/datasets';
import { getOperation } from '../store/operations';
import {
  deleteObservations, latestObservationVersion, observationWriter, storedFootprints, type ObservationKind,
} from '../store/observations';
import { emptyByClass, type DamageClass } from './damage-classes';
import { PostopError } from './errors';
import { readLayer } from './formats';
import { cems } from './products/cems';
import { footprint as genericFootprint } from './products/footprint';
import type { ProductLayer, ProductModule } from './products/product';
import { unosat } from './products/unosat';

/** Tried in order: the first that recognises a layer interprets it. */
const PRODUCT_MODULES: ProductModule[] = [cems, unosat, genericFootprint];

export interface ImportOptions {
  dataset: string | number;
  operationId?: number;
  /** Product key for UNOSAT or plain files (CEMS keys come from the file names). */
  product?: string;
  /** Sensor date (YYYY-MM-DD) for products whose files carry none (CEMS). */
  sensorDate?: string;
  /** Called with every damage record's position that would be stored, before anything is written; throw to refuse the import. */
  checkPoints?: (lonLats: [number, number][]) => void;
}

export interface ProductImport {
  product: string;
  version: string;
  versionLabel: string;
  /** Observations of this product and kind the import replaced. */
  replaced: number;
  stored: number;
  footprint: 'imported' | 'stored' | 'none';
}

export interface ImportSummary {
  byClass: Record<DamageClass, number>;
  outsideFootprint: number;
  total: number;
  /** Product keys imported, comma-separated. */
  product: string;
  products: ProductImport[];
  sensorDates: string[];
  skipped: { reason: string; count: number }[];
}

const storedFootprint = (db: Db, datasetId: number, product: string, version: string) =>
  storedFootprints(db, datasetId, product, version) as ProductLayer['footprint'];

export async function importObservations(db: Db, files: string[], opts: ImportOptions): Promise<ImportSummary> {
  if (!files.length) throw new PostopError({ key: 'import.noFiles' }, 'invalid_input', 'files');
  const datasetId = requireDataset(db, opts.dataset).id;
  if (opts.operationId !== undefined) {
    const op = getOperation(db, opts.operationId);
    if (!op) throw new PostopError({ key: 'postop.noOperation', params: { id: String(opts.operationId) } }, 'not_found', 'operationId');
    if (op.datasetId !== datasetId) throw new PostopError({ key: 'postop.otherDataset', params: { id: String(opts.operationId) } });
  }
  if (opts.sensorDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.sensorDate)) throw new PostopError(`sensor date "${opts.sensorDate}" is not YYYY-MM-DD`);

  // 1. Read and interpret every file; any error stops here, before the store is touched.
  const layers: ProductLayer[] = [];
  for (const path of files) {
    const raw = await readLayer(path);
    const mod = PRODUCT_MODULES.find((m) => m.detect(raw));
    if (!mod) throw new PostopError(`${raw.file}: not a recognised damage product (no damage_gra, Main_Dam*, Grouped_Da field) nor a footprint polygon layer`);
    const layer = mod.interpret(raw, { sensorDate: opts.sensorDate ?? null });
    // A plain footprint takes the product (and version) of the damage layer it comes with, below.
    if (opts.product && mod !== cems && layer.role === 'damage') layer.product = opts.product;
    layers.push(layer);
  }
  const damageProducts = [...new Set(layers.filter((l) => l.role === 'damage').map((l) => l.product))];
  for (const l of layers.filter((x) => x.product === '')) {
    if (damageProducts.length !== 1) {
      throw new PostopError(`${l.file}: a plain footprint must come with exactly one damage product in the same import (found ${damageProducts.length})`);
    }
    const owner = layers.find((x) => x.product === damageProducts[0] && x.role === 'damage')!;
    Object.assign(l, { product: owner.product, version: owner.version, versionLabel: owner.versionLabel });
  }

  // 2. Per product, keep the newest version given; decide what replaces what.
  const skipped = new Map<string, number>();
  const skip = (reason: string, n: number) => { if (n > 0) skipped.set(reason, (skipped.get(reason) ?? 0) + n); };
  for (const l of layers) for (const [reason, n] of l.skipped) skip(reason, n);
  const byClass = emptyByClass();
  let outsideFootprint = 0;
  const sensorDates = new Set<string>();
  const products: ProductImport[] = [];
  const writes: (() => void)[] = [];
  const toStore: [number, number][] = [];
  const write = observationWriter(db);
  const remove = (product: string, kind: ObservationKind) => deleteObservations(db, { datasetId, product, kind });
  const put = (kind: ObservationKind, product: string, featureKey: string, geometry: Geometry, damageClass: number | null, rawValue: string | null, source: string, sensorDate: string | null, data: object) => {
    write({ datasetId, operationId: opts.operationId ?? null, kind, product, featureKey, geometry, damageClass, rawValue, source, sensorDate, data });
  };

  for (const product of [...new Set(layers.filter((l) => l.role !== 'ignored').map((l) => l.product))]) {
    const group = layers.filter((l) => l.product === product && l.role !== 'ignored');
    const newest = group.reduce((m, l) => (l.version > m ? l.version : m), '');
    for (const l of group.filter((x) => x.version < newest)) {
      skip(`${l.file}: superseded by a newer version of ${product} in the same import`, l.records.length || l.footprint.length);
    }
    const current = group.filter((l) => l.version === newest);
    const label = current[0]!.versionLabel;
    const summary: ProductImport = { product, version: newest, versionLabel: label, replaced: 0, stored: 0, footprint: 'none' };

    const fpLayers = current.filter((l) => l.role === 'footprint');
    let fp = fpLayers.flatMap((l) => l.footprint);
    const fpStored = latestObservationVersion(db, datasetId, product, 'footprint');
    if (fpLayers.length && fpStored !== null && fpStored > newest) {
      skip(`footprint of ${product} ${label}: the store holds a newer version`, fp.length);
      fp = storedFootprint(db, datasetId, product, fpStored);
    } else if (fpLayers.length) {
      summary.footprint = 'imported';
      const polys = fp;
      writes.push(() => {
        summary.replaced += remove(product, 'footprint');
        polys.forEach((g, i) => put('footprint', product, `footprint:${i}`, g, null, null, fpLayers[0]!.source, current.find((l) => l.records.length)?.records[0]?.sensorDate ?? opts.sensorDate ?? null,
          { version: newest, versionLabel: label, files: fpLayers.map((l) => l.file) }));
      });
    } else {
      fp = storedFootprint(db, datasetId, product, newest);
      if (fp.length) summary.footprint = 'stored';
    }

    const dmgLayers = current.filter((l) => l.role === 'damage');
    if (dmgLayers.length) {
      const dmgStored = latestObservationVersion(db, datasetId, product, 'building_damage');
      if (dmgStored !== null && dmgStored > newest) {
        skip(`${product} ${label}: the store holds a newer version; not imported`, dmgLayers.reduce((n, l) => n + l.records.length, 0));
      } else {
        const keep = dmgLayers.flatMap((l) => l.records.map((r) => ({ r, l }))).filter(({ r }) => {
          if (!fp.length) return true;
          const inside = fp.some((poly) => booleanPointInPolygon(r.lonLat, poly));
          if (!inside) outsideFootprint++;
          return inside;
        });
        for (const { r } of keep) {
          toStore.push(r.lonLat);
          byClass[r.damageClass]++;
          if (r.sensorDate) sensorDates.add(r.sensorDate);
        }
        summary.stored = keep.length;
        writes.push(() => {
          summary.replaced += remove(product, 'building_damage');
          for (const { r, l } of keep) {
            put('building_damage', product, r.featureKey, r.geometry, r.damageClass, r.rawValue, l.source, r.sensorDate,
              { version: newest, versionLabel: label, layer: l.layer, file: l.file, classField: r.classField, properties: r.properties });
          }
        });
      }
    }
    products.push(summary);
  }

  opts.checkPoints?.(toStore);

  // 3. Write everything or nothing.
  try {
    db.transaction(() => { for (const w of writes) w(); })();
  } catch (e) {
    throw new PostopError(`import failed, nothing was stored: ${(e as Error).message}`);
  }
  const total = DAMAGE_TOTAL(byClass);
  return {
    byClass, outsideFootprint, total,
    product: products.map((p) => p.product).join(', '),
    products,
    sensorDates: [...sensorDates].sort(),
    skipped: [...skipped].map(([reason, count]) => ({ reason, count })),
  };
}

const DAMAGE_TOTAL = (b: Record<DamageClass, number>) => b[0] + b[1] + b[2] + b[3] + b[4];

/**
 * The dataset that observations hang on (foreign key). Damage products often cover a place with no
 * imported city data (Aleppo here): this creates an empty dataset of that name if there is none.
 */
export function ensureEmptyDataset(db: Db, name: string, meta: Partial<Omit<DatasetMeta, 'name'>> = {}): number {
  const existing = findDataset(db, name);
  if (existing) return existing.id;
  return saveDataset(db, {
    meta: {
      name,
      source: meta.source ?? 'observations only (no city data imported)',
      licence: meta.licence ?? 'see the observation sources',
      attribution: meta.attribution ?? '',
      crsOrigin: meta.crsOrigin ?? 'EPSG:4326',
      synthetic: meta.synthetic ?? false,
      // InaSAFE global defaults (METHOD.md §1; youth 0.263 from safe/definitions/default_values.py). Unused: the dataset has no people.
      defaultBreakdown: meta.defaultBreakdown ?? { female: 0.496, age0to14: 0.263, age65plus: 0.077, disabled: 0.15 },
    },
    populationUnits: [], buildings: [], facilities: [], dependencies: [], serviceAreas: [], protectedSites: [],
  });
}
