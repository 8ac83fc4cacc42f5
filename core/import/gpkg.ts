/**
 * GeoPackage population layers. A GeoPackage is SQLite: opened read-only with better-sqlite3,
 * geometry decoded from its GP header + WKB, reprojected from the layer's own
 * gpkg_spatial_ref_sys definition.
 */
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { populationSink } from './census';
import { crsFromEpsg, crsFromWkt, type Crs } from '../formats/crs';
import { detectMapping, missingColumns } from './field-mapping';
import { decodeGpkgGeometry } from '../formats/gpkg-geometry';
import { ImportCancelled, ImportError, progressOf, emptyLayer, type ImportContext, type ImportedLayer, type Importer } from './types';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

interface LayerInfo { table: string; column: string; srsId: number; columns: string[] }

function layersOf(db: Database.Database, file: string): LayerInfo[] {
  let rows: { table_name: string; column_name: string; srs_id: number }[];
  try {
    rows = db.prepare(`SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
      JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY c.table_name`).all() as typeof rows;
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (/CORRUPT|NOTADB/.test(code)) throw new ImportError(file, { key: 'import.corruptGpkg', params: { detail: (e as Error).message } });
    throw new ImportError(file, { key: 'import.notGpkg', params: { detail: (e as Error).message } });
  }
  if (!rows.length) throw new ImportError(file, { key: 'import.noGpkgLayer' });
  return rows.map((r) => ({
    table: r.table_name, column: r.column_name, srsId: r.srs_id,
    columns: (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(r.table_name) as { name: string }[]).map((c) => c.name).filter((c) => c !== r.column_name),
  }));
}

function crsOf(db: Database.Database, srsId: number, file: string): Crs {
  const row = db.prepare('SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?').get(srsId) as
    { organization: string; organization_coordsys_id: number; definition: string } | undefined;
  if (!row) throw new ImportError(file, { key: 'import.gpkgSrsMissing', params: { srsId: String(srsId) } });
  if (srsId === 0 || srsId === -1 || row.definition === 'undefined') throw new ImportError(file, { key: 'import.gpkgSrsUndefined', params: { srsId: String(srsId) } });
  if (row.organization?.toUpperCase() === 'EPSG' && row.organization_coordsys_id === 4326) return crsFromEpsg(4326, file);
  return crsFromWkt(row.definition, file);
}

async function read(path: string, ctx: ImportContext): Promise<ImportedLayer> {
  const size = statSync(path).size;
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new ImportError(path, { key: 'import.cannotOpenGpkg', params: { detail: (e as Error).message } });
  }
  try {
    const layers = layersOf(db, path);
    if (ctx.layer && !layers.some((l) => l.table === ctx.layer)) throw new ImportError(path, { key: 'import.noSuchLayer', params: { layer: ctx.layer, layers: layers.map((l) => l.table).join(', ') } });
    const chosen = ctx.layer ? layers.find((l) => l.table === ctx.layer)!
      : ctx.mapping
      ? layers.find((l) => missingColumns(ctx.mapping!, l.columns).length === 0) ?? layers[0]!
      : layers.find((l) => detectMapping(l.columns, l.table)) ?? layers[0]!;
    const crs = crsOf(db, chosen.srsId, path);
    const layer = emptyLayer(path, 'gpkg', crs.name);
    if (layers.length > 1) layer.notes.push(`layer "${chosen.table}" read (of ${layers.map((l) => l.table).join(', ')})`);
    const sink = populationSink(layer, chosen.columns, chosen.table, crs, ctx);
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM ${q(chosen.table)}`).get() as { n: number }).n;
    const stmt = db.prepare(`SELECT * FROM ${q(chosen.table)} ORDER BY rowid`);
    let i = 0;
    for (const row of stmt.iterate() as Iterable<Record<string, unknown>>) {
      if (ctx.signal?.aborted) throw new ImportCancelled(path);
      const blob = row[chosen.column];
      let geometry: { type: string; coordinates?: unknown } | null = null;
      if (blob instanceof Buffer) {
        try {
          const g = decodeGpkgGeometry(blob);
          if (g.srsId !== chosen.srsId && g.srsId > 0) throw new Error(`srs_id ${g.srsId} differs from the layer's ${chosen.srsId}`);
          geometry = g.geometry;
        } catch (e) {
          throw new ImportError(path, `feature ${i + 1} of layer ${chosen.table}: corrupt geometry (${(e as Error).message})`);
        }
      }
      const { [chosen.column]: _g, ...props } = row;
      sink.add(props, geometry, i);
      i++;
      if (i % 200 === 0) {
        ctx.onProgress?.(progressOf({ key: 'readingLayer', table: chosen.table }, Math.round((size * i) / Math.max(total, 1)), size, i));
        await new Promise((r) => setImmediate(r));
      }
    }
    sink.finish();
    ctx.onProgress?.(progressOf({ key: 'readingLayer', table: chosen.table }, size, size, i));
    return layer;
  } catch (e) {
    if (e instanceof ImportError || e instanceof ImportCancelled) throw e;
    throw new ImportError(path, { key: 'import.corruptGpkg', params: { detail: (e as Error).message } });
  } finally {
    db.close();
  }
}

export const gpkgImporter: Importer = {
  format: 'gpkg',
  label: 'GeoPackage (population polygons)',
  extensions: ['.gpkg'],
  sniff: (head) => head.length >= 16 && head.subarray(0, 16).equals(SQLITE_MAGIC),
  read,
};
