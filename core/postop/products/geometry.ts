/** Helpers of the product modules: valid geometry (core/geometry says what is wrong), feature keys, dates. */
import type { Geometry } from 'geojson';
import { geometryProblem } from '../../geometry/validity';
import { PostopError } from '../errors';

/** Throws a one-line error naming the file and feature when a geometry is malformed. */
export function validGeometry(g: Geometry, file: string, index: number): Geometry {
  const problem = geometryProblem(g);
  if (problem) throw new PostopError(`${file}: feature ${index}: ${problem}`);
  return g;
}

export function featureKeyOf(layer: string, lonLat: [number, number], seen: Map<string, number>): string {
  const base = `${layer}:${lonLat[0].toFixed(7)},${lonLat[1].toFixed(7)}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base}#${n}`;
}

/** "2015/04/26", "2015-04-26T00:00:00Z", a Date, "26/04/2015" -> "2015-04-26"; unknown -> null. */
export function isoDate(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = String(v).trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(s);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  if (/^\d{8}$/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  return null;
}
