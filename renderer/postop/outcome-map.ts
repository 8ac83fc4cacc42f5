/**
 * The hits / misses / false alarms of the last comparison, for a map layer the app places
 * (App.tsx / MapView). PostopPanel publishes here; the map subscribes:
 *
 *   const outcomes = useOutcomeMap((s) => s.map);
 *   // once: map.addSource(OUTCOME_SOURCE, { type: 'geojson', data: EMPTY });
 *   //       for (const l of outcomeLayers()) map.addLayer(l);
 *   // on change: (map.getSource(OUTCOME_SOURCE) as GeoJSONSource).setData(outcomes ?? EMPTY);
 *
 * Colours: Okabe-Ito (colour-blind safe); facilities are drawn larger with a dark ring.
 */
import { create } from 'zustand';
import type { Comparison, MapOutcome } from '../../core/postop/compare';

export type OutcomeMap = Comparison['map'];
export const OUTCOME_SOURCE = 'postop-outcomes';
export const EMPTY_OUTCOMES: OutcomeMap = { type: 'FeatureCollection', features: [] };

export const OUTCOME_COLOURS: Record<MapOutcome, string> = { hit: '#009E73', miss: '#D55E00', falseAlarm: '#E69F00' };
export const OUTCOME_LABELS: Record<MapOutcome, string> = {
  hit: 'Hit: predicted and observed', miss: 'Miss: observed, not predicted', falseAlarm: 'False alarm: predicted, not observed',
};

interface OutcomeState {
  /** Outcome points of the comparison on screen, or null when none is shown. */
  map: OutcomeMap | null;
  operationId: number | null;
  setOutcomes(operationId: number | null, map: OutcomeMap | null): void;
}

export const useOutcomeMap = create<OutcomeState>((set) => ({
  map: null, operationId: null,
  setOutcomes: (operationId, map) => set({ operationId, map }),
}));

/** maplibre layer specifications (plain objects) for the outcome source. */
export function outcomeLayers(source = OUTCOME_SOURCE) {
  const colour = ['match', ['get', 'outcome'], 'hit', OUTCOME_COLOURS.hit, 'miss', OUTCOME_COLOURS.miss, OUTCOME_COLOURS.falseAlarm];
  return [
    {
      id: `${source}-buildings`, type: 'circle' as const, source, filter: ['==', ['get', 'kind'], 'building'],
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 2, 17, 6], 'circle-color': colour, 'circle-opacity': 0.85, 'circle-stroke-width': 0.5, 'circle-stroke-color': '#fff' },
    },
    {
      id: `${source}-facilities`, type: 'circle' as const, source, filter: ['==', ['get', 'kind'], 'facility'],
      paint: { 'circle-radius': 8, 'circle-color': colour, 'circle-stroke-width': 2, 'circle-stroke-color': '#000' },
    },
  ];
}

/** Counts by outcome and kind, for a legend. */
export function outcomeCounts(map: OutcomeMap | null): Record<'building' | 'facility', Record<MapOutcome, number>> {
  const zero = () => ({ hit: 0, miss: 0, falseAlarm: 0 });
  const out = { building: zero(), facility: zero() };
  for (const f of map?.features ?? []) out[f.properties.kind][f.properties.outcome]++;
  return out;
}
