/**
 * Population rasters (GeoTIFF, e.g. WorldPop people-per-pixel): each valid pixel becomes one
 * population unit polygon. NoData (GDAL_NODATA tag) and NaN pixels are left out; optionally zero
 * pixels too, and everything whose pixel centre lies outside a WGS84 window.
 */
import { statSync } from 'node:fs';
import { fromFile, type GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { crsFromEpsg, type Crs } from '../formats/crs';
import { ImportCancelled, ImportError, progressOf, countSkip, emptyLayer, type ImportContext, type ImportedLayer, type Importer } from './types';

/**
 * Most pixels read from one raster (or its window): each becomes a population unit, so 4,000,000
 * (a 2,000 x 2,000 window, e.g. 200 x 200 km of 100 m WorldPop) bounds memory at a few GB at most;
 * a 30,000 x 30,000 image is refused before any pixel is decoded.
 */
export const MAX_RASTER_PIXELS = 4_000_000;

function crsOfKeys(keys: Record<string, unknown> | null, path: string): Crs {
  if (!keys) throw new ImportError(path, { key: 'import.noGeoKeys' });
  const projected = keys.ProjectedCSTypeGeoKey as number | undefined;
  const geographic = keys.GeographicTypeGeoKey as number | undefined;
  const model = keys.GTModelTypeGeoKey as number | undefined;
  if (model === 1 || projected !== undefined) {
    if (projected === undefined || projected === 32767) throw new ImportError(path, { key: 'import.userDefinedCrs' });
    return crsFromEpsg(projected, path);
  }
  if (geographic === undefined || geographic === 32767) throw new ImportError(path, { key: 'import.noEpsgGeographic' });
  return crsFromEpsg(geographic, path);
}

type PixelWindow = { c0: number; r0: number; c1: number; r1: number };

/**
 * The pixels whose centres lie in a WGS84 window: the window's edges are taken into the raster's
 * CRS (a lon/lat rectangle is curved there, hence points along each edge) and their bounding box
 * gives the columns and rows. Pixels in that box but outside the window are dropped later.
 */
function pixelWindow(win: [number, number, number, number], crs: Crs, x0: number, y0: number, rx: number, ry: number, width: number, height: number): PixelWindow | null {
  const [w, s, e, n] = win;
  const steps = crs.identity ? 1 : 32;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i <= steps; i++) {
    const t = i / steps, lon = w + t * (e - w), lat = s + t * (n - s);
    for (const [x, y] of [crs.fromWgs84(lon, s), crs.fromWgs84(lon, n), crs.fromWgs84(w, lat), crs.fromWgs84(e, lat)]) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
    }
  }
  if (minX > maxX) return null;
  const col = (x: number) => (x - x0) / rx - 0.5;
  const row = (y: number) => (y - y0) / ry - 0.5;
  const c0 = Math.max(0, Math.ceil(Math.min(col(minX), col(maxX)))), c1 = Math.min(width, Math.floor(Math.max(col(minX), col(maxX))) + 1);
  const r0 = Math.max(0, Math.ceil(Math.min(row(minY), row(maxY)))), r1 = Math.min(height, Math.floor(Math.max(row(minY), row(maxY))) + 1);
  return c1 > c0 && r1 > r0 ? { c0, r0, c1, r1 } : null;
}

async function read(path: string, ctx: ImportContext): Promise<ImportedLayer> {
  const size = statSync(path).size;
  ctx.onProgress?.(progressOf({ key: 'readingGeotiff' }, 0, size, 0));
  // Straight from the file: only the header and the strips or tiles of the window are read, so a
  // national raster costs what the city's part of it costs.
  let tiff: GeoTIFF, image: GeoTIFFImage;
  try {
    tiff = await fromFile(path, ctx.signal);
  } catch (e) {
    throw new ImportError(path, { key: 'import.corruptGeotiff', params: { detail: (e as Error).message } });
  }
  try {
    try {
      image = await tiff.getImage(0);
    } catch (e) {
      throw new ImportError(path, { key: 'import.corruptGeotiff', params: { detail: (e as Error).message } });
    }
    await checkIntact(path, image, size);
    return await readImage(path, image, size, ctx);
  } finally {
    await tiff.close();
  }
}

/**
 * A file read in parts sees zeros past its end rather than an error: a truncated file is caught
 * here, by its image directory and by where its strips or tiles end.
 */
async function checkIntact(path: string, image: GeoTIFFImage, size: number): Promise<void> {
  const dir = image.fileDirectory;
  if (!dir.hasTag('ImageWidth') || !dir.hasTag('ImageLength')) throw new ImportError(path, { key: 'import.geotiffNoDirectory' });
  for (const [offsets, counts] of [['StripOffsets', 'StripByteCounts'], ['TileOffsets', 'TileByteCounts']] as const) {
    if (!dir.hasTag(offsets)) continue;
    const [o, c] = await Promise.all([dir.loadValue(offsets), dir.loadValue(counts)]) as unknown as [ArrayLike<number>, ArrayLike<number>];
    for (let i = 0; i < o.length; i++) {
      if (Number(o[i]) + Number(c?.[i] ?? 0) > size) throw new ImportError(path, { key: 'import.geotiffCut', params: { end: String(Number(o[i]) + Number(c?.[i] ?? 0)), size: String(size) } });
    }
  }
}

