/**
 * The basemap under the dataset layers: the dataset's own vector tiles (built at import, served by
 * the `basemap.tile` API operation through a maplibre protocol, so nothing goes to the network),
 * styled by @protomaps/basemaps' light flavour. Labels use the bundled fonts; POIs are left out
 * (they need a sprite) and so are the style's icons.
 */
import * as maplibregl from 'maplibre-gl';
import { layers as protomapsLayers, namedFlavor } from '@protomaps/basemaps';
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import { call } from '../api/client';
import { FONT_ITALIC, FONT_MEDIUM, FONT_REGULAR } from './fonts';

export const BASEMAP_SOURCE = 'basemap';
export const BASEMAP_PREFIX = 'basemap-';
const PROTOCOL = 'uia-tiles';

let registered = false;
/** uia-tiles://{datasetId}/{z}/{x}/{y} -> the API's tile bytes (an empty tile outside the dataset). */
export function registerTileProtocol(): void {
  if (registered) return;
  registered = true;
  maplibregl.addProtocol(PROTOCOL, async (params) => {
    const m = /^uia-tiles:\/\/(\d+)\/(\d+)\/(\d+)\/(\d+)$/.exec(params.url);
    if (!m) throw new Error(`not a basemap tile URL: ${params.url}`);
    const [datasetId, z, x, y] = m.slice(1).map(Number) as [number, number, number, number];
    const bytes = await call('basemap.tile', { datasetId, z, x, y });
    return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  });
}

/**
 * The name a label shows: the local `name` by default (what the street signs say), `name:xx`
 * first when a language is asked for.
 */
export function labelText(lang: string | null): ExpressionSpecification {
  return lang ? ['coalesce', ['get', `name:${lang}`], ['get', 'name']] : ['get', 'name'];
}

const fontOf = (font: unknown) => {
  const s = JSON.stringify(font ?? '');
  return s.includes('Italic') ? FONT_ITALIC : s.includes('Medium') || s.includes('Bold') ? FONT_MEDIUM : FONT_REGULAR;
};

/** The Protomaps light layers for our source, with ids prefixed, our fonts and label language, no icons. */
export function basemapLayers(lang: string | null = null): maplibregl.LayerSpecification[] {
  const out: maplibregl.LayerSpecification[] = [];
  for (const layer of protomapsLayers(BASEMAP_SOURCE, namedFlavor('light'), { lang: lang ?? 'en' })) {
    // the map keeps its own background; buildings are drawn by the dataset layer (from these tiles)
    if (layer.id === 'background' || layer.id === 'buildings') continue;
    const l = { ...layer, id: BASEMAP_PREFIX + layer.id } as maplibregl.LayerSpecification;
    if (l.type === 'symbol') {
      const layout = { ...l.layout } as Record<string, unknown>;
      if ('icon-image' in layout) {
        if (!('text-field' in layout)) continue; // icon-only (shields, arrows)
        delete layout['icon-image'];
      }
      if ('text-field' in layout) layout['text-field'] = labelText(lang);
      layout['text-font'] = [fontOf(layout['text-font'])];
      l.layout = layout as never;
      // district names must stay readable over the density overlay: darker than the flavour's grey
      if (layer.id === 'places_subplace') l.paint = { ...l.paint, 'text-color': '#4d4d4d', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 } as never;
    }
    out.push(l);
  }
  return out;
}

/** Replaces the basemap source and layers (dataset switch); they go under `beforeId`. */
export function showBasemap(map: maplibregl.Map, datasetId: number, attribution: string, beforeId: string | undefined): void {
  // the dataset's building layer draws from these tiles too: it goes with them (showLayers adds it back)
  for (const l of map.getStyle().layers) if (l.id.startsWith(BASEMAP_PREFIX) || ('source' in l && l.source === BASEMAP_SOURCE)) map.removeLayer(l.id);
  if (map.getSource(BASEMAP_SOURCE)) map.removeSource(BASEMAP_SOURCE);
  map.addSource(BASEMAP_SOURCE, { type: 'vector', tiles: [`${PROTOCOL}://${datasetId}/{z}/{x}/{y}`], minzoom: 0, maxzoom: 14, attribution });
  const before = beforeId && map.getLayer(beforeId) ? beforeId : map.getStyle().layers.find((l) => !l.id.startsWith(BASEMAP_PREFIX) && l.id !== 'background')?.id;
  for (const l of basemapLayers()) map.addLayer(l, before);
}

/** Basemap label layers (drawn above the density overlay and building fills). */
export const isBasemapLabel = (l: { id: string; type: string }) => l.id.startsWith(BASEMAP_PREFIX) && l.type === 'symbol';
