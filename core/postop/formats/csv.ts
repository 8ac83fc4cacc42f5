/**
 * CSV of points: a header row, one row per site, longitude/latitude columns in WGS84
 * (Longitude/Latitude, Lon/Lat, Long, X/Y; case-insensitive).
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import Papa from 'papaparse';
import { PostopError } from '../errors';
import type { RawLayer } from './layer';

const LON = /^(longitude|lon|long|lng|x|x_coord|point_x)$/i;
const LAT = /^(latitude|lat|y|y_coord|point_y)$/i;

export async function readCsv(path: string): Promise<RawLayer> {
  const file = basename(path);
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' });
  const bad = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (bad) throw new PostopError(`${file}: CSV row ${(bad.row ?? 0) + 2}: ${bad.message}`);
  const fields = parsed.meta.fields ?? [];
  const lonField = fields.find((f) => LON.test(f.trim()));
  const latField = fields.find((f) => LAT.test(f.trim()));
  if (!lonField || !latField) throw new PostopError(`${file}: no longitude/latitude columns (expected e.g. Longitude and Latitude; found ${fields.join(', ') || 'none'})`);
  const features = parsed.data.map((row, i) => {
    const lon = Number(row[lonField]);
    const lat = Number(row[latField]);
    if (row[lonField]?.trim() === '' || row[latField]?.trim() === '') return { geometry: null, properties: row };
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      throw new PostopError(`${file}: row ${i + 2}: coordinates ${row[lonField]}, ${row[latField]} are not WGS84 longitude/latitude`);
    }
    const properties: Record<string, unknown> = { ...row };
    delete properties[lonField];
    delete properties[latField];
    return { geometry: { type: 'Point' as const, coordinates: [lon, lat] }, properties };
  });
  return { file, name: basename(path, extname(path)), features };
}
