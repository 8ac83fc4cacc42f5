/**
 * OpenStreetMap PBF: buildings (closed ways and multipolygon relations tagged building=*),
 * facilities (mapping table data/import/osm-mapping.json; a polygon's centroid is its point) and
 * protected sites. osm-pbf-parser-node streams the file's blocks; osm-block.ts reads each one.
 * Every object left out is counted with its reason.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream';
import { area as turfArea } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { centroid } from '@turf/centroid';
import { inflateSync } from 'node:zlib';
import { OSMTransform } from 'osm-pbf-parser-node';
import type { ArealGeometry, AnyFeatureGeometry, PointGeometry } from '../model/dataset';
import {
  DEFAULT_STOREYS, buildingUseOf, constructionOf, facilityOf, isBuilding, parseCount, parseMw, protectedOf, storeysOf, type Tags,
} from './tag-rules';
import { basemapFromOsm } from '../basemap/from-osm';
import { NodeCoords } from './osm-nodes';
import { readOsmBlock, type OsmBlockVisitor, type OsmMember } from './osm-block';
import { ImportCancelled, ImportError, progressOf, countSkip, emptyLayer, type ImportContext, type ImportedLayer, type Importer } from './types';

export const OSM_LICENCE = 'ODbL 1.0';
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

interface OsmNode { type: 'node'; id: number; lat: number; lon: number; tags?: Tags }
interface OsmWay { type: 'way'; id: number; refs: number[]; tags?: Tags }
interface OsmRelation { type: 'relation'; id: number; members: OsmMember[]; tags?: Tags }
interface OsmHeader { bbox?: unknown; osmosis_replication_timestamp?: number; writingprogram?: string }

type Pos = [number, number];

/** Joins open ways end to end into closed rings; null if any way is left without a partner. */
export function stitchRings(ways: Pos[][]): Pos[][] | null {
  const rings: Pos[][] = [];
  const open: Pos[][] = [];
  const same = (a: Pos, b: Pos) => a[0] === b[0] && a[1] === b[1];
  for (const w of ways) {
    if (w.length < 2) continue;
    if (w.length >= 4 && same(w[0]!, w[w.length - 1]!)) rings.push(w);
    else open.push(w);
  }
  while (open.length) {
    let ring = open.pop()!.slice();
    for (;;) {
      const end = ring[ring.length - 1]!;
      if (ring.length >= 4 && same(ring[0]!, end)) break;
      const i = open.findIndex((w) => same(w[0]!, end) || same(w[w.length - 1]!, end));
      if (i < 0) return null;
      const next = open.splice(i, 1)[0]!;
      ring = ring.concat((same(next[0]!, end) ? next : next.slice().reverse()).slice(1));
    }
    rings.push(ring);
  }
  return rings;
}

/**
 * A multipolygon relation's geometry: member ways stitched into outer and inner rings, each hole
 * put in the outer ring that holds it. Shared by the buildings and the basemap (water, parks).
 */
export function assembleMultipolygon(
  r: { members: { type: string; ref: number; role: string }[] },
  wayCoords: (wayId: number) => Pos[] | null,
): { geometry: ArealGeometry; dropped: string[] } | { skip: string } {
  const outer: Pos[][] = [], inner: Pos[][] = [];
  for (const m of r.members) {
    if (m.type !== 'way') continue;
    const pts = wayCoords(m.ref);
    if (!pts) return { skip: 'multipolygon relations with member ways missing from the file' };
    (m.role === 'inner' ? inner : outer).push(pts);
  }
  const outers = stitchRings(outer), inners = stitchRings(inner);
  if (!outers || !inners || !outers.length) return { skip: 'multipolygon relations with unclosed rings' };
  const polys: Pos[][][] = outers.map((o) => [o]);
  const dropped: string[] = [];
  for (const hole of inners) {
    const home = polys.find((p) => booleanPointInPolygon(hole[0]!, { type: 'Polygon', coordinates: [p[0]!] }));
    if (home) home.push(hole);
    else dropped.push('inner rings outside every outer ring (dropped)');
  }
  return { geometry: polys.length === 1 ? { type: 'Polygon', coordinates: polys[0]! } : { type: 'MultiPolygon', coordinates: polys }, dropped };
}

/**
 * osm-pbf-parser-node throws from inside _transform/_flush on corrupt input (zlib errors, failed
 * asserts), which Node streams do not catch: the error would escape as an uncaught exception.
 * Here it is handed to the stream's callback, so it arrives as a stream error instead.
 */
class SafeOSMTransform extends OSMTransform {
  override _transform(chunk: Buffer, encoding: BufferEncoding, next: (e?: Error | null) => void): void {
    try {
      super._transform(chunk, encoding, next);
    } catch (e) {
      next(e as Error);
    }
  }
  override _flush(callback: (e?: Error | null) => void): void {
    try {
      super._flush(callback);
    } catch (e) {
      callback(e as Error);
    }
  }
}

