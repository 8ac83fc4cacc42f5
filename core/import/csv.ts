/**
 * Facilities from a CSV table with WGS84 longitude/latitude columns. Recognised columns
 * (case-insensitive): id, name, sector, kind, capacity (beds for health, MW for power, people served
 * otherwise), beds, mw, people_served, construction, lon|lng|longitude|x, lat|latitude|y.
 * Hospitals and clinics also become protected sites.
 */
import { CONSTRUCTION_CLASSES, FACILITY_KINDS, SECTORS, type ConstructionClass, type Sector } from '../model/dataset';
import { findColumn, LAT_COLUMNS, LON_COLUMNS, parseCsv } from '../formats/csv';
import { checkLonLat } from './geometry';
import { readWithProgress } from './read-bytes';
import { facilityConstruction } from './tag-rules';
import { ImportCancelled, ImportError, emptyLayer, type ImportContext, type ImportedLayer, type Importer } from './types';

const ALIASES: Record<string, string[]> = {
  lon: LON_COLUMNS,
  lat: LAT_COLUMNS,
  id: ['id', 'ref', 'code'],
  name: ['name', 'nome', 'nimi'],
  sector: ['sector'],
  kind: ['kind', 'type'],
  capacity: ['capacity'],
  beds: ['beds'],
  mw: ['mw', 'capacity_mw'],
  peopleServed: ['people_served', 'peopleserved', 'population_served'],
  construction: ['construction', 'construction_class'],
};

const kindSector = new Map<string, Sector>();
for (const s of SECTORS) for (const k of FACILITY_KINDS[s]) kindSector.set(k, s);

async function read(path: string, ctx: ImportContext): Promise<ImportedLayer> {
  const bytes = await readWithProgress(path, ctx, 'readingCsv');
  const parsed = parseCsv(bytes.toString('utf8'));
  const fatal = parsed.errors.find((e) => e.type !== 'FieldMismatch' || e.code === 'TooManyFields');
  if (fatal) throw new ImportError(path, { key: 'import.csvLine', params: { line: String((fatal.row ?? 0) + 2), detail: fatal.message } });
  const headers = parsed.meta.fields ?? [];
  const col: Record<string, string | undefined> = {};
  for (const [key, names] of Object.entries(ALIASES)) col[key] = findColumn(headers, names);
  // The header line is never echoed: a file picked by mistake (or on purpose) may hold anything.
  if (!col.lon || !col.lat) throw new ImportError(path, { key: 'import.csvNoLonLat', params: { columns: String(headers.length) } });
  if (!col.kind) throw new ImportError(path, { key: 'import.csvNoKind', params: { columns: String(headers.length), kinds: [...kindSector.keys()].join(', ') } });
  if (!parsed.data.length) throw new ImportError(path, { key: 'import.noRows' });
  const layer = emptyLayer(path, 'csv', 'EPSG:4326');
  layer.notes.push('CSV coordinates are read as WGS84 longitude/latitude');
  const num = (row: Record<string, string>, key: string, line: number): number | undefined => {
    const c = col[key];
    const v = c ? row[c]?.trim() : '';
    if (!v) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new ImportError(path, { key: 'import.csvNotNonNegative', params: { line: String(line), column: c ?? key, value: v } });
    return n;
  };
  const seen = new Set<string>();
  parsed.data.forEach((row, i) => {
    if (ctx.signal?.aborted) throw new ImportCancelled(path);
    const line = i + 2;
    const kind = row[col.kind!]?.trim().toLowerCase().replace(/[\s-]+/g, '_') ?? '';
    const sectorRaw = col.sector ? row[col.sector]?.trim().toLowerCase() : '';
    const sector = (sectorRaw || kindSector.get(kind)) as Sector | undefined;
    if (!sectorRaw && !sector) throw new ImportError(path, { key: 'import.csvUnknownKind', params: { line: String(line), kind, kinds: [...kindSector.keys()].join(', ') } });
    if (!sector || !(SECTORS as readonly string[]).includes(sector)) throw new ImportError(path, { key: 'import.csvUnknownSector', params: { line: String(line), sector: sectorRaw || '?', sectors: SECTORS.join(', ') } });
    if (!(FACILITY_KINDS[sector] as readonly string[]).includes(kind)) throw new ImportError(path, { key: 'import.csvKindNotInSector', params: { line: String(line), kind, sector, kinds: FACILITY_KINDS[sector].join(', ') } });
    const lon = Number(row[col.lon!]), lat = Number(row[col.lat!]);
    checkLonLat(lon, lat, path, `line ${line}`);
    const constructionRaw = col.construction ? row[col.construction]?.trim().toLowerCase() : '';
    if (constructionRaw && !(CONSTRUCTION_CLASSES as readonly string[]).includes(constructionRaw)) {
      throw new ImportError(path, { key: 'import.csvUnknownConstruction', params: { line: String(line), construction: constructionRaw, classes: CONSTRUCTION_CLASSES.join(', ') } });
    }
    const local = (col.id && row[col.id]?.trim()) || `row${line}`;
    if (seen.has(local)) throw new ImportError(path, { key: 'import.csvDuplicateId', params: { line: String(line), id: local } });
    seen.add(local);
    const capacity = num(row, 'capacity', line);
    const beds = num(row, 'beds', line) ?? (sector === 'health' ? capacity : undefined);
    const mw = num(row, 'mw', line) ?? (sector === 'power' ? capacity : undefined);
    const peopleServed = num(row, 'peopleServed', line) ?? (sector !== 'health' && sector !== 'power' ? capacity : undefined);
    const id = layer.idPrefix + local;
    const name = (col.name && row[col.name]?.trim()) || `unnamed ${kind.replace('_', ' ')}`;
    layer.facilities.push({
      id, name, sector, kind,
      construction: (constructionRaw || facilityConstruction(kind)) as ConstructionClass,
      capacity: { ...(beds !== undefined ? { beds } : {}), ...(mw !== undefined ? { mw } : {}), ...(peopleServed !== undefined ? { peopleServed } : {}) },
      geometry: { type: 'Point', coordinates: [lon, lat] },
      source: `CSV line ${line} (${layer.file.split(/[\\/]/).pop()})`,
    });
    if (kind === 'hospital' || kind === 'clinic') {
      layer.protectedSites.push({ id, name, category: kind, geometry: { type: 'Point', coordinates: [lon, lat] }, capacity: beds ?? null, facilityId: id });
    }
  });
  return layer;
}

export const csvImporter: Importer = {
  format: 'csv',
  label: 'CSV facilities (longitude/latitude columns)',
  extensions: ['.csv', '.txt'],
  sniff: (head, path) => /\.(csv|txt)$/i.test(path) && !head.includes(0),
  read,
};
