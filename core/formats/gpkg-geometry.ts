/**
 * GeoPackage geometry blobs (OGC 12-128r18 §2.1.3): "GP", version, flags, srs_id, optional
 * envelope, then standard WKB. Read with wkx; written with wkx plus our own header and envelope.
 */
import wkx from 'wkx';

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

export interface DecodedGpkgGeometry {
  srsId: number;
  empty: boolean;
  geometry: { type: string; coordinates?: unknown } | null;
}

/** Throws a plain Error with the reason when the blob is not a GeoPackage geometry. */
export function decodeGpkgGeometry(blob: Buffer): DecodedGpkgGeometry {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('geometry blob does not start with the GeoPackage magic "GP"');
  const flags = blob[3]!;
  const little = (flags & 1) === 1;
  const envelope = (flags >> 1) & 7;
  if (envelope > 4) throw new Error(`invalid envelope indicator ${envelope} in geometry header`);
  const empty = ((flags >> 4) & 1) === 1;
  if ((flags >> 5) & 1) throw new Error('extended GeoPackage geometry types are not supported');
  const srsId = little ? blob.readInt32LE(4) : blob.readInt32BE(4);
  const start = 8 + ENVELOPE_BYTES[envelope]!;
  if (empty) return { srsId, empty, geometry: null };
  const geometry = wkx.Geometry.parse(blob.subarray(start)).toGeoJSON() as { type: string; coordinates?: unknown };
  return { srsId, empty, geometry };
}

type Coords = number[] | Coords[];

function extent(coords: Coords, box: [number, number, number, number]): void {
  if (typeof coords[0] === 'number') {
    const [x, y] = coords as number[];
    if (x! < box[0]) box[0] = x!;
    if (x! > box[1]) box[1] = x!;
    if (y! < box[2]) box[2] = y!;
    if (y! > box[3]) box[3] = y!;
    return;
  }
  for (const c of coords as Coords[]) extent(c, box);
}

/** Envelope [minx, maxx, miny, maxy] of a GeoJSON geometry. */
export function envelopeOf(geometry: { coordinates: unknown }): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, -Infinity, Infinity, -Infinity];
  extent(geometry.coordinates as Coords, box);
  return box;
}

/** GeoJSON geometry -> GeoPackage blob: little-endian header with an [minx, maxx, miny, maxy] envelope. */
export function encodeGpkgGeometry(geometry: { type: string; coordinates: unknown }, srsId: number): Buffer {
  const wkb = wkx.Geometry.parseGeoJSON(geometry).toWkb();
  const header = Buffer.alloc(8 + 32);
  header[0] = 0x47; header[1] = 0x50; header[2] = 0;
  header[3] = 0b0000_0011; // little-endian, envelope [minx, maxx, miny, maxy]
  header.writeInt32LE(srsId, 4);
  const [minx, maxx, miny, maxy] = envelopeOf(geometry);
  header.writeDoubleLE(minx, 8); header.writeDoubleLE(maxx, 16); header.writeDoubleLE(miny, 24); header.writeDoubleLE(maxy, 32);
  return Buffer.concat([header, wkb]);
}
