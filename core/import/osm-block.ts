/**
 * One OSM PBF data block (an inflated PrimitiveBlock, osmformat.proto) read straight into the
 * importer's hands: each node, way and relation is handed to a visitor as it is decoded.
 *
 * osm-pbf-parser-node still frames the file (blob headers, the header block, compression); this
 * replaces only its `parse`, which decoded a whole block into intermediate arrays (every node's
 * id, lat, lon and metadata one array push at a time) and then built an object per node, tagged or
 * not: a third of Porto's OSM read and most of its garbage. Here packed columns are decoded into
 * reused typed arrays, metadata (DenseInfo, Info) is skipped unread, and an untagged node is only
 * an id and a position. The values are the library's, bit for bit (osm-block.test.ts compares both
 * readers on every extract in ../shared/data): coordinates as lat_offset + lat / granularity, ids
 * and references delta-decoded, tags with empty tag sets left out.
 */
import { PbfReader } from 'pbf';
import { doubled } from '../model/typed-arrays';
import type { Tags } from './tag-rules';

export interface OsmMember { type: string; ref: number; role: string }

export interface OsmBlockVisitor {
  node(id: number, lon: number, lat: number, tags: Tags | undefined): void;
  way(id: number, refs: number[], tags: Tags | undefined): void;
  relation(id: number, members: OsmMember[], tags: Tags | undefined): void;
}

const MEMBER_TYPES = ['node', 'way', 'relation'];
const BYTES = 2; // protobuf wire type of packed and embedded fields

/** Columns of one DenseNodes group, decoded into arrays reused from block to block. */
let ids = new Float64Array(8192), lats = new Float64Array(8192), lons = new Float64Array(8192), keysVals = new Int32Array(8192);

/**
 * A packed field's values written into `into` after its first `n` (a repeated field may come in
 * several pieces, which protobuf joins); returns the array (grown if needed) and the new count.
 */
function packed<A extends Float64Array | Int32Array>(pbf: PbfReader, into: A, n: number, zigzag: boolean): [A, number] {
  const end = pbf.type === BYTES ? pbf.readVarint() + pbf.pos : pbf.pos + 1;
  while (pbf.pos < end) {
    if (n === into.length) into = doubled(into);
    into[n++] = zigzag ? pbf.readSVarint() : pbf.readVarint(true);
  }
  return [into, n];
}

/** A packed field's values: sint64 (zigzag) or int32/uint32/enum (plain varints, negative ones sign-extended). */
function packedList(pbf: PbfReader, zigzag: boolean, out: number[]): number[] {
  const end = pbf.type === BYTES ? pbf.readVarint() + pbf.pos : pbf.pos + 1;
  while (pbf.pos < end) out.push(zigzag ? pbf.readSVarint() : pbf.readVarint(true));
  return out;
}

interface Block { strings: string[]; granularity: number; latOffset: number; lonOffset: number }

function tagsOf(keys: number[], vals: number[], strings: string[]): Tags | undefined {
  if (keys.length !== vals.length) throw new Error('keys and vals differ in length');
  if (!keys.length) return undefined;
  const tags: Tags = {};
  for (let i = 0; i < keys.length; i++) tags[strings[keys[i]!]!] = strings[vals[i]!]!;
  return tags;
}

function readDense(pbf: PbfReader, end: number, b: Block, visit: OsmBlockVisitor): number {
  let n = 0, nLat = 0, nLon = 0, nKv = 0;
  for (let f; (f = pbf.nextField(end));) {
    if (f === 1) [ids, n] = packed(pbf, ids, n, true);
    else if (f === 8) [lats, nLat] = packed(pbf, lats, nLat, true);
    else if (f === 9) [lons, nLon] = packed(pbf, lons, nLon, true);
    else if (f === 10) [keysVals, nKv] = packed(pbf, keysVals, nKv, false);
  }
  if (nLat !== n || nLon !== n) throw new Error('dense nodes: id, lat and lon columns differ in length');
  const { strings, granularity, latOffset, lonOffset } = b;
  let id = 0, lat = 0, lon = 0, j = 0;
  for (let i = 0; i < n; i++) {
    id += ids[i]!; lat += lats[i]!; lon += lons[i]!;
    let tags: Tags | undefined;
    if (nKv > 0) {
      // (key value)* 0 per node
      for (; j < nKv && keysVals[j] !== 0; j += 2) (tags ??= {})[strings[keysVals[j]!]!] = strings[keysVals[j + 1]!]!;
      j++;
    }
    visit.node(id, lonOffset + lon / granularity, latOffset + lat / granularity, tags);
  }
  return n;
}

