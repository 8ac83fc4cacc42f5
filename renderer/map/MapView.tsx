/**
 * The map: an offline maplibre style (no remote tiles, glyphs or sprites), the dataset's layers from
 * the API, zone rings, the outage overlay, and terra-draw for drawing, editing and deleting areas.
 * The workspace state is the truth: terra-draw reports edits to it and is redrawn from it (undo).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import {
  TerraDraw, TerraDrawCircleMode, TerraDrawPolygonMode, TerraDrawRectangleMode, TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { PolygonGeometry } from '../../core/model/dataset';
import type { Output } from '../../core/api/contract';
import type { AreaShape } from '../workspace/store';
import { AREA_COLOUR, DENSITY_STOPS, PROTECTED_COLOUR, SECTOR_COLOURS } from './palette';
import { facilityPopupHtml } from './popup';
import { addSectorIcons } from './icons';
import { EMPTY_OUTCOMES, OUTCOME_SOURCE, outcomeLayers, type OutcomeMap } from '../postop/outcome-map';
import type { RevealedMap } from '../training/phases';
import type { Feature, FeatureCollection } from 'geojson';
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import { BASEMAP_SOURCE, isBasemapLabel, registerTileProtocol, setLabelLanguage, showBasemap, type OwnBasemap } from './basemap';
import { isLanguage } from '../../core/i18n/languages';
import type { Locale } from '../../core/i18n/locale';
import { useLocale } from '../i18n';
import { fontFaces } from './fonts';
import { registerPrintMap } from './print-map';
import { LayerToggles, labelLayers, protectedPopupHtml, areaLabels, HIGHLIGHT_SOURCE } from './labels';
import { renderHold, type RenderHold } from './render-hold';

maplibregl.setWorkerUrl(workerUrl);
registerTileProtocol();

export type DrawMode = AreaShape | 'select' | 'static';
export type Layers = Output<'datasets.layers'>;
export interface DrawnShape { id: string; shape: AreaShape; geometry: PolygonGeometry }

const OFFLINE_STYLE: maplibregl.StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e9ecef' } }],
  'font-faces': fontFaces(),
};
const editable = { feature: { draggable: true, coordinates: { midpoints: true, draggable: true, deletable: true } } };
const drawStyle = { fillColor: AREA_COLOUR, outlineColor: AREA_COLOUR, fillOpacity: 0.12, outlineWidth: 2 } as const;

export function MapView(props: {
  layers: Layers | null;
  bbox: [number, number, number, number] | null;
  mode: DrawMode;
  areas: DrawnShape[];
  zones: FeatureCollection;
  /** Probability each facility is down, for the outage overlay. */
  outages: Record<string, number>;
  flyTo: { lonLat: [number, number]; at: number } | null;
  /** Post-operation hits / misses / false alarms, or null. */
  /** A comparison's hits and misses, or a training phase's revealed damage (renderer/training/phases.ts). */
  outcomes: OutcomeMap | RevealedMap | null;
  /** When set, the next map click is handed over (with the facility under the pointer, if any). */
  onPick: ((pick: { lonLat: [number, number]; facilityId: string | null }) => void) | null;
  onDrawn(areas: DrawnShape[]): void;
  /** The dataset whose basemap tiles are drawn, and the attribution of its sources. */
  basemap?: { datasetId: number; attribution: string; own?: OwnBasemap | null } | null;
  /** Drawn area id -> its name, for the labels on the map. */
  areaNames?: Record<string, string>;
  /**
   * True while a live estimate is computed: the map draws no frame until its figures are on screen
   * (renderer/map/render-hold.ts; each frame costs hundreds of milliseconds of the main thread under
   * software WebGL), and the outage overlay, which comes from the estimate, waits for it.
   */
  estimating?: boolean;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<{ map: maplibregl.Map; draw: TerraDraw; frames: RenderHold } | null>(null);
  const onDrawn = useRef(props.onDrawn);
  onDrawn.current = props.onDrawn;
  const layersRef = useRef<Layers | null>(null);
  const applying = useRef(false);
  const framed = useRef<string | null>(null);
  const onPick = useRef(props.onPick);
  onPick.current = props.onPick;
  const sourceRef = useRef(props.basemap?.attribution ?? '');
  sourceRef.current = props.basemap?.attribution ?? '';
  const basemapOf = useRef<string | null>(null);
  const loc = useLocale();
  const locRef = useRef(loc);
  locRef.current = loc;
  // Basemap names in the reader's language where the tiles have name:xx, the local name otherwise (styles made from now on).
  setLabelLanguage(isLanguage(loc.lang) ? loc.lang : null);

  useEffect(() => {
    // preserveDrawingBuffer: the report captures the map canvas as an image.
    const map = new maplibregl.Map({ container: container.current!, style: OFFLINE_STYLE, center: [0, 0], zoom: 1, attributionControl: false, fadeDuration: 0, canvasContextAttributes: { preserveDrawingBuffer: true }, locale: mapStrings(locRef.current) });
    map.on('load', async () => {
      addOverlaySources(map);
      await addSectorIcons(map).catch(() => undefined); // without icons the circles below still show sectors
      const draw = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map }),
        modes: [
          new TerraDrawPolygonMode({ styles: drawStyle }),
          new TerraDrawRectangleMode({ styles: drawStyle }),
          new TerraDrawCircleMode({ styles: drawStyle }),
          new TerraDrawSelectMode({ flags: { polygon: editable, rectangle: editable, circle: editable } }),
        ],
      });
      draw.start();
      // Redrawing from the workspace (clear + add) must not echo back as a user edit.
      const report = () => { if (!applying.current) onDrawn.current(snapshotAreas(draw)); };
      draw.on('finish', report);
      draw.on('change', (_ids, type) => { if (type === 'delete') report(); });
      const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, maxWidth: '320px' });
      map.on('mousemove', 'facilities-circle', (e) => {
        const f = e.features?.[0];
        if (!f || !layersRef.current) return;
        map.getCanvas().style.cursor = 'pointer';
        popup.setLngLat(e.lngLat).setHTML(facilityPopupHtml(String(f.properties.id), layersRef.current, locRef.current)).addTo(map);
      });
      map.on('mouseleave', 'facilities-circle', () => { map.getCanvas().style.cursor = ''; popup.remove(); });
      map.on('mousemove', 'protected-ring', (e) => {
        const f = e.features?.[0];
        if (!f || map.queryRenderedFeatures(e.point, { layers: ['facilities-circle'] }).length) return;
        map.getCanvas().style.cursor = 'pointer';
        popup.setLngLat(e.lngLat).setHTML(protectedPopupHtml(siteOf(f.properties), sourceRef.current, locRef.current)).addTo(map);
      });
      map.on('mouseleave', 'protected-ring', () => { map.getCanvas().style.cursor = ''; popup.remove(); });
      map.on('click', (e) => {
        const pick = onPick.current;
        if (!pick) return;
        const hit = map.getLayer('facilities-circle') ? map.queryRenderedFeatures(e.point, { layers: ['facilities-circle'] })[0] : undefined;
        pick({ lonLat: [e.lngLat.lng, e.lngLat.lat], facilityId: hit ? String(hit.properties.id) : null });
      });
      // Automation hook (end-to-end tests, scripted training): lon/lat -> map pixel.
      (window as unknown as { __uiaProject?: (p: [number, number]) => { x: number; y: number } }).__uiaProject = (p) => map.project(p);
      // ... the properties of what given layers draw now (e.g. the revealed damage of a training phase)
      (window as unknown as { __uiaRendered?: unknown }).__uiaRendered = (layers: string[]) => map.queryRenderedFeatures({ layers: layers.filter((l) => map.getLayer(l)) }).map((f) => f.properties);
      // ... and the names drawn by given label layers, after moving the camera (basemap tests)
      (window as unknown as { __uiaLabels?: unknown }).__uiaLabels = async (center: [number, number], zoom: number, layers: string[]) => {
        map.jumpTo({ center, zoom });
        await new Promise((r) => map.once('idle', r));
        return map.queryRenderedFeatures({ layers: layers.filter((l) => map.getLayer(l)) }).map((f) => `${f.layer.id}|${String(f.properties.name ?? '')}`);
      };
      registerPrintMap(map);
      setHandle({ map, draw, frames: renderHold(map) });
    });
    return () => { setHandle(null); registerPrintMap(null); map.remove(); };
  }, []);

  // Controls in the reader's language, on the mirrored side in right-to-left languages (re-added when the language changes).
  useEffect(() => {
    if (!handle) return;
    const { map } = handle;
    const start = loc.dir === 'rtl' ? 'right' : 'left', end = loc.dir === 'rtl' ? 'left' : 'right';
    // maplibre reads its UI strings when a control is added: set them before adding (no public setter).
    (map as unknown as { _locale: Record<string, string> })._locale = { ...(map as unknown as { _locale: Record<string, string> })._locale, ...mapStrings(loc) };
    const controls: [maplibregl.IControl, maplibregl.ControlPosition][] = [
      [new maplibregl.AttributionControl({ compact: false }), `bottom-${end}`],
      [new LayerToggles(loc), `top-${start}`],
      [new maplibregl.NavigationControl({ showCompass: false }), `top-${end}`],
      [new maplibregl.ScaleControl({ unit: 'metric' }), `bottom-${end}`],
    ];
    for (const [c, at] of controls) map.addControl(c, at);
    // Data sources' names and licences: never translated.
    container.current!.querySelector('.maplibregl-ctrl-attrib')?.setAttribute('translate', 'no');
    LayerToggles.apply(map);
    return () => { for (const [c] of controls) if (map.hasControl(c)) map.removeControl(c); };
  }, [handle, loc]);

  // The basemap already drawn is relabelled when the language changes.
  useEffect(() => { if (handle) setLabelLanguage(isLanguage(loc.lang) ? loc.lang : null, handle.map); }, [handle, loc.lang]);

  // Dataset layers: replaced whole when the dataset changes.
  useEffect(() => {
    if (!handle || !props.layers) return;
    layersRef.current = props.layers;
    container.current!.dataset.ready = 'false';
    // redrawn when the dataset changes, or its own basemap file is added, switched or removed
    const own = props.basemap?.own ?? null;
    const key = props.basemap && `${props.basemap.datasetId}:${own ? `${own.addedAt}:${own.active}` : 'built-in'}`;
    if (props.basemap && key && basemapOf.current !== key) {
      basemapOf.current = key;
      showBasemap(handle.map, props.basemap.datasetId, props.basemap.attribution, handle.map.getStyle().layers.find((l) => !l.id.startsWith('basemap-') && l.id !== 'background')?.id, own);
    }
    showLayers(handle.map, props.layers);
    // street and place names stay readable above the density overlay and building fills
    // the density overlay and buildings under the streets, street and place names above both
    const style = handle.map.getStyle().layers;
    const firstRoad = style.find((l) => l.id.startsWith('basemap-roads_'))?.id;
    if (firstRoad) for (const id of ['units-fill', 'buildings-fill']) handle.map.moveLayer(id, firstRoad);
    for (const l of style) if (isBasemapLabel(l)) handle.map.moveLayer(l.id, 'zones-fill');
    LayerToggles.apply(handle.map);
    // Frame the dataset when it changes, not on every reload after an edit.
    const frame = JSON.stringify(props.bbox);
    if (props.bbox && frame !== framed.current) {
      framed.current = frame;
      handle.map.fitBounds([[props.bbox[0], props.bbox[1]], [props.bbox[2], props.bbox[3]]], { padding: 30, duration: 0 });
    }
    handle.map.once('idle', () => { container.current!.dataset.ready = 'true'; });
  }, [props.layers, props.bbox, props.basemap, handle]);

  const estimating = props.estimating ?? false;
  // While an estimate is on its way the map draws no frame: the answer is read and its figures
  // painted first, then the map draws once (the new area, its zones and labels), after that frame.
  useEffect(() => {
    if (!handle) return;
    if (estimating) { handle.frames.hold(); return; }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => { timer = setTimeout(handle.frames.release, 0); });
    return () => { cancelAnimationFrame(frame); clearTimeout(timer); };
  }, [estimating, handle]);
  const labels = useMemo(() => areaLabels(props.areas, props.areaNames ?? {}), [props.areas, props.areaNames]);
  useOverlay(handle?.map, 'area-labels', labels, false);

  // While the editing panel waits for a pick, drawing pauses so the click is not a vertex.
  useEffect(() => { handle?.draw.setMode(props.onPick ? 'static' : props.mode); }, [props.mode, props.onPick, handle]);

  useEffect(() => {
    if (!handle) return;
    (handle.map.getSource(OUTCOME_SOURCE) as maplibregl.GeoJSONSource | undefined)?.setData((props.outcomes ?? EMPTY_OUTCOMES));
  }, [props.outcomes, handle]);

  // Workspace -> terra-draw, when they differ (undo/redo, restore on start, dataset switch).
  useEffect(() => {
    if (!handle) return;
    const drawn = snapshotAreas(handle.draw);
    if (JSON.stringify(drawn) === JSON.stringify(props.areas)) return;
    applying.current = true;
    try {
      handle.draw.clear();
      if (props.areas.length) {
        handle.draw.addFeatures(props.areas.map((a): GeoJSONStoreFeatures => ({ type: 'Feature', id: a.id, geometry: a.geometry, properties: { mode: a.shape } })));
      }
    } finally {
      applying.current = false;
    }
  }, [props.areas, handle]);

  useOverlay(handle?.map, 'zones', props.zones, false);

  const outageFeatures = useMemo(() => (props.layers ? {
    type: 'FeatureCollection' as const,
    features: props.layers.facilities.features.flatMap((f) => {
      const id = String((f.properties as { id: string }).id);
      const p = props.outages[id] ?? 0;
      return p >= 0.05 ? [{ ...asFeature(f), properties: { id, pDown: p } }] : [];
    }),
  } : null), [props.outages, props.layers]);
  useOverlay(handle?.map, 'outages', outageFeatures, estimating);

  useEffect(() => {
    if (!handle || !props.flyTo) return;
    handle.map.flyTo({ center: props.flyTo.lonLat, zoom: Math.max(handle.map.getZoom(), 16), duration: 600 });
    // "Show on map": ring what was asked for, so it is found among its neighbours
    (handle.map.getSource(HIGHLIGHT_SOURCE) as maplibregl.GeoJSONSource | undefined)?.setData({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: props.flyTo.lonLat } });
  }, [props.flyTo, handle]);

  return <div ref={container} className="map" data-testid="map" />;
}

