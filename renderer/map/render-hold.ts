/**
 * Holding the map's frames while a live estimate is on its way (issue 11: mouse-up to figures under
 * 500 ms). Without a GPU (Chromium on SwiftShader) one maplibre frame blocks the page's main thread
 * for 200-500 ms: the compositor's commit waits for the WebGL frame to be rasterised and read back.
 * A Chromium trace from the mouse-up closing a drawing to the headline showed five map frames in a
 * row (the click, then terra-draw's three sources and the overlays re-tiled in separate batches),
 * and the answer's body waiting behind them. While held, the map's repaints are noted, not drawn;
 * released, the map draws once, with everything that changed meanwhile. Tiles keep loading in
 * maplibre's workers meanwhile. Moving the map releases at once, and no hold lasts more than
 * `maxMs`, so a slow estimate never freezes the map for long.
 */
import type * as maplibregl from 'maplibre-gl';

/**
 * Longest hold: a warm preview answers in 100-250 ms on a quiet machine and 0.5-1 s when its 2 cores
 * are shared; a colder one (a city prepared on its first estimate) lets the map draw first.
 */
export const RENDER_HOLD_MAX_MS = 1000;

export interface RenderHold {
  /** Stop drawing frames until release(), `maxMs` at most. */
  hold(maxMs?: number): void;
  /** Draw again, with one frame if any was asked for while held. */
  release(): void;
}

/** maplibre draws a frame in `_render`, called from the animation frame that triggerRepaint() asks for. */
interface Renders { _render(paintStartTimeStamp: number): unknown }

export function renderHold(map: maplibregl.Map): RenderHold {
  const m = map as unknown as Renders;
  const render = m._render.bind(map);
  let held = false;
  let missed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  m._render = (t: number) => {
    if (!held) return render(t);
    missed = true;
    return map;
  };
  const release = () => {
    clearTimeout(timer);
    if (!held) return;
    held = false;
    if (missed) { missed = false; map.triggerRepaint(); }
  };
  // the user pans, zooms or the camera flies: the map must follow at once
  map.on('movestart', release);
  return {
    hold(maxMs = RENDER_HOLD_MAX_MS) {
      clearTimeout(timer);
      held = true;
      timer = setTimeout(release, maxMs);
    },
    release,
  };
}
