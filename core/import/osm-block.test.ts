import { describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { OSMTransform, parse } from 'osm-pbf-parser-node';
import { PbfWriter } from 'pbf';
import { readOsmBlock, type OsmMember } from './osm-block';
import type { Tags } from './tag-rules';
import { sharedData } from '../../tests/support/shared-data';

type Item = { type: 'node'; id: number; lat: number; lon: number; tags?: Tags }
  | { type: 'way'; id: number; refs: number[]; tags?: Tags }
  | { type: 'relation'; id: number; members: OsmMember[]; tags?: Tags };

/** readOsmBlock's objects in the shape osm-pbf-parser-node gives them. */
function ours(buf: Buffer): { items: Item[]; count: number } {
  const items: Item[] = [];
  const withTags = <T extends Item>(x: T, tags: Tags | undefined): T => (tags ? { ...x, tags } : x);
  const count = readOsmBlock(buf, {
    node: (id, lon, lat, tags) => items.push(withTags({ type: 'node', id, lat, lon }, tags)),
    way: (id, refs, tags) => items.push(withTags({ type: 'way', id, refs }, tags)),
    relation: (id, members, tags) => items.push(withTags({ type: 'relation', id, members }, tags)),
  });
  return { items, count };
}

const EXTRACTS = sharedData('osm/porto-centre-2020.osm.pbf', 'osm/helsinki-centre-2019.osm.pbf', 'osm/liechtenstein-2015.osm.pbf', 'osm/monaco-2016.osm.pbf');

describe('readOsmBlock', () => {
  it.each(EXTRACTS)('reads every block of %s as osm-pbf-parser-node does: ids, positions bit for bit, references, members, tags', async (path) => {
    const parser = new OSMTransform({ withTags: true, withInfo: false, writeRaw: true });
    createReadStream(path).pipe(parser);
    let blocks = 0, objects = 0;
    for await (const raw of parser as AsyncIterable<Buffer | unknown[]>) {
      if (!Buffer.isBuffer(raw)) continue; // the header block
      const buf = inflateSync(raw);
      const theirs = parse(buf, parser) as Item[];
      const { items, count } = ours(buf);
      expect(count).toBe(theirs.length);
      expect(items).toEqual(theirs);
      for (let i = 0; i < items.length; i++) {
        const a = items[i]!, b = theirs[i]!;
        if (a.type === 'node' && b.type === 'node') { expect(Object.is(a.lat, b.lat) && Object.is(a.lon, b.lon)).toBe(true); }
      }
      blocks++; objects += count;
    }
    expect(blocks).toBeGreaterThan(0);
    expect(objects).toBeGreaterThan(10_000);
  });

  it('joins a repeated field sent in pieces, reads a plain (not dense) node, and honours granularity and offsets', () => {
    // PrimitiveBlock { stringtable, group { node }, group { way with refs in two pieces }, granularity, lat_offset, lon_offset }
    const w = new PbfWriter();
    w.writeMessage(1, (_: unknown, p: PbfWriter) => { for (const s of ['', 'name', 'Ponte', 'highway', 'primary']) p.writeBytesField(1, new TextEncoder().encode(s)); }, null);
    w.writeMessage(2, (_: unknown, p: PbfWriter) => p.writeMessage(1, (__: unknown, n: PbfWriter) => {
      n.writeSVarintField(1, 42); n.writePackedVarint(2, [1]); n.writePackedVarint(3, [2]); n.writeSVarintField(8, 411_000); n.writeSVarintField(9, -86_000);
    }, null), null);
    w.writeMessage(2, (_: unknown, p: PbfWriter) => p.writeMessage(3, (__: unknown, way: PbfWriter) => {
      way.writeVarintField(1, 7); way.writePackedVarint(2, [3]); way.writePackedVarint(3, [4]);
      way.writePackedSVarint(8, [100, 5]); way.writePackedSVarint(8, [-3]);
    }, null), null);
    w.writeVarintField(17, 1000); w.writeVarintField(19, 5_000_000_000); w.writeVarintField(20, -2_000_000_000);
    const buf = Buffer.from(w.finish());
    const { items, count } = ours(buf);
    expect(count).toBe(2);
    expect(items).toEqual(parse(buf, { withTags: true, withInfo: false } as never));
    expect(items[0]).toEqual({ type: 'node', id: 42, lat: 5 + 411_000 / 1e6, lon: -2 + -86_000 / 1e6, tags: { name: 'Ponte' } });
    expect(items[1]).toEqual({ type: 'way', id: 7, refs: [100, 105, 102], tags: { highway: 'primary' } });
  });

  it('refuses a block with changesets and a dense group whose columns differ in length', () => {
    const changesets = new PbfWriter();
    changesets.writeMessage(2, (_: unknown, p: PbfWriter) => p.writeMessage(5, (__: unknown, c: PbfWriter) => c.writeVarintField(1, 1), null), null);
    expect(() => ours(Buffer.from(changesets.finish()))).toThrow(/changesets/);
    const ragged = new PbfWriter();
    ragged.writeMessage(2, (_: unknown, p: PbfWriter) => p.writeMessage(2, (__: unknown, d: PbfWriter) => {
      d.writePackedSVarint(1, [1, 1]); d.writePackedSVarint(8, [0, 0]); d.writePackedSVarint(9, [0]);
    }, null), null);
    expect(() => ours(Buffer.from(ragged.finish()))).toThrow(/differ in length/);
  });
});
