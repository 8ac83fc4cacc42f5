/**
 * The hits / misses / false alarms of the last comparison, for a map layer the app places
 * (App.tsx / MapView). PostopPanel publishes here; the map subscribes:
 *
 *   const outcomes = useOutcomeMap((s) => s.map);
 *   // once: map.addSource(OUTCOME_SOURCE, { type: 'geojson', data: EMPTY });
 *   //       for (const l of outcomeLayers()) map.addLayer(l);
 *   // on change: (map.getSource(OUTCOME_SOURCE) as GeoJSONSource).setData(outcomes ?? EMPTY);
 *
 * While an operation is reviewed, its areas and zones replace the working option's on the map
 * (`reviewed`; App.tsx passes them to MapView on the After action tab).
 *
 * Colours: Okabe-Ito (colour-blind safe); facilities are drawn larger with a dark ring.
 */
import { create } from 'zustand';
import type { Comparison, MapOutcome } from '../../core/postop/compare';
import type { PolygonGeometry } from '../../core/model/dataset';
import type { EffectProfile, Operation } from '../../core/model/operation';
import { zoneFeatures } from '../map/zones';
import { REVEALED_COLOUR } from '../training/phases';

export type OutcomeMap = Comparison['map'];
export const OUTCOME_SOURCE = 'postop-outcomes';
export const EMPTY_OUTCOMES: OutcomeMap = { type: 'FeatureCollection', features: [] };

export const OUTCOME_COLOURS: Record<MapOutcome, string> = { hit: '#009E73', miss: '#D55E00', falseAlarm: '#E69F00' };
/* Their names are words of the review namespace: review:outcome.<hit|miss|falseAlarm>.short / .long. */

/** The saved operation under review: its areas and zone rings, drawn instead of the working option's. */
export interface ReviewedOperation {
  operationId: number;
  areas: { id: string; shape: 'polygon' | 'rectangle' | 'circle'; geometry: PolygonGeometry }[];
  zones: ReturnType<typeof zoneFeatures>;
}

interface OutcomeState {
  /** Outcome points of the comparison on screen, or null when none is shown. */
  map: OutcomeMap | null;
  operationId: number | null;
  reviewed: ReviewedOperation | null;
  setOutcomes(operationId: number | null, map: OutcomeMap | null): void;
  setReviewed(reviewed: ReviewedOperation | null): void;
}

export const useOutcomeMap = create<OutcomeState>((set) => ({
  map: null, operationId: null, reviewed: null,
  setOutcomes: (operationId, map) => set({ operationId, map }),
  setReviewed: (reviewed) => set({ reviewed }),
}));

/** The areas and zone rings of a saved operation, with each area's own profile or the shipped one. */
export function reviewedOperation(operationId: number, op: Operation, profiles: EffectProfile[]): ReviewedOperation {
  const edges = (a: Operation['areas'][number]) => (a.profile ?? profiles.find((p) => p.id === a.profileId))?.zones.map((z) => z.outerEdgeM) ?? [0];
  return {
    operationId,
    areas: op.areas.map((a) => ({ id: a.id, shape: a.shape ?? 'polygon', geometry: a.geometry })),
    zones: zoneFeatures(op.areas.map((a) => ({ id: a.id, geometry: a.geometry, edgesM: edges(a) }))),
  };
}

/** maplibre layer specifications (plain objects) for the outcome source. */
export function outcomeLayers(source = OUTCOME_SOURCE) {
  // 'observed': a previous phase's revealed damage in a training exercise (renderer/training/phases.ts).
  const observed = ['==', ['get', 'outcome'], 'observed'];
  const colour = ['match', ['get', 'outcome'], 'hit', OUTCOME_COLOURS.hit, 'miss', OUTCOME_COLOURS.miss, 'observed', REVEALED_COLOUR, OUTCOME_COLOURS.falseAlarm];
  return [
    {
      id: `${source}-buildings`, type: 'circle' as const, source, filter: ['==', ['get', 'kind'], 'building'],
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, ['case', observed, 4, 2], 17, ['case', observed, 10, 6]], 'circle-color': colour, 'circle-opacity': 0.85, 'circle-stroke-width': 0.5, 'circle-stroke-color': '#fff' },
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
