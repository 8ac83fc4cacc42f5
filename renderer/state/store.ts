/**
 * Application state outside the workspace: which dataset is in view (the datasets themselves are
 * server state, read with useApi('datasets.list')). Named useAppState so it never reads as zustand's useStore.
 */
import { create } from 'zustand';

interface State {
  datasetId: number | null;
  setDatasetId(id: number): void;
}

export const useAppState = create<State>((set) => ({
  datasetId: null,
  setDatasetId: (datasetId) => set({ datasetId }),
}));
