/**
 * The map as a report image: the operation's areas and zones on the basemap, with a scale bar and a
 * north arrow drawn on it. The scale and north come from the rendering's own projection (or, for the
 * screen's canvas, the `__uiaProject` hook of MapView) at an anchor point, so they hold at any zoom
 * or rotation.
 */
import { renderPrintMap } from '../map/print-map';

type Project = (p: [number, number]) => { x: number; y: number };

/** Metres in 0.001 degree of latitude (mean Earth radius). */
const M_PER_MILLIDEGREE_LAT = 111.195;
const NICE_LENGTHS_M = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];

/**
 * The map image of the report: the operation (`frame`: its areas and zones) in the muted print style
 * (renderer/map/print-map.ts), or the screen's own canvas if that cannot be rendered.
 */
export function captureMapImage(anchor: [number, number] | null, frame: [number, number, number, number] | null = null): Promise<string | null> {
  const image = capture(anchor, frame);
  pending = image.catch(() => null);
  return image;
}

/** The latest map image under way (printing waits for it). */
let pending: Promise<unknown> = Promise.resolve();

/** What the shown report does when the image is wanted now (set by PrintReport while it is shown). */
let onRequest: (() => void) | null = null;
export function onMapImageRequest(f: () => void): () => void {
  onRequest = f;
  return () => { if (onRequest === f) onRequest = null; };
}
/** The report's map image, made now if the report was still waiting to make it; resolves when it is made. */
export function mapImageNow(): Promise<unknown> {
  onRequest?.();
  return pending;
}

async function capture(anchor: [number, number] | null, frame: [number, number, number, number] | null): Promise<string | null> {
  const shown = document.querySelector('canvas.maplibregl-canvas') as HTMLCanvasElement | null;
  if (!shown || shown.width === 0) return null;
  const printed = await renderPrintMap(frame, anchor).catch(() => null);
  const source = printed?.canvas ?? shown;
  const out = document.createElement('canvas');
  out.width = source.width; out.height = source.height;
  const ctx = out.getContext('2d');
  if (!ctx) return source.toDataURL('image/png');
  ctx.drawImage(source, 0, 0);
  // 0.001 degree north at the anchor: in the printed rendering, or else on the screen's map
  const project = (window as unknown as { __uiaProject?: Project }).__uiaProject;
  const north = printed ? printed.north : project && anchor ? (() => { const a = project(anchor), b = project([anchor[0], anchor[1] + 0.001]); return { dx: b.x - a.x, dy: b.y - a.y }; })() : null;
  if (north) {
    const ratio = shown.width / Math.max(1, shown.clientWidth || shown.width);
    const dx = north.dx * ratio, dy = north.dy * ratio;
    const pxPerMilli = Math.hypot(dx, dy);
    if (pxPerMilli > 0) {
      drawScaleBar(ctx, out, pxPerMilli / M_PER_MILLIDEGREE_LAT, ratio);
      drawNorthArrow(ctx, out, Math.atan2(dx, -dy), ratio);
    }
  }
  return out.toDataURL('image/png');
}

function drawScaleBar(ctx: CanvasRenderingContext2D, c: HTMLCanvasElement, pxPerM: number, ratio: number): void {
  const maxPx = c.width / 3;
  const lengthM = [...NICE_LENGTHS_M].reverse().find((m) => m * pxPerM <= maxPx) ?? NICE_LENGTHS_M[0]!;
  const w = lengthM * pxPerM;
  const x = 16 * ratio, y = c.height - 18 * ratio, h = 8 * ratio;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(x - 8 * ratio, y - 30 * ratio, w + 16 * ratio, 44 * ratio);
  ctx.fillStyle = '#000';
  ctx.fillRect(x, y, w / 2, h);
  ctx.strokeStyle = '#000'; ctx.lineWidth = 1.5 * ratio;
  ctx.strokeRect(x, y, w, h);
  ctx.font = `bold ${16 * ratio}px sans-serif`;
  ctx.fillText(lengthM >= 1000 ? `${lengthM / 1000} km` : `${lengthM} m`, x, y - 6 * ratio);
}

function drawNorthArrow(ctx: CanvasRenderingContext2D, c: HTMLCanvasElement, angle: number, ratio: number): void {
  const cx = c.width - 28 * ratio, cy = 34 * ratio, r = 16 * ratio;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.beginPath(); ctx.arc(cx, cy, r + 8 * ratio, 0, 2 * Math.PI); ctx.fill();
  ctx.translate(cx, cy); ctx.rotate(angle);
  ctx.fillStyle = '#000';
  ctx.beginPath(); ctx.moveTo(0, -r); ctx.lineTo(r * 0.5, r * 0.6); ctx.lineTo(0, r * 0.25); ctx.lineTo(-r * 0.5, r * 0.6); ctx.closePath(); ctx.fill();
  ctx.restore();
  ctx.fillStyle = '#000'; ctx.font = `bold ${12 * ratio}px sans-serif`; ctx.textAlign = 'center';
  ctx.fillText('N', cx, cy + r + 20 * ratio > c.height ? cy : cy + r + 20 * ratio);
  ctx.textAlign = 'start';
}