/**
 * The API's layer collections carry features as plain records (zod checks them loosely): they are
 * GeoJSON features built by core/api/handlers.ts layersOf, typed as such for maplibre here.
 */
const asFeature = (f: Record<string, unknown>) => f as unknown as Feature;
const asCollection = (fc: { type: 'FeatureCollection'; features: Record<string, unknown>[] }): FeatureCollection => ({ type: 'FeatureCollection', features: fc.features.map(asFeature) });

/** A protected site's hover-card fields from a rendered feature's properties. */
function siteOf(p: Record<string, unknown>) {
  return { id: String(p.id ?? ''), name: String(p.name ?? ''), category: String(p.category ?? ''), capacity: typeof p.capacity === 'number' ? p.capacity : null };
}

/** Facility colour by sector, from the palette (one pair per sector of core/model/dataset.ts SECTORS). */
const C = SECTOR_COLOURS;
const SECTOR_COLOUR: ExpressionSpecification = ['match', ['get', 'sector'], 'water', C.water, 'power', C.power, 'health', C.health, 'sanitation', C.sanitation, 'communications', C.communications, '#888'];

/**
 * One GeoJSON overlay source kept equal to `data`: set only when its content changed (every setData
 * re-tiles the source in maplibre's worker and redraws the map), not while `paused`, and after the
 * next paint, so what React committed with the change (the estimate's figures) is drawn first.
 */
