/**
 * A user's own basemap file (issue 13, item 8): an MBTiles (SQLite, read with better-sqlite3) or a
 * PMTiles v3 archive (read with the `pmtiles` package through a local file source), raster or
 * vector, opened read-only and asked for one tile at a time. Whatever cannot be drawn is refused
 * here, with one line naming the file and what is wrong, before anything is copied or stored.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { Compression, PMTiles, TileType, type Source } from 'pmtiles';
import { DomainError } from '../model/errors';
import type { MessageParams } from '../model/issue-words';

/** What a tile holds: vector (MVT) or an image maplibre can draw. */
export const TILE_FORMATS = ['pbf', 'png', 'jpg', 'webp'] as const;
export type TileFormat = (typeof TILE_FORMATS)[number];

export interface ArchiveInfo {
  container: 'mbtiles' | 'pmtiles';
  format: TileFormat;
  /** The file's own title, or its file name. */
  name: string;
  minZoom: number;
  maxZoom: number;
  /** West, south, east, north in degrees, when the file says. */
  bounds: [number, number, number, number] | null;
  attribution: string | null;
  /** Vector layer ids (from the metadata's vector_layers); empty for raster. */
  vectorLayers: string[];
}

export interface TileArchive {
  info: ArchiveInfo;
  /** One tile (XYZ scheme), uncompressed; null where the file has none. */
  tile(z: number, x: number, y: number): Promise<Uint8Array<ArrayBuffer> | null>;
  close(): void;
}

/** Why a basemap file is refused (errors catalogue basemap.*). */
export type BasemapRefusal = 'notAFile' | 'cannotRead' | 'neither' | 'tileFormat' | 'noVectorLayers' | 'noTilesTable' | 'noTiles' | 'metadataNotJson' | 'unreadableMbtiles' | 'pmtilesVersion' | 'unreadablePmtiles';

/** A refused basemap file: always about the `path` input. */
export class BasemapFileError extends DomainError {
  override name = 'BasemapFileError';
  /** `why`: an entry of the errors catalogue's basemap.*, whose text names the file as {{file}}. */
  constructor(path: string, why: BasemapRefusal, params: MessageParams = {}) {
    super('invalid_input', { key: `basemap.${why}`, params: { ...params, file: basename(path) } }, 'path');
  }
}

const SQLITE_MAGIC = 'SQLite format 3\0';
const PMTILES_MAGIC = 'PMTiles';

