/**
 * Schema migrations, applied in order by `PRAGMA user_version`. Never edit a shipped migration:
 * add a new one. Each runs in its own transaction, so a crash mid-migration leaves the previous version.
 *
 * Geometry is GeoJSON text in EPSG:4326; every spatial table has an R*Tree twin keyed by rowid,
 * kept in step by triggers, for bounding-box lookups.
 */
const rtree = (table: string) => `
CREATE VIRTUAL TABLE ${table}_rtree USING rtree(id, min_x, max_x, min_y, max_y);
CREATE TRIGGER ${table}_rtree_delete AFTER DELETE ON ${table} BEGIN
  DELETE FROM ${table}_rtree WHERE id = old.id;
END;`;

export const MIGRATIONS: readonly string[] = [
  // 1: the whole model of METHOD.md
  `
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL,
  licence TEXT NOT NULL,
  attribution TEXT NOT NULL,
  crs_origin TEXT NOT NULL,
  synthetic INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
  default_breakdown TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE population_units (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  ext_id TEXT NOT NULL,
  geometry TEXT NOT NULL,
  residents REAL NOT NULL CHECK (residents >= 0),
  female REAL CHECK (female BETWEEN 0 AND 1),
  age0to14 REAL CHECK (age0to14 BETWEEN 0 AND 1),
  age65plus REAL CHECK (age65plus BETWEEN 0 AND 1),
  disabled REAL CHECK (disabled BETWEEN 0 AND 1),
  UNIQUE (dataset_id, ext_id)
);
${rtree('population_units')}
CREATE TABLE buildings (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  ext_id TEXT NOT NULL,
  geometry TEXT NOT NULL,
  use TEXT NOT NULL,
  construction TEXT NOT NULL CHECK (construction IN ('light', 'urm', 'rc', 'steel')),
  storeys INTEGER NOT NULL CHECK (storeys >= 1),
  residents REAL NOT NULL CHECK (residents >= 0),
  workers REAL NOT NULL CHECK (workers >= 0),
  unit_ext_id TEXT,
  UNIQUE (dataset_id, ext_id)
);
${rtree('buildings')}
CREATE TABLE facilities (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  ext_id TEXT NOT NULL,
  name TEXT NOT NULL,
  sector TEXT NOT NULL CHECK (sector IN ('water', 'power', 'health', 'sanitation', 'communications')),
  kind TEXT NOT NULL,
  construction TEXT NOT NULL CHECK (construction IN ('light', 'urm', 'rc', 'steel')),
  beds REAL CHECK (beds >= 0),
  people_served REAL CHECK (people_served >= 0),
  mw REAL CHECK (mw >= 0),
  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  source TEXT NOT NULL,
  UNIQUE (dataset_id, ext_id)
);
${rtree('facilities')}
CREATE TABLE dependencies (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  ext_id TEXT NOT NULL,
  consumer_id INTEGER NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  supplier_id INTEGER NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  input TEXT NOT NULL CHECK (input IN ('power', 'water', 'communications')),
  backup_days REAL NOT NULL CHECK (backup_days >= 0),
  inferred INTEGER NOT NULL CHECK (inferred IN (0, 1)),
  CHECK (consumer_id <> supplier_id),
  UNIQUE (dataset_id, ext_id)
);
CREATE INDEX dependencies_consumer ON dependencies(consumer_id);
CREATE INDEX dependencies_supplier ON dependencies(supplier_id);
CREATE TABLE service_areas (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  ext_id TEXT NOT NULL,
  facility_id INTEGER NOT NULL REFERENCES facilities(id) ON DELETE CASCADE,
  geometry TEXT NOT NULL,
  inferred INTEGER NOT NULL CHECK (inferred IN (0, 1)),
  UNIQUE (dataset_id, ext_id)
);
CREATE TABLE protected_sites (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  ext_id TEXT NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  geometry TEXT NOT NULL,
  capacity REAL CHECK (capacity >= 0),
  facility_ext_id TEXT,
  UNIQUE (dataset_id, ext_id)
);
${rtree('protected_sites')}
CREATE TABLE operations (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE assessments (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  operation_id INTEGER REFERENCES operations(id) ON DELETE SET NULL,
  inputs TEXT NOT NULL,
  parameter_set TEXT NOT NULL,
  parameters TEXT NOT NULL,
  seed INTEGER NOT NULL,
  runs INTEGER NOT NULL,
  app_version TEXT NOT NULL,
  dataset_hash TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE observations (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  operation_id INTEGER REFERENCES operations(id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('building_damage', 'footprint', 'facility_status', 'service_outage', 'casualty_report')),
  product TEXT NOT NULL,
  feature_key TEXT NOT NULL,
  geometry TEXT,
  damage_class INTEGER CHECK (damage_class BETWEEN 0 AND 4),
  raw_value TEXT,
  source TEXT NOT NULL,
  sensor_date TEXT,
  data TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  UNIQUE (dataset_id, product, feature_key)
);
${rtree('observations')}
CREATE TABLE parameter_sets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE edits (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  entity_ext_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  before TEXT,
  after TEXT,
  author TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX edits_entity ON edits(dataset_id, entity, entity_ext_id);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE import_mappings (name TEXT PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL);
`,
  // The content hash's per-part digests (datasets.ts), so an edit re-hashes only the edited tables.
  // NULL until the dataset is next saved or edited (the first edit then hashes it in full).
  `ALTER TABLE datasets ADD COLUMN content_digests TEXT;`,
  // basemap: features in the Protomaps layer schema (from OSM or the generator) and their vector
  // tiles, MBTiles-like but keyed by dataset and with y in the XYZ scheme (not TMS)
  `
CREATE TABLE basemap_features (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  layer TEXT NOT NULL CHECK (layer IN ('earth', 'water', 'landuse', 'roads', 'buildings', 'places')),
  min_zoom INTEGER NOT NULL CHECK (min_zoom BETWEEN 0 AND 14),
  properties TEXT NOT NULL,
  geometry TEXT NOT NULL
);
CREATE INDEX basemap_features_dataset ON basemap_features(dataset_id);
${rtree('basemap_features')}
CREATE TABLE basemap_tiles (
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  zoom_level INTEGER NOT NULL,
  tile_column INTEGER NOT NULL,
  tile_row INTEGER NOT NULL,
  tile_data BLOB NOT NULL,
  PRIMARY KEY (dataset_id, zoom_level, tile_column, tile_row)
);
`,
  // Post-operation comparison fetches the run linked to an operation (the latest) without a scan.
  `CREATE INDEX assessments_operation ON assessments(operation_id, id);`,
  // observed displacement (issue 17): a new observation kind. SQLite cannot alter a CHECK, so the
  // table is rebuilt with the same columns and ids (its R*Tree twin is keyed by id and stays; DROP
  // TABLE fires no trigger), and the delete trigger is made again on the new table.
  `
CREATE TABLE observations_v2 (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  operation_id INTEGER REFERENCES operations(id) ON DELETE SET NULL,
  kind TEXT NOT NULL CHECK (kind IN ('building_damage', 'footprint', 'facility_status', 'service_outage', 'casualty_report', 'displacement_report')),
  product TEXT NOT NULL,
  feature_key TEXT NOT NULL,
  geometry TEXT,
  damage_class INTEGER CHECK (damage_class BETWEEN 0 AND 4),
  raw_value TEXT,
  source TEXT NOT NULL,
  sensor_date TEXT,
  data TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  UNIQUE (dataset_id, product, feature_key)
);
INSERT INTO observations_v2 (id, dataset_id, operation_id, kind, product, feature_key, geometry, damage_class, raw_value, source, sensor_date, data, created_at)
  SELECT id, dataset_id, operation_id, kind, product, feature_key, geometry, damage_class, raw_value, source, sensor_date, data, created_at FROM observations;
DROP TABLE observations;
ALTER TABLE observations_v2 RENAME TO observations;
CREATE TRIGGER observations_rtree_delete AFTER DELETE ON observations BEGIN
  DELETE FROM observations_rtree WHERE id = old.id;
END;
`,
  // a user's own basemap file per dataset (issue 13): a private copy in the data folder's basemaps/,
  // what it holds, and whether the map draws it instead of the dataset's own tiles
  `
CREATE TABLE user_basemaps (
  dataset_id INTEGER PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  original_name TEXT NOT NULL,
  container TEXT NOT NULL CHECK (container IN ('mbtiles', 'pmtiles')),
  format TEXT NOT NULL CHECK (format IN ('pbf', 'png', 'jpg', 'webp')),
  name TEXT NOT NULL,
  min_zoom INTEGER NOT NULL,
  max_zoom INTEGER NOT NULL,
  bounds TEXT,
  attribution TEXT,
  vector_layers TEXT NOT NULL DEFAULT '[]',
  active INTEGER NOT NULL DEFAULT 1,
  added_at TEXT NOT NULL
);
`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
