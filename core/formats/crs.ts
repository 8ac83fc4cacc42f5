/**
 * Coordinate reference systems: from a file's own definition (WKT from a GeoPackage or a .prj) or an
 * EPSG code (GeoTIFF GeoKeys, legacy GeoJSON `crs`), to a function returning WGS84 lon/lat.
 * An unknown or unsupported CRS is a FileError, never a silent guess.
 */
import proj4 from 'proj4';
import table from '../../data/import/crs.json';
import { FileError } from './file-error';

export interface Crs {
  /** "EPSG:3763", or "WKT:<name>" for a definition without an EPSG code. */
  name: string;
  identity: boolean;
  toWgs84(x: number, y: number): [number, number];
  /** WGS84 lon/lat into this CRS (to find which part of a raster a window covers). */
  fromWgs84(lon: number, lat: number): [number, number];
}

const WGS84: Crs = { name: 'EPSG:4326', identity: true, toWgs84: (x, y) => [x, y], fromWgs84: (lon, lat) => [lon, lat] };
const definitions = table.definitions as Record<string, string>;

function utmDefinition(code: number): string | undefined {
  if (code >= 32601 && code <= 32660) return `+proj=utm +zone=${code - 32600} +datum=WGS84 +units=m +no_defs`;
  if (code >= 32701 && code <= 32760) return `+proj=utm +zone=${code - 32700} +south +datum=WGS84 +units=m +no_defs`;
  if (code >= 25828 && code <= 25838) return `+proj=utm +zone=${code - 25800} +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
  return undefined;
}

/** The proj4 definition kept for an authority code, or undefined. */
export function knownDefinition(name: string): string | undefined {
  const key = name.toUpperCase().replace(/^EPSG::?/, 'EPSG:');
  if (definitions[key]) return definitions[key];
  const m = /^EPSG:(\d+)$/.exec(key);
  return m ? utmDefinition(Number(m[1])) : undefined;
}

function fromProj(name: string, def: string, file: string): Crs {
  let converter: { forward(c: number[]): number[]; inverse(c: number[]): number[] };
  try {
    converter = proj4(def, 'EPSG:4326') as unknown as typeof converter;
  } catch (e) {
    throw new FileError(file, { key: 'import.unsupportedCrs', params: { name, detail: (e as Error).message ?? String(e) } });
  }
  if (/\+proj=longlat|^GEOG(CS|CRS)\[/i.test(def.trim())) {
    return { name, identity: false, toWgs84: (x, y) => converter.forward([x, y]) as [number, number], fromWgs84: (lon, lat) => converter.inverse([lon, lat]) as [number, number] };
  }
  // A projected CRS counts metres (or feet) from an origin its data is rarely within a few hundred
  // metres of: when the first coordinates all fit -180..180, -90..90 they are degrees under a wrong
  // label (a lon/lat file claiming EPSG:3763 would land as a 1 cm shape near Portugal's origin).
  let degreeLike = 0;
  return {
    name, identity: false,
    fromWgs84: (lon, lat) => converter.inverse([lon, lat]) as [number, number],
    toWgs84: (x, y) => {
      if (degreeLike >= 0) {
        if (Math.abs(x) <= 180 && Math.abs(y) <= 90) {
          if (++degreeLike >= DEGREE_LIKE_REFUSED) throw new FileError(file, { key: 'import.degreesNotMetres', params: { x: String(x), y: String(y), name } });
        } else degreeLike = -1; // a real projected coordinate: stop checking
      }
      return converter.forward([x, y]) as [number, number];
    },
  };
}

/** Consecutive degree-like coordinates, from the first, after which a projected CRS is refused (one closed ring has 4). */
const DEGREE_LIKE_REFUSED = 4;

export function crsFromEpsg(code: number | string, file: string): Crs {
  const name = typeof code === 'number' ? `EPSG:${code}` : code.toUpperCase().replace(/^EPSG::?/, 'EPSG:');
  if (name === 'EPSG:4326' || name === 'OGC:CRS84' || name === 'EPSG:4979') return WGS84;
  const def = knownDefinition(name);
  if (!def) throw new FileError(file, { key: 'import.unknownCrsName', params: { name } });
  return fromProj(name, def, file);
}

/** The CRS named by a legacy GeoJSON `crs` member ("urn:ogc:def:crs:EPSG::3763", "EPSG:3763", CRS84). */
export function crsFromUrn(urn: string, file: string): Crs {
  const s = urn.trim();
  if (/CRS84$/i.test(s) || /OGC:.*CRS84/i.test(s)) return WGS84;
  const m = /EPSG:{1,2}(?:[\d.]*:)?(\d+)$/i.exec(s) ?? /^(\d+)$/.exec(s);
  if (!m) throw new FileError(file, { key: 'import.unknownGeojsonCrs', params: { name: s } });
  return crsFromEpsg(Number(m[1]), file);
}

/**
 * From a WKT definition. The top-level EPSG code, if any, is used when this app keeps a definition
 * for it (identical result, fewer parser surprises); otherwise proj4 reads the WKT itself. AXIS
 * clauses are dropped: GeoPackage and shapefile coordinates are always x = easting/longitude.
 */
export function crsFromWkt(wkt: string, file: string): Crs {
  const text = wkt.trim();
  if (!text || text === 'undefined') throw new FileError(file, { key: 'import.noCrs' });
  const codes = [...text.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const top = codes.length ? Number(codes[codes.length - 1]![1]) : undefined;
  if (top === 4326) return WGS84;
  if (top !== undefined && knownDefinition(`EPSG:${top}`)) return crsFromEpsg(top, file);
  const nameMatch = /^\w+\[\s*"([^"]*)"/.exec(text);
  const name = top !== undefined ? `EPSG:${top}` : `WKT:${nameMatch?.[1] ?? 'unnamed'}`;
  if (/^GEOGCS\[\s*"(WGS[ _]?84|GCS_WGS_1984)"/i.test(text)) return { ...WGS84, name: top ? name : 'EPSG:4326' };
  const stripped = text.replace(/,\s*AXIS\[[^\]]*\]/gi, '');
  return fromProj(name, stripped, file);
}

export const wgs84 = WGS84;

/** Any GeoJSON geometry with every position taken to WGS84 (x, y only); the geometry itself when the CRS is WGS84. */
export function geometryToWgs84<G extends { type: string }>(g: G, crs: Crs): G {
  if (crs.identity) return g;
  const deep = (c: unknown): unknown => (typeof (c as unknown[])[0] === 'number' ? crs.toWgs84((c as number[])[0]!, (c as number[])[1]!) : (c as unknown[]).map(deep));
  const any = g as { type: string; coordinates?: unknown; geometries?: { type: string }[] };
  if (any.geometries) return { ...g, geometries: any.geometries.map((x) => geometryToWgs84(x, crs)) };
  return { ...g, coordinates: deep(any.coordinates) };
}
