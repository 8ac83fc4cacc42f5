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
import type { Output } from '../../core/api/contract';
import { FONT_ITALIC, FONT_MEDIUM, FONT_REGULAR } from './fonts';

export const BASEMAP_SOURCE = 'basemap';
export const BASEMAP_PREFIX = 'basemap-';
const PROTOCOL = 'uia-tiles';

/** A user's own basemap file as the API describes it (core/basemap/user-basemap.ts). */
export type OwnBasemap = NonNullable<Output<'basemap.get'>['own']>;
/** The source of the user's own file, when the map draws it instead of the dataset's tiles. */
export const OWN_SOURCE = 'basemap-own';

/** A 1x1 transparent PNG: what a raster basemap shows where the file has no tile. */
const EMPTY_PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

let registered = false;
/**
 * uia-tiles://{datasetId}/{z}/{x}/{y} -> the dataset's tile bytes (an empty tile outside it);
 * uia-tiles://own/{datasetId}/{z}/{x}/{y}?raster -> a tile of the user's own file.
 */
export function registerTileProtocol(): void {
  if (registered) return;
  registered = true;
  maplibregl.addProtocol(PROTOCOL, async (params) => {
    const m = /^uia-tiles:\/\/(own\/)?(\d+)\/(\d+)\/(\d+)\/(\d+)(\?raster)?$/.exec(params.url);
    if (!m) throw new Error(`not a basemap tile URL: ${params.url}`);
    const [datasetId, z, x, y] = m.slice(2, 6).map(Number) as [number, number, number, number];
    const bytes = await call('basemap.tile', { datasetId, z, x, y, source: m[1] ? 'own' : 'dataset' });
    // an image source cannot decode zero bytes: where the file has no tile, a transparent one
    const out = m[6] && bytes.byteLength === 0 ? EMPTY_PNG : bytes;
    return { data: out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer };
  });
}

/**
 * The name a label shows: the local `name` by default (what the street signs say), `name:xx`
 * first when a language is asked for.
 */
export function labelText(lang: string | null): ExpressionSpecification {
  return lang ? ['coalesce', ['get', `name:${lang}`], ['get', 'name']] : ['get', 'name'];
}

/** The language basemap labels are drawn in (null: the local name); styles made from now on use it. */
let labelLanguage: string | null = null;

/**
 * Sets the basemap label language from a plain language code ('pt', 'ar', 'uk'; OSM's `name:xx`
 * keys), falling back to the local name where a feature has none; null, '' or a code that is not
 * one draws the local name. Styles created afterwards use it, and `map`, if given, is relabelled
 * now. The interface language is wired into this elsewhere (issue 18).
 */
export function setLabelLanguage(lang: string | null = null, map?: maplibregl.Map): void {
  const code = lang?.trim().toLowerCase() ?? '';
  labelLanguage = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(code) ? code : null;
  if (!map) return;
  for (const l of map.getStyle().layers) {
    if (isBasemapLabel(l) && map.getLayoutProperty(l.id, 'text-field') !== undefined) map.setLayoutProperty(l.id, 'text-field', labelText(labelLanguage));
  }
}

export const getLabelLanguage = (): string | null => labelLanguage;

const fontOf = (font: unknown) => {
  const s = JSON.stringify(font ?? '');
  return s.includes('Italic') ? FONT_ITALIC : s.includes('Medium') || s.includes('Bold') ? FONT_MEDIUM : FONT_REGULAR;
};

type SymbolLayout = NonNullable<maplibregl.SymbolLayerSpecification['layout']>;

/** The Protomaps light layers for `source`, with ids prefixed, our fonts and label language, no icons. */
export function basemapLayers(lang: string | null = labelLanguage, source = BASEMAP_SOURCE): maplibregl.LayerSpecification[] {
  const out: maplibregl.LayerSpecification[] = [];
  for (const layer of protomapsLayers(source, namedFlavor('light'), { lang: lang ?? 'en' })) {
    // the map keeps its own background; buildings are drawn by the dataset layer (from these tiles)
    if (layer.id === 'background' || layer.id === 'buildings') continue;
    const id = BASEMAP_PREFIX + layer.id;
    if (layer.type !== 'symbol') { out.push({ ...layer, id }); continue; }
    const layout: SymbolLayout = { ...layer.layout };
    if ('icon-image' in layout) {
      if (!('text-field' in layout)) continue; // icon-only (shields, arrows)
      delete layout['icon-image'];
    }
    if ('text-field' in layout) layout['text-field'] = labelText(lang);
    layout['text-font'] = [fontOf(layout['text-font'])];
    // district names must stay readable over the density overlay: darker than the flavour's grey
    const paint = layer.id === 'places_subplace' ? { ...layer.paint, 'text-color': '#4d4d4d', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 } : layer.paint;
    out.push({ ...layer, id, layout, ...(paint ? { paint } : {}) });
  }
  return out;
}