/** Opens and checks a basemap file; throws BasemapFileError if it cannot be used. */
export async function openTileArchive(path: string): Promise<TileArchive> {
  let head: Buffer;
  try {
    if (!statSync(path).isFile()) throw new BasemapFileError(path, 'notAFile');
    head = readHead(path, 16);
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw new BasemapFileError(path, 'cannotRead', { detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
  }
  if (head.toString('latin1') === SQLITE_MAGIC) return openMbtiles(path);
  if (head.subarray(0, 7).toString('latin1') === PMTILES_MAGIC) return openPmtiles(path, head[7]!);
  throw new BasemapFileError(path, 'neither');
}

function readHead(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally { closeSync(fd); }
}

const ungzip = (b: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> => (b[0] === 0x1f && b[1] === 0x8b ? new Uint8Array(gunzipSync(b)) : b);

/** The format from the file's metadata, or from the first tile's bytes when it does not say. */
function formatOf(path: string, declared: string | undefined, sample: Uint8Array | null): TileFormat {
  const d = declared?.toLowerCase() === 'jpeg' ? 'jpg' : declared?.toLowerCase() === 'mvt' ? 'pbf' : declared?.toLowerCase();
  if (d) {
    if ((TILE_FORMATS as readonly string[]).includes(d)) return d as TileFormat;
    throw new BasemapFileError(path, 'tileFormat', { format: String(declared), vector: 'pbf' });
  }
  const b = sample ?? new Uint8Array(0);
  if (b[0] === 0x89 && b[1] === 0x50) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8) return 'jpg';
  if (b.length > 12 && Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP') return 'webp';
  return 'pbf';
}

function vectorLayersOf(path: string, format: TileFormat, json: unknown): string[] {
  if (format !== 'pbf') return [];
  const layers = (json as { vector_layers?: { id?: unknown }[] } | null)?.vector_layers;
  const ids = Array.isArray(layers) ? layers.map((l) => l?.id).filter((id): id is string => typeof id === 'string') : [];
  if (!ids.length) throw new BasemapFileError(path, 'noVectorLayers');
  return ids;
}

const boundsOf = (v: unknown): ArchiveInfo['bounds'] => {
  const b = (typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v : []).map(Number);
  return b.length === 4 && b.every(Number.isFinite) ? b as [number, number, number, number] : null;
};

function openMbtiles(path: string): TileArchive {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const has = (name: string) => db!.prepare("SELECT 1 FROM sqlite_master WHERE name = ? AND type IN ('table', 'view')").get(name) !== undefined;
    if (!has('tiles')) throw new BasemapFileError(path, 'noTilesTable');
    const meta = new Map(has('metadata') ? (db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]).map((r) => [r.name, r.value]) : []);
    const range = db.prepare('SELECT MIN(zoom_level) AS lo, MAX(zoom_level) AS hi FROM tiles').get() as { lo: number | null; hi: number | null };
    if (range.lo === null || range.hi === null) throw new BasemapFileError(path, 'noTiles');
    const sample = db.prepare('SELECT tile_data FROM tiles LIMIT 1').get() as { tile_data: Buffer };
    const format = formatOf(path, meta.get('format'), ungzip(new Uint8Array(sample.tile_data)));
    let json: unknown = null;
    try { json = JSON.parse(meta.get('json') ?? 'null'); } catch { throw new BasemapFileError(path, 'metadataNotJson'); }
    const info: ArchiveInfo = {
      container: 'mbtiles', format, name: meta.get('name') || basename(path),
      minZoom: Number(meta.get('minzoom') ?? range.lo), maxZoom: Number(meta.get('maxzoom') ?? range.hi),
      bounds: boundsOf(meta.get('bounds')), attribution: meta.get('attribution') || null,
      vectorLayers: vectorLayersOf(path, format, json),
    };
    // MBTiles rows are in the TMS scheme: row 0 is the south edge
    const get = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
    const open = db;
    return {
      info,
      tile: async (z, x, y) => {
        const r = get.get(z, x, 2 ** z - 1 - y) as { tile_data: Buffer } | undefined;
        return r ? ungzip(new Uint8Array(r.tile_data)) : null;
      },
      close: () => open.close(),
    };
  } catch (e) {
    db?.close();
    if (e instanceof DomainError) throw e;
    // "file is not a database", "database disk image is malformed", a missing column...
    throw new BasemapFileError(path, 'unreadableMbtiles', { detail: (e as Error).message });
  }
}

/** The `pmtiles` reader over a local file: positioned reads, nothing held in memory but what is asked. */
class FileSource implements Source {
  constructor(private readonly path: string, private readonly fd: number, private readonly sizeBytes: number) {}
  getKey() { return this.path; }
  async getBytes(offset: number, length: number) {
    const n = Math.max(0, Math.min(length, this.sizeBytes - offset));
    const buf = new Uint8Array(n);
    readSync(this.fd, buf, 0, n, offset);
    return { data: buf.buffer };
  }
}

async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  const b = new Uint8Array(buf);
  const out = compression === Compression.None ? b
    : compression === Compression.Gzip ? gunzipSync(b)
      : compression === Compression.Brotli ? brotliDecompressSync(b)
        : null;
  if (!out) throw new Error(`compression ${Compression[compression] ?? compression} is not supported`);
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}

const PMTILES_FORMAT: Partial<Record<TileType, TileFormat>> = { [TileType.Mvt]: 'pbf', [TileType.Png]: 'png', [TileType.Jpeg]: 'jpg', [TileType.Webp]: 'webp' };

async function openPmtiles(path: string, version: number): Promise<TileArchive> {
  if (version !== 3) throw new BasemapFileError(path, 'pmtilesVersion', { version: String(version) });
  const fd = openSync(path, 'r');
  try {
    const archive = new PMTiles(new FileSource(path, fd, statSync(path).size), undefined, decompress);
    const header = await archive.getHeader();
    const format = PMTILES_FORMAT[header.tileType];
    if (!format) throw new BasemapFileError(path, 'tileFormat', { format: TileType[header.tileType] ?? 'unknown', vector: 'MVT' });
    const meta = (await archive.getMetadata()) as { name?: string; attribution?: string } | null;
    // one tile read now, so a cut or damaged archive is refused here rather than on the map
    const centre = await archive.getZxy(header.minZoom, ...lonLatTile(header.centerLon, header.centerLat, header.minZoom));
    void centre;
    let open = true;
    const info: ArchiveInfo = {
      container: 'pmtiles', format, name: meta?.name || basename(path),
      minZoom: header.minZoom, maxZoom: header.maxZoom,
      bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat], attribution: meta?.attribution || null,
      vectorLayers: vectorLayersOf(path, format, meta),
    };
    return {
      info,
      tile: async (z, x, y) => {
        // a closed descriptor's number can be reused by another file: never read through it
        if (!open) throw new Error(`${basename(path)} is closed`);
        const r = await archive.getZxy(z, x, y);
        return r ? new Uint8Array(r.data) : null;
      },
      close: () => { if (open) { open = false; closeSync(fd); } },
    };
  } catch (e) {
    closeSync(fd);
    if (e instanceof DomainError) throw e;
    throw new BasemapFileError(path, 'unreadablePmtiles', { detail: (e as Error).message });
  }
}

function lonLatTile(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
  const r = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  const y = Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)));
  return [x, y];
}
