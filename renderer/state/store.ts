/** Renderer state in one zustand store: the dataset in view, the drawn areas and what is known about them. */
import { create } from 'zustand';
import type { DatasetSummary, PolygonGeometry } from '../../core/model/dataset';

export interface DrawnArea { id: string; geometry: PolygonGeometry; residents: number | null; error: string | null }

interface State {
  datasets: DatasetSummary[];
  datasetId: number | null;
  areas: DrawnArea[];
  status: string;
  setDatasets(d: DatasetSummary[]): void;
  setDatasetId(id: number): void;
  setAreas(areas: DrawnArea[]): void;
  patchArea(id: string, patch: Partial<DrawnArea>): void;
  setStatus(s: string): void;
}

export const useStore = create<State>((set) => ({
  datasets: [],
  datasetId: null,
  areas: [],
  status: 'Loading…',
  setDatasets: (datasets) => set({ datasets }),
  setDatasetId: (datasetId) => set({ datasetId, areas: [] }),
  setAreas: (areas) => set({ areas }),
  patchArea: (id, patch) => set((s) => ({ areas: s.areas.map((a) => (a.id === id ? { ...a, ...patch } : a)) })),
  setStatus: (status) => set({ status }),
}));
