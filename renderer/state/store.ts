/** Application state outside the workspace: the datasets and which one is in view. Named useAppState so it never reads as zustand's own useStore. */
import { create } from 'zustand';
import type { DatasetSummary } from '../../core/model/dataset';

interface State {
  datasets: DatasetSummary[];
  datasetId: number | null;
  status: string;
  setDatasets(d: DatasetSummary[]): void;
  setDatasetId(id: number): void;
  setStatus(s: string): void;
}

export const useAppState = create<State>((set) => ({
  datasets: [],
  datasetId: null,
  status: 'Loading…',
  setDatasets: (datasets) => set({ datasets }),
  setDatasetId: (datasetId) => set({ datasetId }),
  setStatus: (status) => set({ status }),
}));
