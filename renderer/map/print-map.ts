/**
 * The map for print (issue 13): the view on screen rendered again off screen with the basemap in
 * light greys and its labels in dark greys, so the operation areas, zones, sites and facilities
 * keep the only colour on the page. The live map is left alone (no flash of grey while one works).
 */
import * as maplibregl from 'maplibre-gl';
import { BASEMAP_PREFIX } from './basemap';

let live: maplibregl.Map | null = null;
/** The map on screen, whose view is printed. */
export function registerPrintMap(map: maplibregl.Map | null): void { live = map; }

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const RGB = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i;

function rgba(colour: string): [number, number, number, number] | null {
  const h = HEX.exec(colour)?.[1];
  if (h) {
    const full = h.length <= 4 ? [...h].map((c) => c + c).join('') : h;
    const n = (i: number) => parseInt(full.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), full.length === 8 ? n(6) / 255 : 1];
  }
  const m = RGB.exec(colour);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
}

/**
 * A colour as a grey of the same lightness, pushed towards white for areas and lines (the
 * background of the page) or kept dark enough to read for text. Anything that is not a colour
 * (a match label such as 'water') is returned as it is.
 */
export function mutedColour(colour: string, use: 'fill' | 'text'): string {
  const c = rgba(colour);
  if (!c) return colour;
  const lightness = (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255;
  const grey = Math.round(255 * (use === 'text' ? 0.2 + 0.35 * lightness : 0.62 + 0.36 * lightness));
  return `rgba(${grey}, ${grey}, ${grey}, ${c[3]})`;
}

const mutedValue = (v: unknown, use: 'fill' | 'text'): unknown =>
  typeof v === 'string' ? mutedColour(v, use) : Array.isArray(v) ? v.map((x) => mutedValue(x, use)) : v;

/** The style with every basemap colour (plain or inside an expression) in greys; other layers unchanged. */
export function mutedStyle(style: maplibregl.StyleSpecification): maplibregl.StyleSpecification {
  const layers = style.layers.map((l): maplibregl.LayerSpecification => {
    if (!l.id.startsWith(BASEMAP_PREFIX) && l.id !== 'background') return l;
    // an image basemap (the user's own raster file) has no colours to change: greyed by saturation
    if (l.type === 'raster') return { ...l, paint: { ...l.paint, 'raster-saturation': -1 } };
    if (!('paint' in l) || !l.paint) return l;
    const paint: Record<string, unknown> = { ...l.paint };
    for (const [k, v] of Object.entries(paint)) if (k.endsWith('-color')) paint[k] = mutedValue(v, k === 'text-color' ? 'text' : 'fill');
    return { ...l, paint } as maplibregl.LayerSpecification;
  });
  return { ...style, layers };
}

/** 0.001 degree of latitude northwards from a point, as a vector in CSS pixels of a map (for its scale bar and north arrow). */
export interface MilliDegreeNorth { dx: number; dy: number }

/**
 * The map rendered off screen in the print style, copied to a plain canvas (null without a map),
 * with 0.001° north at `anchor` in that rendering. Framed on `frame` ([w, s, e, n]: the operation's
 * areas and zones) when given, north up, so the printed map shows the whole operation wherever the
 * screen was looking; else the view on screen.
 */
export async function renderPrintMap(frame: [number, number, number, number] | null, anchor: [number, number] | null, timeoutMs = 15_000): Promise<{ canvas: HTMLCanvasElement; north: MilliDegreeNorth | null } | null> {
  const source = live;
  if (!source) return null;
  const shown = source.getContainer();
  // framed on the operation: the shape of the report's map block, not of the window
  const [width, height] = frame ? PRINT_FRAME_SIZE_PX : [shown.clientWidth, shown.clientHeight];
  const div = document.createElement('div');
  div.style.cssText = `position: fixed; left: -20000px; top: 0; width: ${width}px; height: ${height}px;`;
  document.body.appendChild(div);
  const view = frame
    ? { bounds: [[frame[0], frame[1]], [frame[2], frame[3]]] as maplibregl.LngLatBoundsLike, fitBoundsOptions: { padding: PRINT_FRAME_PADDING_PX, maxZoom: PRINT_MAX_ZOOM } }
    : { center: source.getCenter(), zoom: source.getZoom(), bearing: source.getBearing(), pitch: source.getPitch() };
  const map = new maplibregl.Map({
    container: div, style: mutedStyle(source.getStyle()), interactive: false, attributionControl: false, fadeDuration: 0,
    ...view, pixelRatio: source.getPixelRatio(), canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  // the sector icons were added to the live map by code, not by the style: handed over when asked for
  map.on('styleimagemissing', (e: { id: string }) => {
    const img = source.getImage(e.id);
    if (img && !map.hasImage(e.id)) map.addImage(e.id, img.data, { pixelRatio: img.pixelRatio, sdf: img.sdf });
  });
  try {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, timeoutMs);
      map.once('idle', () => { clearTimeout(t); resolve(); });
    });
    const out = document.createElement('canvas');
    const canvas = map.getCanvas();
    out.width = canvas.width; out.height = canvas.height;
    out.getContext('2d')?.drawImage(canvas, 0, 0);
    const a = anchor && map.project(anchor), b = anchor && map.project([anchor[0], anchor[1] + 0.001]);
    return { canvas: out, north: a && b ? { dx: b.x - a.x, dy: b.y - a.y } : null };
  } finally {
    map.remove();
    div.remove();
  }
}

/**
 * The printed map framed on an operation, CSS pixels: the shape of the report's map block (an A4
 * page's width less the legend, about 525 x 330 px), a little larger, so labels print at nearly
 * their screen size.
 */
const PRINT_FRAME_SIZE_PX = [600, 375] as const;
/** Room around the operation on the printed map, CSS pixels. */
const PRINT_FRAME_PADDING_PX = 40;
/** Closest the printed map zooms in on a small operation: a few streets around it stay in view. */
const PRINT_MAX_ZOOM = 16;
