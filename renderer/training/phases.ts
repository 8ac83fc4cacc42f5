/**
 * Later phases of a scenario as the trainer types them, checked before the API is asked (the API
 * checks again and names the field), and the previous phase's revealed damage as a map layer.
 * Pure, so it is tested without a DOM.
 */
import type { Input, Output } from '../../core/api/contract';
import type { FieldErrors, Parsed } from '../postop/forms';
import { MIN_PASSPHRASE_CHARS } from './exercise';

export type LaterPhaseInput = NonNullable<Input<'package.export'>['laterPhases']>[number];

/** A later phase as typed: days as a string so an empty box is "not given". */
export interface LaterPhaseDraft { title: string; briefing: string; daysAfterPrevious: string; code: string; offered: number[]; carriedOut: number | null }

export const emptyLaterPhase = (n: number): LaterPhaseDraft => ({ title: `Phase ${n}`, briefing: '', daysAfterPrevious: '', code: '', offered: [], carriedOut: null });

/** Checks one later phase (phase `n`, counting from 1); the reveal passphrase must not double as a phase code. */
export function parseLaterPhase(d: LaterPhaseDraft, n: number, revealPassphrase: string): Parsed<LaterPhaseInput> {
  const errors: FieldErrors = {};
  if (!d.title.trim()) errors.title = `give phase ${n} a title`;
  if (!d.briefing.trim()) errors.briefing = `write the briefing of phase ${n}`;
  const days = Number(d.daysAfterPrevious.trim());
  if (d.daysAfterPrevious.trim() === '' || !Number.isInteger(days) || days < 0) errors.daysAfterPrevious = 'whole days after the previous phase (0 or more)';
  if (d.code.length < MIN_PASSPHRASE_CHARS) errors.code = `the phase code needs at least ${MIN_PASSPHRASE_CHARS} characters`;
  else if (d.code === revealPassphrase) errors.code = 'the phase code is handed to trainees: it must differ from the reveal passphrase';
  if (d.carriedOut === null) errors.carriedOut = `choose the option carried out in phase ${n}`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: { title: d.title.trim(), briefing: d.briefing, daysAfterPrevious: days, code: d.code, operationId: d.carriedOut!, optionIds: d.offered.filter((id) => id !== d.carriedOut) },
  };
}

type Observed = Output<'package.unlockPhase'>['previous']['observed'];

/** Colour of revealed observations on the map (Okabe-Ito reddish purple, apart from the hit/miss colours). */
export const REVEALED_COLOUR = '#CC79A7';

/** The previous phase's observed damage (by class) and facilities that went down, as points on the outcome layer. */
export function revealedMap(observed: Observed) {
  return {
    type: 'FeatureCollection' as const,
    features: [
      ...observed.damage.map((d) => ({ type: 'Feature' as const, properties: { kind: 'building', outcome: 'observed', damageClass: d.damageClass }, geometry: { type: 'Point' as const, coordinates: d.lonLat } })),
      ...observed.facilities.filter((f) => f.down && f.lonLat).map((f) => ({ type: 'Feature' as const, properties: { kind: 'facility', outcome: 'observed', facilityId: f.facilityId }, geometry: { type: 'Point' as const, coordinates: f.lonLat! } })),
    ],
  };
}
export type RevealedMap = ReturnType<typeof revealedMap>;

/** The mean position of the revealed points, where the map flies to (null when nothing was revealed). */
export function revealedCentre(map: RevealedMap): [number, number] | null {
  const pts = map.features.map((f) => f.geometry.coordinates);
  if (!pts.length) return null;
  return [pts.reduce((s, p) => s + p[0]!, 0) / pts.length, pts.reduce((s, p) => s + p[1]!, 0) / pts.length];
}