function useOverlay(map: maplibregl.Map | undefined, sourceId: string, data: GeoJSON.GeoJSON | null, paused: boolean) {
  const shown = useRef<{ map: maplibregl.Map; json: string } | null>(null);
  useEffect(() => {
    if (!map || !data || paused) return;
    const json = JSON.stringify(data);
    if (shown.current?.map === map && shown.current.json === json) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        (map.getSource(sourceId) as maplibregl.GeoJSONSource | undefined)?.setData(data);
        shown.current = { map, json };
      }, 0);
    });
    return () => { cancelAnimationFrame(frame); clearTimeout(timer); };
  }, [map, sourceId, data, paused]);
}

/** maplibre's own words (control titles, scale units) from the ui catalogue. */
function mapStrings(loc: Locale): Record<string, string> {
  const t = loc.t;
  return {
    'NavigationControl.ZoomIn': t('ui:map.controls.zoomIn'), 'NavigationControl.ZoomOut': t('ui:map.controls.zoomOut'),
    'NavigationControl.ResetBearing': t('ui:map.controls.resetBearing'), 'AttributionControl.ToggleAttribution': t('ui:map.controls.toggleAttribution'),
    'Popup.Close': t('ui:map.controls.closePopup'), 'Map.Title': t('ui:map.controls.map'),
    'ScaleControl.Meters': t('ui:map.controls.metres'), 'ScaleControl.Kilometers': t('ui:map.controls.kilometres'),
  };
}

