/**
 * Population rasters (GeoTIFF, e.g. WorldPop people-per-pixel): each valid pixel becomes one
 * population unit polygon. NoData (GDAL_NODATA tag) and NaN pixels are left out; optionally zero
 * pixels too, and everything whose pixel centre lies outside a WGS84 window.
 */
import { fromArrayBuffer } from 'geotiff';
import { crsFromEpsg, type Crs } from '../formats/crs';
import { readWithProgress } from './read-bytes';
import { ImportCancelled, ImportError, countSkip, emptyLayer, type ImportContext, type ImportedLayer, type Importer } from './types';

/**
 * Most pixels read from one raster (or its window): each becomes a population unit, so 4,000,000
 * (a 2,000 x 2,000 window, e.g. 200 x 200 km of 100 m WorldPop) bounds memory at a few GB at most;
 * a 30,000 x 30,000 image is refused before any pixel is decoded.
 */
export const MAX_RASTER_PIXELS = 4_000_000;

function crsOfKeys(keys: Record<string, unknown> | null, path: string): Crs {
  if (!keys) throw new ImportError(path, 'unknown CRS: the TIFF has no GeoKeys (not a GeoTIFF)');
  const projected = keys.ProjectedCSTypeGeoKey as number | undefined;
  const geographic = keys.GeographicTypeGeoKey as number | undefined;
  const model = keys.GTModelTypeGeoKey as number | undefined;
  if (model === 1 || projected !== undefined) {
    if (projected === undefined || projected === 32767) throw new ImportError(path, 'unknown CRS: user-defined projected CRS in GeoKeys is not supported; reproject to EPSG:4326');
    return crsFromEpsg(projected, path);
  }
  if (geographic === undefined || geographic === 32767) throw new ImportError(path, 'unknown CRS: the GeoKeys give no EPSG geographic CRS');
  return crsFromEpsg(geographic, path);
}

async function read(path: string, ctx: ImportContext): Promise<ImportedLayer> {
  const bytes = await readWithProgress(path, ctx, 'reading GeoTIFF');
  let image;
  try {
    const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    image = await tiff.getImage(0);
  } catch (e) {
    throw new ImportError(path, `corrupt GeoTIFF: ${(e as Error).message}`);
  }
  const crs = crsOfKeys(image.getGeoKeys() as Record<string, unknown> | null, path);
  const layer = emptyLayer(path, 'geotiff', crs.name);
  let origin: number[], res: number[];
  try {
    origin = image.getOrigin();
    res = image.getResolution();
  } catch (e) {
    throw new ImportError(path, `no georeferencing: ${(e as Error).message}`);
  }
  const width = image.getWidth(), height = image.getHeight();
  const [x0, y0] = origin as [number, number];
  const [rx, ry] = res as [number, number];
  const nodata = image.getGDALNoData();
  const win = ctx.window;
  // pixel range to read: the whole image, or the window's pixels when the raster is lon/lat already
  let c0 = 0, c1 = width, r0 = 0, r1 = height;
  if (win && crs.identity) {
    const col = (x: number) => (x - x0) / rx - 0.5;
    const row = (y: number) => (y - y0) / ry - 0.5;
    c0 = Math.max(0, Math.ceil(col(win[0]))); c1 = Math.min(width, Math.floor(col(win[2])) + 1);
    r0 = Math.max(0, Math.ceil(Math.min(row(win[1]), row(win[3])))); r1 = Math.min(height, Math.floor(Math.max(row(win[1]), row(win[3]))) + 1);
    if (c1 <= c0 || r1 <= r0) throw new ImportError(path, `the window ${win.join(',')} does not overlap the raster`);
    layer.notes.push(`window ${win.join(', ')}: pixels ${c0}..${c1 - 1} x ${r0}..${r1 - 1} (pixel centres inside)`);
  }
  const pixels = (c1 - c0) * (r1 - r0);
  if (pixels > MAX_RASTER_PIXELS) {
    throw new ImportError(path, `${c1 - c0} x ${r1 - r0} = ${pixels.toLocaleString('en')} pixels to read, more than the ${MAX_RASTER_PIXELS.toLocaleString('en')} accepted; give a window (west,south,east,north in degrees) around the city${crs.identity ? '' : ' or reproject the raster to EPSG:4326 so the window limits the read'}`);
  }
  let data: ArrayLike<number>;
  try {
    const rasters = await image.readRasters({ window: [c0, r0, c1, r1], samples: [0] });
    data = (rasters as unknown as ArrayLike<number>[])[0]!;
  } catch (e) {
    throw new ImportError(path, `corrupt GeoTIFF pixel data: ${(e as Error).message}`);
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
        throw new ImportError(path, `pixel ${c},${r} falls outside longitude/latitude range (georeferencing or CRS is wrong)`);
      }
      layer.populationUnits.push({ id: `${layer.idPrefix}r${r}c${c}`, geometry: { type: 'Polygon', coordinates: [ring] }, residents: v, breakdown: null });
    }
    if (r % 20 === 0) ctx.onProgress?.({ phase: 'reading GeoTIFF pixels', bytesRead: bytes.length, bytesTotal: bytes.length, features: layer.populationUnits.length });
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
