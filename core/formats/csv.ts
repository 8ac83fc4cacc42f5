/**
 * CSV, one rule for every consumer: UTF-8 (a BOM dropped), a header row (names trimmed), points in
 * WGS84 longitude/latitude columns found by name, case-insensitive.
 */
import Papa from 'papaparse';

export const LON_COLUMNS = ['lon', 'lng', 'long', 'longitude', 'x', 'x_coord', 'point_x'];
export const LAT_COLUMNS = ['lat', 'latitude', 'y', 'y_coord', 'point_y'];

/** The first header whose lower-cased name is one of `names`. */
export function findColumn(headers: string[], names: readonly string[]): string | undefined {
  return headers.find((h) => names.includes(h.toLowerCase()));
}

/** Rows by header name; papaparse's errors are the caller's to judge (the rules differ by use). */
export function parseCsv(text: string): Papa.ParseResult<Record<string, string>> {
  return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy', transformHeader: (h) => h.trim() });
}
