/**
 * Edits take seconds on a large dataset (the content hash is recomputed): every call that changes
 * the dataset goes through callSaving, and the panel shows "Saving…" while any is under way.
 */
import { create } from 'zustand';
import { call } from '../api/client';

const useSavingCount = create<{ n: number }>(() => ({ n: 0 }));

export const callSaving: typeof call = async (name, input) => {
  useSavingCount.setState((s) => ({ n: s.n + 1 }));
  try {
    return await call(name, input);
  } finally {
    useSavingCount.setState((s) => ({ n: s.n - 1 }));
  }
};

export const useSaving = (): boolean => useSavingCount((s) => s.n > 0);
