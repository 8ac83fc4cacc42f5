/** A WGS84 window [west, south, east, north] limiting what a raster import reads. */
import * as z from 'zod';

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

export const ImportWindow = z.tuple([lon, lat, lon, lat])
  .refine(([w, s, e, n]) => w < e && s < n, 'the window must be west,south,east,north with west < east and south < north');

/** "west,south,east,north" in degrees, as typed on the command line. */
export function parseWindowText(text: string): [number, number, number, number] | string {
  const parts = text.split(',').map((p) => p.trim());
  const r = ImportWindow.safeParse(parts.length === 4 && parts.every((p) => p !== '') ? parts.map(Number) : []);
  return r.success ? r.data : `--window must be west,south,east,north in degrees (e.g. 8.55,41.10,8.70,41.20), got "${text}"${r.error.issues.some((i) => i.code === 'custom') ? ': west must be below east and south below north' : ''}`;
}