const isClosed = (refs: number[]) => refs.length >= 4 && refs[0] === refs[refs.length - 1];

async function read(path: string, ctx: ImportContext): Promise<ImportedLayer> {
  const layer = emptyLayer(path, 'osm', 'EPSG:4326');
  layer.licence = OSM_LICENCE;
  layer.attribution = OSM_ATTRIBUTION;
  const total = statSync(path).size;
  const coords = new NodeCoords();
  const taggedNodes: OsmNode[] = [];
  const wayRefs = new Map<number, number[]>();
  const taggedWays: OsmWay[] = [];
  const relations: OsmRelation[] = [];
  let bytesRead = 0, items = 0, headerSeen = false;

  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  input.on('data', (c) => { bytesRead += c.length; });
  // The stream splits the file into blocks and hands each on still compressed (writeRaw); a block is
  // inflated and read here (osm-block.ts), just before the next, so one block's objects are alive at a
  // time, and only tagged nodes become objects: the others are an id and a position in NodeCoords.
  const parser = new SafeOSMTransform({ withTags: true, withInfo: false, writeRaw: true });
  let streamError: Error | undefined;
  pipeline(input, parser, (err) => { if (err) streamError = err; });
  const visitor: OsmBlockVisitor = {
    node: (id, lon, lat, tags) => {
      coords.add(id, lon, lat);
      if (tags) taggedNodes.push({ type: 'node', id, lat, lon, tags });
    },
    way: (id, refs, tags) => {
      wayRefs.set(id, refs);
      if (tags) taggedWays.push({ type: 'way', id, refs, tags });
    },
    relation: (id, members, tags) => { relations.push(tags ? { type: 'relation', id, members, tags } : { type: 'relation', id, members }); },
  };
  try {
    for await (const raw of parser as AsyncIterable<Buffer | OsmHeader[]>) {
      if (ctx.signal?.aborted) { input.destroy(); parser.destroy(); throw new ImportCancelled(path); }
      if (Buffer.isBuffer(raw)) items += readOsmBlock(inflateSync(raw), visitor);
      else {
        // the file's header block comes parsed
        for (const h of raw) {
          headerSeen = true;
          const ts = h.osmosis_replication_timestamp;
          if (ts) layer.notes.push(`OSM data as of ${new Date(ts * 1000).toISOString().slice(0, 10)}`);
        }
      }
      ctx.onProgress?.(progressOf({ key: 'parsingOsm' }, bytesRead, total, items));
    }
  } catch (e) {
    if (e instanceof ImportCancelled) throw e;
    throw new ImportError(path, { key: 'import.corruptPbf', params: { detail: (e as Error).message } });
  }
  if (streamError) throw new ImportError(path, { key: 'import.corruptPbf', params: { detail: streamError.message } });
  if (!headerSeen) throw new ImportError(path, { key: 'import.notPbf' });
  if (items === 0) throw new ImportError(path, { key: 'import.emptyOsm' });
  coords.finish();

  const wayCoords = (refs: number[]): Pos[] | null => {
    const out: Pos[] = [];
    for (const r of refs) {
      const c = coords.get(r);
      if (!c) return null;
      out.push(c);
    }
    return out;
  };
  /** A way's positions by its id; null if the extract lacks the way or one of its nodes. */
  const wayCoordsOf = (id: number): Pos[] | null => { const refs = wayRefs.get(id); return refs ? wayCoords(refs) : null; };

  const source = basename(path);
  const noted = { storeys: 0, construction: 0 };
  const emit = (key: string, tags: Tags, geometry: AnyFeatureGeometry | null, pointOnly: PointGeometry | null) => {
    const id = layer.idPrefix + key;
    const areal = geometry && geometry.type !== 'Point' ? geometry as ArealGeometry : null;
    // building
    if (isBuilding(tags)) {
      const use = buildingUseOf(tags);
      if (!use) countSkip(layer, `unoccupied structures (building=${tags.building})`);
      else if (!areal) countSkip(layer, key.startsWith('node') ? 'building nodes without a footprint' : 'building ways that are not closed');
      else if (turfArea(areal) <= 0) countSkip(layer, 'buildings with zero footprint area');
      else {
        const tagged = storeysOf(tags);
        const storeys = tagged ?? DEFAULT_STOREYS;
        if (tagged === undefined) noted.storeys++;
        const c = constructionOf(tags, use, storeys);
        if (!c.tagged) noted.construction++;
        layer.buildings.push({ id, geometry: areal, use, construction: c.cls, storeys, residents: 0, workers: 0, unitId: null });
      }
    }
    // facility
    const fac = facilityOf(tags);
    let facilityId: string | null = null;
    if (fac && 'skip' in fac) countSkip(layer, fac.skip);
    else if (fac) {
      const point = pointOnly ?? (areal ? centroid(areal).geometry as PointGeometry : null);
      if (!point) countSkip(layer, `facilities without usable geometry (${fac.kind})`);
      else {
        const mw = parseMw(tags['plant:output:electricity'] ?? tags['generator:output:electricity']);
        const beds = parseCount(tags.beds);
        facilityId = id;
        layer.facilities.push({
          id, name: tags.name ?? tags.operator ?? `unnamed ${fac.kind.replace('_', ' ')}`, sector: fac.sector, kind: fac.kind,
          construction: constructionOf(tags, undefined, 1, fac.kind).cls,
          capacity: { ...(beds !== undefined ? { beds } : {}), ...(mw !== undefined ? { mw } : {}) },
          geometry: point,
          source: `OSM ${key} ${fac.matchedTags} (${source})`,
        });
      }
    }
    // protected site
    const category = protectedOf(tags);
    if (category) {
      const g = geometry ?? pointOnly;
      if (!g) countSkip(layer, `protected sites without usable geometry (${category})`);
      else {
        const capacity = parseCount(category === 'hospital' ? tags.beds : tags.capacity) ?? null;
        layer.protectedSites.push({ id, name: tags.name ?? '', category, geometry: g, capacity, facilityId });
      }
    }
  };

  const interesting = (tags: Tags) => isBuilding(tags) || facilityOf(tags) !== undefined || protectedOf(tags) !== undefined;

  for (const n of taggedNodes) {
    if (!n.tags || !interesting(n.tags)) continue;
    emit(`node/${n.id}`, n.tags, { type: 'Point', coordinates: [n.lon, n.lat] }, { type: 'Point', coordinates: [n.lon, n.lat] });
  }
  for (const w of taggedWays) {
    if (!w.tags || !interesting(w.tags)) continue;
    const pts = wayCoords(w.refs);
    if (!pts || pts.length === 0) { countSkip(layer, 'ways with missing nodes'); continue; }
    if (isClosed(w.refs)) {
      emit(`way/${w.id}`, w.tags, { type: 'Polygon', coordinates: [pts] }, null);
    } else {
      // an open way: not a footprint; facilities and protected sites are placed at the mean of its nodes
      const mean: Pos = [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
      emit(`way/${w.id}`, w.tags, null, { type: 'Point', coordinates: mean });
    }
  }
  for (const r of relations) {
    if (!r.tags || !interesting(r.tags)) continue;
    const key = `relation/${r.id}`;
    if (r.tags.type !== 'multipolygon') {
      // sites and other relations: a point at the mean of their member nodes, so facilities are not lost
      const pts = r.members.flatMap((m) => (m.type === 'way' ? wayCoordsOf(m.ref) ?? [] : m.type === 'node' ? [coords.get(m.ref)].filter((c): c is Pos => c !== undefined) : []));
      if (!pts.length) { countSkip(layer, `relations (type=${r.tags.type ?? 'none'}) without members in the file`); continue; }
      if (isBuilding(r.tags)) countSkip(layer, `building relations that are not multipolygons (type=${r.tags.type ?? 'none'})`);
      const mean: Pos = [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
      emit(key, { ...r.tags, building: 'no' }, null, { type: 'Point', coordinates: mean });
      continue;
    }
    const assembled = assembleMultipolygon(r, wayCoordsOf);
    if ('skip' in assembled) { countSkip(layer, assembled.skip); continue; }
    for (const d of assembled.dropped) countSkip(layer, d);
    const geometry = assembled.geometry;
    emit(key, r.tags, geometry, null);
  }
  layer.notes.push(`${noted.storeys} of ${layer.buildings.length} buildings have no building:levels: ${DEFAULT_STOREYS} storeys assumed (data/import/construction.json)`);
  layer.notes.push(`${noted.construction} of ${layer.buildings.length} buildings have no material/structure tag: construction class from use and storeys (data/import/construction.json)`);
  layer.notes.push(`${coords.size} nodes, ${wayRefs.size} ways, ${relations.length} relations read`);
  layer.basemap = basemapFromOsm({
    extent: coords.extent(), nodes: taggedNodes, ways: taggedWays, relations,
    wayCoords: wayCoordsOf,
    multipolygon: (r) => assembleMultipolygon(r, wayCoordsOf),
  }, (reason) => countSkip(layer, reason));
  layer.notes.push(`${layer.basemap.length} basemap features (roads, water, land use, places)`);
  return layer;
}

export const osmImporter: Importer = {
  format: 'osm',
  label: 'OpenStreetMap PBF',
  extensions: ['.osm.pbf', '.pbf'],
  // BlobHeader length (4 bytes, big-endian), then a protobuf BlobHeader whose first field is type "OSMHeader"
  sniff: (head) => head.length >= 16 && head.readUInt32BE(0) < 64 * 1024 && head.subarray(4, 32).includes(Buffer.from('OSMHeader')),
  read,
};
