/** Reading operation areas from a GeoJSON file: a Polygon, MultiPolygon, Feature or FeatureCollection. */
import { readFileSync } from 'node:fs';
import { BoundedPolygonGeometry } from '../model/operation';
import { CliError } from './errors';

export function readAreaFile(path: string): BoundedPolygonGeometry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError({ key: 'cli.areaUnreadable', params: { file: path, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message } });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError({ key: 'cli.areaNotJson', params: { file: path, detail: (e as Error).message } });
  }
  const polygons = collect(json, path);
  if (polygons.length === 0) throw new CliError({ key: 'cli.areaNoPolygon', params: { file: path } });
  return polygons.map((p, i) => {
    const r = BoundedPolygonGeometry.safeParse(p);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new CliError({ key: 'cli.areaPolygon', params: { file: path, index: i + 1, path: issue.path.join('.'), detail: issue.message } });
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
    default: throw new CliError({ key: 'cli.areaType', params: { file: path, type: JSON.stringify(o?.type ?? typeof g) } });
  }
}
