/**
 * CSV of points through the one CSV rule (core/formats/csv.ts): one row per site, longitude/latitude in WGS84
 * (Longitude/Latitude, Lon/Lat, Long, X/Y; case-insensitive).
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { findColumn, LAT_COLUMNS, LON_COLUMNS, parseCsv } from '../../formats/csv';
import { isLonLat } from '../../geometry/validity';
import { PostopError } from '../errors';
import type { RawLayer } from './layer';

export async function readCsv(path: string): Promise<RawLayer> {
  const file = basename(path);
  const parsed = parseCsv(await readFile(path, 'utf8'));
  const bad = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (bad) throw new PostopError(`${file}: CSV row ${(bad.row ?? 0) + 2}: ${bad.message}`);
  const fields = parsed.meta.fields ?? [];
  const lonField = findColumn(fields, LON_COLUMNS);
  const latField = findColumn(fields, LAT_COLUMNS);
  if (!lonField || !latField) throw new PostopError(`${file}: no longitude/latitude columns (expected e.g. Longitude and Latitude; found ${fields.join(', ') || 'none'})`);
  const features = parsed.data.map((row, i) => {
    const lon = Number(row[lonField]);
    const lat = Number(row[latField]);
    if (row[lonField]?.trim() === '' || row[latField]?.trim() === '') return { geometry: null, properties: row };
    if (!isLonLat(lon, lat)) {
      throw new PostopError(`${file}: row ${i + 2}: coordinates ${row[lonField]}, ${row[latField]} are not WGS84 longitude/latitude`);
    }
    const properties: Record<string, unknown> = { ...row };
    delete properties[lonField];
    delete properties[latField];
    return { geometry: { type: 'Point' as const, coordinates: [lon, lat] }, properties };
  });
  return { file, name: basename(path, extname(path)), features };
}
