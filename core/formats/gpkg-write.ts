/**
 * Export a dataset to GeoPackage 1.2 (OGC 12-128r18), written with better-sqlite3: layers
 * population_units, buildings, facilities and protected_sites, all in EPSG:4326. Written to a
 * temporary file beside the target and renamed, so a failed export leaves no half file.
 */
import Database from 'better-sqlite3';
import { writeExport } from '../store/private-files';
import type { DatasetBundle } from '../model/dataset';
import { DomainError } from '../model/errors';
import type { Db } from '../store/db';
import { loadDataset, requireDataset } from '../store/datasets';
import { encodeGpkgGeometry, envelopeOf } from './gpkg-geometry';

const WGS84_WKT = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const CORE_SQL = `
PRAGMA application_id = 1196444487;
PRAGMA user_version = 10200;
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
`;

type Value = string | number | null;
interface LayerSpec {
  name: string;
  geometryType: 'MULTIPOLYGON' | 'POINT' | 'GEOMETRY';
  columns: [string, 'TEXT' | 'REAL' | 'INTEGER'][];
  rows: { geometry: { type: string; coordinates: unknown }; values: Value[] }[];
}

function toMulti(g: { type: string; coordinates: unknown }): { type: string; coordinates: unknown } {
  return g.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : g;
}

function layersOf(b: DatasetBundle): LayerSpec[] {
  return [
    {
      name: 'population_units', geometryType: 'MULTIPOLYGON',
      columns: [['unit_id', 'TEXT'], ['residents', 'REAL'], ['female', 'REAL'], ['age0to14', 'REAL'], ['age65plus', 'REAL'], ['disabled', 'REAL']],
      rows: b.populationUnits.map((u) => ({
        geometry: toMulti(u.geometry),
        values: [u.id, u.residents, u.breakdown?.female ?? null, u.breakdown?.age0to14 ?? null, u.breakdown?.age65plus ?? null, u.breakdown?.disabled ?? null],
      })),
    },
    {
      name: 'buildings', geometryType: 'GEOMETRY',
      columns: [['building_id', 'TEXT'], ['use', 'TEXT'], ['construction', 'TEXT'], ['storeys', 'INTEGER'], ['residents', 'REAL'], ['workers', 'REAL'], ['unit_id', 'TEXT']],
      rows: b.buildings.map((x) => ({ geometry: x.geometry, values: [x.id, x.use, x.construction, x.storeys, x.residents, x.workers, x.unitId] })),
    },
    {
      name: 'facilities', geometryType: 'POINT',
      columns: [['facility_id', 'TEXT'], ['name', 'TEXT'], ['sector', 'TEXT'], ['kind', 'TEXT'], ['construction', 'TEXT'], ['beds', 'REAL'], ['people_served', 'REAL'], ['mw', 'REAL'], ['source', 'TEXT']],
      rows: b.facilities.map((f) => ({
        geometry: f.geometry,
        values: [f.id, f.name, f.sector, f.kind, f.construction, f.capacity.beds ?? null, f.capacity.peopleServed ?? null, f.capacity.mw ?? null, f.source],
      })),
    },
    {
      name: 'protected_sites', geometryType: 'GEOMETRY',
      columns: [['site_id', 'TEXT'], ['name', 'TEXT'], ['category', 'TEXT'], ['capacity', 'REAL'], ['facility_id', 'TEXT']],
      rows: b.protectedSites.map((p) => ({ geometry: p.geometry, values: [p.id, p.name, p.category, p.capacity, p.facilityId] })),
    },
  ];
}

export interface GpkgExportSummary { path: string; layers: Record<string, number> }

export function exportBundleToGeoPackage(bundle: DatasetBundle, path: string, opts: { overwrite?: boolean } = {}): GpkgExportSummary {
  const summary: GpkgExportSummary = { path, layers: {} };
  writeExport(path, (tmp) => {
    const out = new Database(tmp);
    try {
      out.exec(CORE_SQL);
      const srs = out.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
      srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
      srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
      srs.run('WGS 84 geodetic', 4326, 'EPSG', 4326, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
      const description = `${bundle.meta.name}. Source: ${bundle.meta.source}. Licence: ${bundle.meta.licence}. Attribution: ${bundle.meta.attribution}`;
      out.transaction(() => {
        for (const layer of layersOf(bundle)) {
          const cols = layer.columns.map(([n, t]) => `"${n}" ${t}`).join(', ');
          out.exec(`CREATE TABLE "${layer.name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${layer.geometryType}, ${cols})`);
          const insert = out.prepare(`INSERT INTO "${layer.name}" (geom, ${layer.columns.map(([n]) => `"${n}"`).join(', ')}) VALUES (?${', ?'.repeat(layer.columns.length)})`);
          const box = [Infinity, Infinity, -Infinity, -Infinity];
          for (const r of layer.rows) {
            insert.run(encodeGpkgGeometry(r.geometry, 4326), ...r.values);
            const [minx, maxx, miny, maxy] = envelopeOf(r.geometry);
            box[0] = Math.min(box[0]!, minx); box[1] = Math.min(box[1]!, miny); box[2] = Math.max(box[2]!, maxx); box[3] = Math.max(box[3]!, maxy);
          }
          const has = layer.rows.length > 0;
          out.prepare('INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 4326)')
            .run(layer.name, 'features', layer.name, description, has ? box[0] : null, has ? box[1] : null, has ? box[2] : null, has ? box[3] : null);
          out.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, 4326, 0, 0)').run(layer.name, 'geom', layer.geometryType);
          summary.layers[layer.name] = layer.rows.length;
        }
      })();
    } finally {
      if (out.open) out.close();
    }
  }, opts);
  return summary;
}

export function exportGeoPackage(db: Db, dataset: string | number, path: string, opts: { overwrite?: boolean } = {}): GpkgExportSummary {
  return exportBundleToGeoPackage(loadDataset(db, requireDataset(db, dataset).id), path, opts);
}