/** Vector files in the Protomaps schema get its style; any other schema a plain one per layer. */
const PROTOMAPS_LAYERS = ['earth', 'roads'];

/** How the user's own file is drawn: as images, in the built-in (Protomaps) style, or in the plain grey style. */
export function ownBasemapStyle(own: OwnBasemap): 'raster' | 'protomaps' | 'plain' {
  return own.format !== 'pbf' ? 'raster' : PROTOMAPS_LAYERS.every((l) => own.vectorLayers.includes(l)) ? 'protomaps' : 'plain';
}

/** The plain style's colours (the legend shows them). */
export const OWN_PLAIN = { fill: '#d9d9d4', fillOutline: '#b5b5ad', line: '#8f8f87' } as const;

/** The layers that draw the user's own file: an image layer, the Protomaps style, or a plain grey style per vector layer. */
export function ownBasemapLayers(own: OwnBasemap, lang: string | null = labelLanguage): maplibregl.LayerSpecification[] {
  const style = ownBasemapStyle(own);
  if (style === 'raster') return [{ id: `${BASEMAP_PREFIX}own-raster`, type: 'raster', source: OWN_SOURCE }];
  if (style === 'protomaps') return basemapLayers(lang, OWN_SOURCE);
  const labelPaint = { 'text-color': '#444444', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 };
  const geom = (t: string): ExpressionSpecification => ['match', ['geometry-type'], [t, `Multi${t}`], true, false];
  return own.vectorLayers.flatMap((sourceLayer): maplibregl.LayerSpecification[] => {
    const base = { source: OWN_SOURCE, 'source-layer': sourceLayer };
    const id = `${BASEMAP_PREFIX}own-${sourceLayer}`;
    return [
      { ...base, id: `${id}-fill`, type: 'fill', filter: geom('Polygon'), paint: { 'fill-color': OWN_PLAIN.fill, 'fill-opacity': 0.6, 'fill-outline-color': OWN_PLAIN.fillOutline } },
      { ...base, id: `${id}-line`, type: 'line', filter: geom('LineString'), paint: { 'line-color': OWN_PLAIN.line, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 16, 2.5] } },
      { ...base, id: `${id}-label`, type: 'symbol', filter: ['all', ['has', 'name'], ['!', geom('LineString')]],
        layout: { 'text-field': labelText(lang), 'text-font': [FONT_REGULAR], 'text-size': 11, 'text-max-width': 8 }, paint: labelPaint },
      { ...base, id: `${id}-line-label`, type: 'symbol', filter: ['all', ['has', 'name'], geom('LineString')],
        layout: { 'text-field': labelText(lang), 'text-font': [FONT_REGULAR], 'text-size': 11, 'symbol-placement': 'line' }, paint: labelPaint },
    ];
  });
}

/**
 * Replaces the basemap sources and layers (dataset switch, own file added or switched); they go
 * under `beforeId`. The dataset's tiles stay as a source even under the user's own file: the
 * dataset's building layer draws from them.
 */
export function showBasemap(map: maplibregl.Map, datasetId: number, attribution: string, beforeId: string | undefined, own: OwnBasemap | null = null): void {
  // the dataset's building layer draws from these tiles too: it goes with them (showLayers adds it back)
  for (const l of map.getStyle().layers) if (l.id.startsWith(BASEMAP_PREFIX) || ('source' in l && (l.source === BASEMAP_SOURCE || l.source === OWN_SOURCE))) map.removeLayer(l.id);
  for (const id of [BASEMAP_SOURCE, OWN_SOURCE]) if (map.getSource(id)) map.removeSource(id);
  map.addSource(BASEMAP_SOURCE, { type: 'vector', tiles: [`${PROTOCOL}://${datasetId}/{z}/{x}/{y}`], minzoom: 0, maxzoom: 14, attribution });
  const before = beforeId && map.getLayer(beforeId) ? beforeId : map.getStyle().layers.find((l) => !l.id.startsWith(BASEMAP_PREFIX) && l.id !== 'background')?.id;
  const drawn = own?.active ? own : null;
  if (drawn) {
    const raster = drawn.format !== 'pbf';
    // the dataset's own credit stays on its source (the buildings come from it)
    const common = { minzoom: drawn.minZoom, maxzoom: drawn.maxZoom, attribution: drawn.attribution ?? drawn.name, ...(drawn.bounds ? { bounds: drawn.bounds } : {}) };
    const tiles = [`${PROTOCOL}://own/${datasetId}/{z}/{x}/{y}${raster ? '?raster' : ''}`];
    map.addSource(OWN_SOURCE, raster ? { type: 'raster', tiles, tileSize: 256, ...common } : { type: 'vector', tiles, ...common });
  }
  for (const l of drawn ? ownBasemapLayers(drawn) : basemapLayers()) map.addLayer(l, before);
}

/** Basemap label layers (drawn above the density overlay and building fills). */
export const isBasemapLabel = (l: { id: string; type: string }) => l.id.startsWith(BASEMAP_PREFIX) && l.type === 'symbol';
