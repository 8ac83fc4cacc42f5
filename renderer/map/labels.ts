/**
 * Names on the map and the layer switches: facility and protected-site names at the zooms where
 * they fit, drawn areas labelled with their names, the "Show on map" highlight, the protected-site
 * hover card, and a control that toggles the density overlay (with its opacity) and the dependency lines.
 */
import * as maplibregl from 'maplibre-gl';
import { AREA_COLOUR } from './palette';
import { FONT_MEDIUM, FONT_REGULAR } from './fonts';
import { formatCount } from '../../core/model/format';
import type { Locale } from '../../core/i18n/locale';
import { labelsFor } from '../../core/report/labels';
import type { ProtectedCategory } from '../../core/model/dataset';
import { escape, figure, userText } from './popup';

export const HIGHLIGHT_SOURCE = 'highlight';
const halo = { 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 } as const;

export function labelLayers(): maplibregl.LayerSpecification[] {
  return [
    {
      id: 'facilities-label', type: 'symbol', source: 'facilities',
      // hospitals and plants from z13, the rest from z15, where they no longer crowd
      filter: ['any', ['>=', ['zoom'], 15], ['match', ['get', 'kind'], ['hospital', 'plant', 'treatment_plant', 'wastewater_plant'], true, false]],
      minzoom: 13,
      layout: { 'text-field': ['get', 'name'], 'text-font': [FONT_MEDIUM], 'text-size': 11, 'text-offset': [0, 1.2], 'text-anchor': 'top', 'text-max-width': 9, 'text-optional': true },
      paint: { 'text-color': '#3c1f0a', ...halo },
    },
    {
      id: 'protected-label', type: 'symbol', source: 'protected', minzoom: 15,
      filter: ['!=', ['get', 'name'], ''],
      layout: { 'text-field': ['get', 'name'], 'text-font': [FONT_REGULAR], 'text-size': 10.5, 'text-offset': [0, 0.9], 'text-anchor': 'top', 'text-max-width': 9 },
      paint: { 'text-color': '#222222', ...halo },
    },
    {
      id: 'area-label', type: 'symbol', source: 'area-labels',
      // always shown, and the names beneath it (streets, districts, sites) give way to it
      layout: { 'text-field': ['get', 'name'], 'text-font': [FONT_MEDIUM], 'text-size': 13, 'text-allow-overlap': true, 'text-ignore-placement': false },
      paint: { 'text-color': AREA_COLOUR, ...halo, 'text-halo-width': 2 },
    },
    {
      id: 'highlight-ring', type: 'circle', source: HIGHLIGHT_SOURCE,
      paint: { 'circle-radius': 18, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ff7f0e', 'circle-stroke-width': 4 },
    },
  ];
}

/** One label point per drawn area, at the middle of its box, carrying the area's name. */
export function areaLabels(areas: { id: string; geometry: { coordinates: number[][][] } }[], names: Record<string, string>) {
  return {
    type: 'FeatureCollection' as const,
    features: areas.filter((a) => names[a.id]).map((a) => {
      const ring = a.geometry.coordinates[0]!;
      const xs = ring.map((p) => p[0]!), ys = ring.map((p) => p[1]!);
      return { type: 'Feature' as const, properties: { id: a.id, name: names[a.id] }, geometry: { type: 'Point' as const, coordinates: [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2] } };
    }),
  };
}

/** The protected-site hover card: kind, name, people present, source. */
export function protectedPopupHtml(p: { id: string; name: string; category: string; capacity?: number | null }, datasetSource: string, loc: Locale): string {
  const t = loc.t;
  // OSM ids end in node/123, way/123 or relation/123: the object a planner can look up (an identifier, never translated)
  const osm = /(node|way|relation)\/(\d+)$/.exec(p.id);
  const source = osm ? userText(`OpenStreetMap ${osm[1]} ${osm[2]}`) : datasetSource ? userText(datasetSource) : escape(t('ui:map.popup.dataset'));
  const present = p.capacity != null && p.capacity > 0 ? figure(formatCount(p.capacity, loc)) : escape(t('ui:map.popup.notRecorded'));
  return `<div class="popup" data-testid="protected-card"><strong>${p.name ? userText(p.name) : escape(t('ui:map.popup.unnamed'))}</strong>
    <div class="muted">${escape(labelsFor(loc).category[p.category as ProtectedCategory] ?? p.category)} · ${escape(t('ui:map.popup.protectedSite'))}</div>
    <div>${escape(t('ui:map.popup.present'))} ${present}</div>
    <div class="muted">${escape(t('ui:map.popup.source'))} ${source}</div></div>`;
}

/** Density overlay (on/off, opacity) and dependency lines (on/off), as a map control. */
export class LayerToggles implements maplibregl.IControl {
  static state = { density: true, densityOpacity: 0.35, dependencies: false };
  private el?: HTMLElement;
  constructor(private readonly loc: Locale) {}

  /** Puts the current switches on the map's layers (after they are re-added). */
  static apply(map: maplibregl.Map): void {
    const s = LayerToggles.state;
    if (map.getLayer('units-fill')) {
      map.setLayoutProperty('units-fill', 'visibility', s.density ? 'visible' : 'none');
      map.setPaintProperty('units-fill', 'fill-opacity', s.densityOpacity);
    }
    if (map.getLayer('dependencies-line')) map.setLayoutProperty('dependencies-line', 'visibility', s.dependencies ? 'visible' : 'none');
  }

  onAdd(map: maplibregl.Map): HTMLElement {
    const s = LayerToggles.state;
    const el = document.createElement('div');
    el.className = 'maplibregl-ctrl maplibregl-ctrl-group layer-toggles';
    const t = this.loc.t, say = (key: Parameters<typeof t>[0]) => escape(t(key as 'ui:map.toggles.density'));
    el.innerHTML = `<label><input type="checkbox" data-testid="toggle-density" ${s.density ? 'checked' : ''}/> ${say('ui:map.toggles.density')}</label>
      <label class="opacity">${say('ui:map.toggles.opacity')} <input type="range" min="0.1" max="0.9" step="0.05" value="${s.densityOpacity}" data-testid="density-opacity" aria-label="${say('ui:map.toggles.densityOpacity')}"/></label>
      <label><input type="checkbox" data-testid="toggle-dependencies" ${s.dependencies ? 'checked' : ''}/> ${say('ui:map.toggles.dependencies')}</label>`;
    const [density, opacity, deps] = ['toggle-density', 'density-opacity', 'toggle-dependencies'].map((id) => el.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!);
    density!.onchange = () => { s.density = density!.checked; LayerToggles.apply(map); };
    opacity!.oninput = () => { s.densityOpacity = Number(opacity!.value); LayerToggles.apply(map); };
    deps!.onchange = () => { s.dependencies = deps!.checked; LayerToggles.apply(map); };
    this.el = el;
    return el;
  }

  onRemove(): void { this.el?.remove(); }
}