function snapshotAreas(draw: TerraDraw): DrawnShape[] {
  return draw.getSnapshot()
    .filter((f) => f.geometry.type === 'Polygon' && !f.properties?.currentlyDrawing)
    .map((f) => ({ id: String(f.id), shape: (['rectangle', 'circle'].includes(String(f.properties?.mode)) ? f.properties!.mode : 'polygon') as AreaShape, geometry: f.geometry as PolygonGeometry }));
}

function addOverlaySources(map: maplibregl.Map) {
  map.addSource('zones', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addSource('outages', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addSource(OUTCOME_SOURCE, { type: 'geojson', data: EMPTY_OUTCOMES });
  map.addSource('area-labels', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addSource(HIGHLIGHT_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
}

const DATA_LAYERS = [...outcomeLayers().map((l) => l.id), ...labelLayers().map((l) => l.id), 'facilities-icon', 'units-fill', 'buildings-fill', 'zones-fill', 'zones-line', 'dependencies-line', 'outage-halo', 'protected-ring', 'facilities-circle'];

function showLayers(map: maplibregl.Map, layers: Layers) {
  const beforeDraw = map.getStyle().layers.find((l) => l.id.startsWith('td-'))?.id;
  for (const id of DATA_LAYERS) if (map.getLayer(id)) map.removeLayer(id);
  for (const id of ['units', 'facilities', 'protected', 'dependencies']) if (map.getSource(id)) map.removeSource(id);
  map.addSource('units', { type: 'geojson', data: asCollection(layers.populationUnits) });
  map.addSource('facilities', { type: 'geojson', data: asCollection(layers.facilities) });
  map.addSource('protected', { type: 'geojson', data: asCollection(layers.protectedSites) });
  map.addSource('dependencies', { type: 'geojson', data: asCollection(layers.dependencies) });
  const add = (layer: maplibregl.LayerSpecification) => map.addLayer(layer, beforeDraw);
  add({ id: 'units-fill', type: 'fill', source: 'units', paint: { 'fill-color': ['interpolate', ['linear'], ['get', 'densityPerKm2'], ...DENSITY_STOPS.flat()], 'fill-opacity': 0.5 } });
  // buildings from the dataset's basemap tiles (one GeoJSON source of every building does not scale)
  if (map.getSource(BASEMAP_SOURCE)) add({ id: 'buildings-fill', type: 'fill', source: BASEMAP_SOURCE, 'source-layer': 'buildings', minzoom: 12, paint: { 'fill-color': '#5f6368', 'fill-opacity': 0.45, 'fill-outline-color': '#3c4043' } });
  add({ id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': AREA_COLOUR, 'fill-opacity': 0.05 } });
  add({ id: 'zones-line', type: 'line', source: 'zones', paint: { 'line-color': AREA_COLOUR, 'line-width': 1.5, 'line-dasharray': [4, 2] } });
  add({
    id: 'dependencies-line', type: 'line', source: 'dependencies', layout: { visibility: 'none' },
    paint: { 'line-color': ['match', ['get', 'input'], 'power', SECTOR_COLOURS.power, 'water', SECTOR_COLOURS.water, SECTOR_COLOURS.communications], 'line-width': 1.2, 'line-dasharray': [2, 1] },
  });
  add({ id: 'outage-halo', type: 'circle', source: 'outages', paint: { 'circle-radius': ['+', 8, ['*', 14, ['get', 'pDown']]], 'circle-color': '#d62728', 'circle-opacity': ['*', 0.6, ['get', 'pDown']], 'circle-stroke-color': '#d62728', 'circle-stroke-width': 1 } });
  add({
    id: 'protected-ring', type: 'circle', source: 'protected',
    paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 16, 6], 'circle-color': '#ffffff', 'circle-stroke-color': PROTECTED_COLOUR, 'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 12, 1, 16, 2] },
  });
  for (const l of outcomeLayers()) if (!map.getLayer(l.id)) add(l as maplibregl.LayerSpecification);
  const major = ['hospital', 'plant', 'treatment_plant', 'wastewater_plant', 'exchange'];
  const icons = map.hasImage('icon-water');
  // The circle layer is also the hit target for hover and picks; with icons it is drawn transparent.
  add({
    id: 'facilities-circle', type: 'circle', source: 'facilities',
    paint: {
      'circle-radius': ['match', ['get', 'kind'], major, 9, 7],
      'circle-color': SECTOR_COLOUR,
      'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
      'circle-opacity': icons ? 0 : 1, 'circle-stroke-opacity': icons ? 0 : 1,
    },
  });
  if (icons) {
    add({
      id: 'facilities-icon', type: 'symbol', source: 'facilities',
      layout: {
        'icon-image': ['concat', 'icon-', ['get', 'sector']],
        'icon-size': ['interpolate', ['linear'], ['zoom'], 12, ['match', ['get', 'kind'], major, 0.75, 0.55], 16, ['match', ['get', 'kind'], major, 1.1, 0.85]],
        'icon-allow-overlap': true, 'icon-ignore-placement': true,
      },
    });
  }
  for (const l of labelLayers()) add(l);
}

export function setDependenciesVisible(map: maplibregl.Map, visible: boolean) {
  if (map.getLayer('dependencies-line')) map.setLayoutProperty('dependencies-line', 'visibility', visible ? 'visible' : 'none');
}
