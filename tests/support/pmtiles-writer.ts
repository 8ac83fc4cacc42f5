/**
 * A small PMTiles v3 writer for tests only (GDAL here has no PMTiles driver): header, one root
 * directory (no leaves), JSON metadata, tiles. Layout and encodings follow the spec
 * (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md); the `pmtiles` package reads it
 * back in the code under test. Directory and metadata are stored uncompressed (internal compression
 * "none"); tiles as given with `tileCompression` declared.
 */
import { writeFileSync } from 'node:fs';
import { zxyToTileId } from 'pmtiles';

export interface PmtilesInput {
  /** 1 MVT, 2 PNG, 3 JPEG, 4 WebP (the spec's tile types). */
  tileType: number;
  /** 1 none, 2 gzip (the spec's compression codes). */
  tileCompression: number;
  tiles: { z: number; x: number; y: number; data: Uint8Array }[];
  metadata: object;
  bounds: [number, number, number, number];
}

function varint(out: number[], n: number): void {
  while (n >= 0x80) { out.push((n % 0x80) | 0x80); n = Math.floor(n / 0x80); }
  out.push(n);
}

export function writePmtiles(path: string, input: PmtilesInput): void {
  const sorted = input.tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: t.data })).sort((a, b) => a.id - b.id);
  const entries: { id: number; offset: number; length: number }[] = [];
  let offset = 0;
  for (const t of sorted) { entries.push({ id: t.id, offset, length: t.data.length }); offset += t.data.length; }
  const dir: number[] = [];
  varint(dir, entries.length);
  let last = 0;
  for (const e of entries) { varint(dir, e.id - last); last = e.id; }
  for (const _ of entries) varint(dir, 1); // run lengths
  for (const e of entries) varint(dir, e.length);
  entries.forEach((e, i) => varint(dir, i > 0 && e.offset === entries[i - 1]!.offset + entries[i - 1]!.length ? 0 : e.offset + 1));
  const root = Buffer.from(dir);
  const meta = Buffer.from(JSON.stringify(input.metadata));
  const data = Buffer.concat(sorted.map((t) => t.data));
  const zooms = input.tiles.map((t) => t.z);
  const h = Buffer.alloc(127);
  h.write('PMTiles', 0, 'latin1');
  h.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => h.writeBigUInt64LE(BigInt(v), at);
  u64(8, 127); u64(16, root.length);
  u64(24, 127 + root.length); u64(32, meta.length);
  u64(40, 127 + root.length + meta.length); u64(48, 0);
  u64(56, 127 + root.length + meta.length); u64(64, data.length);
  u64(72, entries.length); u64(80, entries.length); u64(88, entries.length);
  h.writeUInt8(1, 96); // clustered: tiles in tile id order
  h.writeUInt8(1, 97); // internal compression: none
  h.writeUInt8(input.tileCompression, 98);
  h.writeUInt8(input.tileType, 99);
  h.writeUInt8(Math.min(...zooms), 100);
  h.writeUInt8(Math.max(...zooms), 101);
  const [w, s, e, n] = input.bounds;
  const e7 = (at: number, v: number) => h.writeInt32LE(Math.round(v * 1e7), at);
  e7(102, w); e7(106, s); e7(110, e); e7(114, n);
  h.writeUInt8(Math.min(...zooms), 118);
  e7(119, (w + e) / 2); e7(123, (s + n) / 2);
  writeFileSync(path, Buffer.concat([h, root, meta, data]));
}