function readNode(pbf: PbfReader, end: number, b: Block, visit: OsmBlockVisitor): void {
  let id = 0, lat = 0, lon = 0, keys: number[] = [], vals: number[] = [];
  for (let f; (f = pbf.nextField(end));) {
    if (f === 1) id = pbf.readSVarint();
    else if (f === 2) keys = packedList(pbf, false, keys);
    else if (f === 3) vals = packedList(pbf, false, vals);
    else if (f === 8) lat = pbf.readSVarint();
    else if (f === 9) lon = pbf.readSVarint();
  }
  visit.node(id, b.lonOffset + lon / b.granularity, b.latOffset + lat / b.granularity, tagsOf(keys, vals, b.strings));
}

function readWay(pbf: PbfReader, end: number, b: Block, visit: OsmBlockVisitor): void {
  let id = 0, keys: number[] = [], vals: number[] = [], refs: number[] = [];
  for (let f; (f = pbf.nextField(end));) {
    if (f === 1) id = pbf.readVarint(true);
    else if (f === 2) keys = packedList(pbf, false, keys);
    else if (f === 3) vals = packedList(pbf, false, vals);
    else if (f === 8) refs = packedList(pbf, true, refs);
  }
  for (let i = 1; i < refs.length; i++) refs[i] = refs[i - 1]! + refs[i]!;
  visit.way(id, refs, tagsOf(keys, vals, b.strings));
}

function readRelation(pbf: PbfReader, end: number, b: Block, visit: OsmBlockVisitor): void {
  let id = 0, keys: number[] = [], vals: number[] = [], roles: number[] = [], memids: number[] = [], types: number[] = [];
  for (let f; (f = pbf.nextField(end));) {
    if (f === 1) id = pbf.readVarint(true);
    else if (f === 2) keys = packedList(pbf, false, keys);
    else if (f === 3) vals = packedList(pbf, false, vals);
    else if (f === 8) roles = packedList(pbf, false, roles);
    else if (f === 9) memids = packedList(pbf, true, memids);
    else if (f === 10) types = packedList(pbf, false, types);
  }
  if (roles.length !== memids.length || types.length !== memids.length) throw new Error('relation members: ids, types and roles differ in length');
  let ref = 0;
  const members = memids.map((d, i): OsmMember => ({ type: MEMBER_TYPES[types[i]!]!, ref: (ref += d), role: b.strings[roles[i]!]! }));
  visit.relation(id, members, tagsOf(keys, vals, b.strings));
}

/** Reads one inflated OSMData block, handing each object to `visit` in file order; returns how many there were. */
export function readOsmBlock(buf: Buffer, visit: OsmBlockVisitor): number {
  const pbf = new PbfReader(buf);
  const strings: string[] = [];
  const groups: [start: number, end: number][] = [];
  let granularity = 100, latOffset = 0, lonOffset = 0;
  // The block's granularity and offsets are written after its groups: read them first, then the groups.
  for (let f; (f = pbf.nextField());) {
    if (f === 1) {
      const end = pbf.readVarint() + pbf.pos;
      for (let g; (g = pbf.nextField(end));) {
        if (g === 1) { const len = pbf.readVarint(); strings.push(buf.toString('utf8', pbf.pos, pbf.pos + len)); pbf.pos += len; }
      }
    } else if (f === 2) {
      const len = pbf.readVarint();
      groups.push([pbf.pos, pbf.pos + len]);
      pbf.pos += len;
    } else if (f === 17) granularity = pbf.readVarint(true);
    else if (f === 19) latOffset = pbf.readVarint(true);
    else if (f === 20) lonOffset = pbf.readVarint(true);
  }
  const block: Block = {
    strings,
    // as osm-pbf-parser-node: the default 100 nanodegrees divides by 1e7, any other by 1e9 / granularity
    granularity: !granularity || granularity === 100 ? 1e7 : 1e9 / granularity,
    latOffset: latOffset * 1e-9, lonOffset: lonOffset * 1e-9,
  };
  let count = 0;
  for (const [start, end] of groups) {
    pbf.pos = start;
    for (let f; (f = pbf.nextField(end));) {
      if (f > 5 || pbf.type !== BYTES) continue; // not a group member: nextField steps over it
      if (f === 5) throw new Error('changesets not implemented');
      const fieldEnd = pbf.readVarint() + pbf.pos;
      if (f === 2) count += readDense(pbf, fieldEnd, block, visit);
      else {
        (f === 1 ? readNode : f === 3 ? readWay : readRelation)(pbf, fieldEnd, block, visit);
        count++;
      }
      pbf.pos = fieldEnd;
    }
  }
  return count;
}
