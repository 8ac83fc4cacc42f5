/** Reading operation areas from a GeoJSON file: a Polygon, MultiPolygon, Feature or FeatureCollection. */
import { readFileSync } from 'node:fs';
import { BoundedPolygonGeometry } from '../model/operation';
import { CliError } from './errors';

export function readAreaFile(path: string): BoundedPolygonGeometry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read area file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`area file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  const polygons = collect(json, path);
  if (polygons.length === 0) throw new CliError(`area file ${path} contains no Polygon or MultiPolygon`);
  return polygons.map((p, i) => {
    const r = BoundedPolygonGeometry.safeParse(p);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new CliError(`area file ${path}, polygon ${i + 1}: ${issue.path.join('.')}: ${issue.message}`);
    }
    return r.data;
  });
}

function collect(g: unknown, path: string): unknown[] {
  const o = g as { type?: string; geometry?: unknown; features?: unknown[]; coordinates?: unknown[] };
  switch (o?.type) {
    case 'FeatureCollection': return (o.features ?? []).flatMap((f) => collect(f, path));
    case 'Feature': return collect(o.geometry, path);
    case 'Polygon': return [o];
    case 'MultiPolygon': return (o.coordinates ?? []).map((c) => ({ type: 'Polygon', coordinates: c }));
    default: throw new CliError(`area file ${path}: expected GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection, got ${JSON.stringify(o?.type ?? typeof g)}`);
  }
}
