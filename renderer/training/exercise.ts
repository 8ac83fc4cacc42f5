/**
 * The trainee's open exercise: the package they opened, its phases, which are answered and which
 * unlocked, and the previous phase's revealed damage for the map. Kept outside the panel so it
 * survives switching tabs (the trainee studies the options in the planner).
 */
import { create } from 'zustand';
import type { Output } from '../../core/api/contract';
import type { RevealedMap } from './phases';

export interface Exercise extends Output<'package.import'> {
  path: string;
  hmacKey?: string;
  /** The phase on screen (1 first). */
  phase: number;
  /** Phases the trainee has written an answer for. */
  answered: number[];
  /** Later phases opened with their code, by phase number. */
  unlocked: Record<number, Output<'package.unlockPhase'>>;
}

interface ExerciseState {
  exercise: Exercise | null;
  /** The previous phase's observed damage, drawn on the map on the Training tab. */
  revealed: RevealedMap | null;
  setExercise(e: Exercise | null): void;
  update(p: Partial<Exercise>): void;
  setRevealed(r: RevealedMap | null): void;
}

export const useExercise = create<ExerciseState>((set) => ({
  exercise: null,
  revealed: null,
  setExercise: (exercise) => set({ exercise, revealed: null }),
  update: (p) => set((s) => (s.exercise ? { exercise: { ...s.exercise, ...p } } : s)),
  setRevealed: (revealed) => set({ revealed }),
}));

/** The reveal passphrase rule the trainer is held to before the API is asked (the API checks again). */
export const MIN_PASSPHRASE_CHARS = 12;