async function readImage(path: string, image: GeoTIFFImage, size: number, ctx: ImportContext): Promise<ImportedLayer> {
  const crs = crsOfKeys(image.getGeoKeys() as Record<string, unknown> | null, path);
  const layer = emptyLayer(path, 'geotiff', crs.name);
  let origin: number[], res: number[];
  try {
    origin = image.getOrigin();
    res = image.getResolution();
  } catch (e) {
    throw new ImportError(path, { key: 'import.noGeoreferencing', params: { detail: (e as Error).message } });
  }
  const width = image.getWidth(), height = image.getHeight();
  const [x0, y0] = origin as [number, number];
  const [rx, ry] = res as [number, number];
  const nodata = image.getGDALNoData();
  const fmt = (n: number) => n.toLocaleString('en');
  // The window to read: the one asked for; else, when the whole raster is over the cap, the area
  // the dataset covers (its buildings and facilities); else the whole raster.
  let win = ctx.window;
  if (!win && width * height > MAX_RASTER_PIXELS && ctx.areaOfInterest) {
    win = ctx.areaOfInterest;
    layer.notes.push(`the raster has ${fmt(width * height)} pixels, more than the ${fmt(MAX_RASTER_PIXELS)} read at once: only the dataset's area ${win.map((v) => v.toFixed(4)).join(', ')} (its buildings and facilities and a margin) was read`);
  }
  let c0 = 0, c1 = width, r0 = 0, r1 = height;
  if (win) {
    const px = pixelWindow(win, crs, x0, y0, rx, ry, width, height);
    if (!px) throw new ImportError(path, { key: 'import.windowOutside', params: { window: win.join(',') } });
    ({ c0, c1, r0, r1 } = px);
    layer.notes.push(`window ${win.join(', ')}: pixels ${c0}..${c1 - 1} x ${r0}..${r1 - 1} (pixel centres inside)`);
  }
  const pixels = (c1 - c0) * (r1 - r0);
  if (pixels > MAX_RASTER_PIXELS) {
    // the pixel counts as numbers (each language groups their digits), the raster's size as written
    const params = { columns: String(c1 - c0), rows: String(r1 - r0), pixels, max: MAX_RASTER_PIXELS };
    throw new ImportError(path, { key: !win ? 'import.tooManyPixels' : win === ctx.window ? 'import.tooManyPixelsWindow' : 'import.tooManyPixelsData', params });
  }
  let data: ArrayLike<number>;
  try {
    const rasters = await image.readRasters({ window: [c0, r0, c1, r1], samples: [0] });
    data = (rasters as unknown as ArrayLike<number>[])[0]!;
  } catch (e) {
    throw new ImportError(path, { key: 'import.corruptPixels', params: { detail: (e as Error).message } });
  }
  const w = c1 - c0;
  let i = 0;
  for (let r = r0; r < r1; r++) {
    if (ctx.signal?.aborted) throw new ImportCancelled(path);
    for (let c = c0; c < c1; c++, i++) {
      const v = data[(r - r0) * w + (c - c0)]!;
      if (!Number.isFinite(v) || (nodata !== null && v === nodata)) { countSkip(layer, 'NoData pixels'); continue; }
      if (v < 0) { countSkip(layer, 'negative pixels'); continue; }
      if (ctx.positiveOnly && v === 0) { countSkip(layer, 'zero pixels'); continue; }
      const corner = (cc: number, rr: number) => crs.toWgs84(x0 + cc * rx, y0 + rr * ry);
      if (win && !crs.identity) {
        const [lon, lat] = corner(c + 0.5, r + 0.5);
        if (lon < win[0] || lon > win[2] || lat < win[1] || lat > win[3]) continue;
      }
      const ring = [corner(c, r), corner(c + 1, r), corner(c + 1, r + 1), corner(c, r + 1), corner(c, r)];
      if (ring.some(([lon, lat]) => !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90)) {
        throw new ImportError(path, { key: 'import.pixelOutOfRange', params: { pixel: `${c},${r}` } });
      }
      layer.populationUnits.push({ id: `${layer.idPrefix}r${r}c${c}`, geometry: { type: 'Polygon', coordinates: [ring] }, residents: v, breakdown: null });
    }
    if (r % 20 === 0) ctx.onProgress?.(progressOf({ key: 'readingGeotiffPixels' }, size, size, layer.populationUnits.length));
  }
  layer.notes.push(`${width} x ${height} pixels of ${Math.abs(rx)} x ${Math.abs(ry)} (${crs.name}), NoData ${nodata ?? 'none'}`);
  return layer;
}

export const geotiffImporter: Importer = {
  format: 'geotiff',
  label: 'GeoTIFF population raster (people per pixel)',
  extensions: ['.tif', '.tiff'],
  sniff: (head) => head.length >= 4 && ((head[0] === 0x49 && head[1] === 0x49 && (head[2] === 42 || head[2] === 43) && head[3] === 0)
    || (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && (head[3] === 42 || head[3] === 43))),
  read,
};
