/**
 * The trainee's open exercise: the package they opened, its briefing and its options. Kept outside
 * the panel so it survives switching tabs (the trainee studies the options in the planner).
 */
import { create } from 'zustand';
import type { Output } from '../../core/api/contract';

export interface Exercise extends Output<'package.import'> { path: string; hmacKey?: string }

export const useExercise = create<{ exercise: Exercise | null; setExercise(e: Exercise | null): void }>((set) => ({
  exercise: null,
  setExercise: (exercise) => set({ exercise }),
}));

/** The reveal passphrase rule the trainer is held to before the API is asked (the API checks again). */
export const MIN_PASSPHRASE_CHARS = 12;
