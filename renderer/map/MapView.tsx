/**
 * The map: an offline maplibre style (no remote tiles, glyphs or sprites), the dataset's layers from
 * the API, and terra-draw for drawing, editing and deleting operation areas.
 */
import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import {
  TerraDraw, TerraDrawCircleMode, TerraDrawPolygonMode, TerraDrawRectangleMode, TerraDrawSelectMode,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { PolygonGeometry } from '../../core/model/dataset';
import type { Output } from '../../core/api/contract';
import { AREA_COLOUR, DENSITY_STOPS, PROTECTED_COLOUR, SECTOR_COLOURS } from './palette';

maplibregl.setWorkerUrl(workerUrl);

export type DrawMode = 'polygon' | 'rectangle' | 'circle' | 'select' | 'static';
export type Layers = Output<'datasets.layers'>;

const OFFLINE_STYLE: maplibregl.StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e9ecef' } }],
};

const editable = { feature: { draggable: true, coordinates: { midpoints: true, draggable: true, deletable: true } } };

export interface MapHandle { map: maplibregl.Map; draw: TerraDraw }

export function MapView(props: {
  layers: Layers | null;
  bbox: [number, number, number, number] | null;
  mode: DrawMode;
  onAreasChanged(areas: { id: string; geometry: PolygonGeometry }[], finishedId: string | null): void;
  onReady?(handle: MapHandle): void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const onAreasChanged = useRef(props.onAreasChanged);
  onAreasChanged.current = props.onAreasChanged;

  useEffect(() => {
    const map = new maplibregl.Map({ container: container.current!, style: OFFLINE_STYLE, center: [0, 0], zoom: 1, attributionControl: false, fadeDuration: 0 });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    map.on('load', () => {
      const draw = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map }),
        modes: [
          new TerraDrawPolygonMode({ styles: { fillColor: AREA_COLOUR, outlineColor: AREA_COLOUR, fillOpacity: 0.15, outlineWidth: 2 } }),
          new TerraDrawRectangleMode({ styles: { fillColor: AREA_COLOUR, outlineColor: AREA_COLOUR, fillOpacity: 0.15, outlineWidth: 2 } }),
          new TerraDrawCircleMode({ styles: { fillColor: AREA_COLOUR, outlineColor: AREA_COLOUR, fillOpacity: 0.15, outlineWidth: 2 } }),
          new TerraDrawSelectMode({ flags: { polygon: editable, rectangle: editable, circle: editable } }),
        ],
      });
      draw.start();
      const report = (finishedId: string | null) => {
        const areas = draw.getSnapshot()
          .filter((f) => f.geometry.type === 'Polygon' && !f.properties?.currentlyDrawing)
          .map((f) => ({ id: String(f.id), geometry: f.geometry as PolygonGeometry }));
        onAreasChanged.current(areas, finishedId);
      };
      draw.on('finish', (id) => report(String(id)));
      draw.on('change', (_ids, type) => { if (type === 'delete') report(null); });
      const h = { map, draw };
      setHandle(h);
      // Automation hook (end-to-end tests, scripted training): lon/lat -> map pixel.
      (window as unknown as { __uiaProject?: (p: [number, number]) => { x: number; y: number } }).__uiaProject = (p) => map.project(p);
      props.onReady?.(h);
    });
    return () => { setHandle(null); map.remove(); };
    // The map lives as long as the component.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Dataset layers: replaced whole when the dataset changes.
  useEffect(() => {
    const h = handle;
    if (!h || !props.layers) return;
    container.current!.dataset.ready = 'false';
    showLayers(h.map, props.layers);
    if (props.bbox) h.map.fitBounds([[props.bbox[0], props.bbox[1]], [props.bbox[2], props.bbox[3]]], { padding: 30, duration: 0 });
    h.map.once('idle', () => { container.current!.dataset.ready = 'true'; });
  }, [props.layers, props.bbox, handle]);

  useEffect(() => {
    const h = handle;
    if (!h) return;
    h.draw.setMode(props.mode === 'static' ? 'static' : props.mode);
  }, [props.mode, handle]);

  return <div ref={container} className="map" data-testid="map" />;
}

const LAYER_IDS = ['units-fill', 'buildings-fill', 'dependencies-line', 'protected-ring', 'facilities-circle'];

function showLayers(map: maplibregl.Map, layers: Layers) {
  const beforeDraw = map.getStyle().layers.find((l) => l.id.startsWith('td-'))?.id;
  for (const id of LAYER_IDS) if (map.getLayer(id)) map.removeLayer(id);
  for (const id of ['units', 'buildings', 'facilities', 'protected', 'dependencies']) if (map.getSource(id)) map.removeSource(id);
  map.addSource('units', { type: 'geojson', data: layers.populationUnits as never });
  map.addSource('buildings', { type: 'geojson', data: layers.buildings as never });
  map.addSource('facilities', { type: 'geojson', data: layers.facilities as never });
  map.addSource('protected', { type: 'geojson', data: layers.protectedSites as never });
  map.addSource('dependencies', { type: 'geojson', data: layers.dependencies as never });
  map.addLayer({
    id: 'units-fill', type: 'fill', source: 'units',
    paint: { 'fill-color': ['interpolate', ['linear'], ['get', 'densityPerKm2'], ...DENSITY_STOPS.flat()] as never, 'fill-opacity': 0.55 },
  }, beforeDraw);
  map.addLayer({
    id: 'buildings-fill', type: 'fill', source: 'buildings', minzoom: 12,
    paint: { 'fill-color': '#5f6368', 'fill-opacity': 0.45, 'fill-outline-color': '#3c4043' },
  }, beforeDraw);
  map.addLayer({
    id: 'dependencies-line', type: 'line', source: 'dependencies', layout: { visibility: 'none' },
    paint: { 'line-color': ['match', ['get', 'input'], 'power', SECTOR_COLOURS.power, 'water', SECTOR_COLOURS.water, SECTOR_COLOURS.communications] as never, 'line-width': 1.2, 'line-dasharray': [2, 1] },
  }, beforeDraw);
  map.addLayer({
    id: 'protected-ring', type: 'circle', source: 'protected',
    paint: { 'circle-radius': 4, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': PROTECTED_COLOUR, 'circle-stroke-width': 1.5 },
  }, beforeDraw);
  map.addLayer({
    id: 'facilities-circle', type: 'circle', source: 'facilities',
    paint: {
      'circle-radius': ['match', ['get', 'kind'], ['hospital', 'plant', 'treatment_plant', 'wastewater_plant', 'exchange'], 7, 5] as never,
      'circle-color': ['match', ['get', 'sector'], ...Object.entries(SECTOR_COLOURS).flat(), '#888'] as never,
      'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5,
    },
  }, beforeDraw);
}
