/**
 * Later phases of a scenario as the trainer types them, checked before the API is asked (the API
 * checks again and names the field), and the previous phase's revealed damage as a map layer.
 * Pure, so it is tested without a DOM.
 */
import type { Input, Output } from '../../core/api/contract';
import type { FieldErrors, Parsed } from '../postop/forms';
import { ENGLISH, type Locale } from '../../core/i18n/locale';
import { nsT } from '../editing/enum-words';
import { MIN_PASSPHRASE_CHARS } from './exercise';

export type LaterPhaseInput = NonNullable<Input<'package.export'>['laterPhases']>[number];

/** A later phase as typed: days as a string so an empty box is "not given". */
export interface LaterPhaseDraft { title: string; briefing: string; daysAfterPrevious: string; code: string; offered: number[]; carriedOut: number | null }

/** Phase `n` as first offered: titled "Phase n" in the trainer's language, everything else to fill in. */
export const emptyLaterPhase = (n: number, loc: Locale = ENGLISH): LaterPhaseDraft =>
  ({ title: nsT(loc)('review:training.phase', { n: loc.number().format(n) }), briefing: '', daysAfterPrevious: '', code: '', offered: [], carriedOut: null });

/** Checks one later phase (phase `n`, counting from 1); the reveal passphrase must not double as a phase code. */
export function parseLaterPhase(d: LaterPhaseDraft, n: number, revealPassphrase: string, loc: Locale = ENGLISH): Parsed<LaterPhaseInput> {
  const t = nsT(loc);
  const phase = { n: loc.number().format(n) };
  const errors: FieldErrors = {};
  if (!d.title.trim()) errors.title = t('review:training.phaseError.title', phase);
  if (!d.briefing.trim()) errors.briefing = t('review:training.phaseError.briefing', phase);
  const days = Number(d.daysAfterPrevious.trim());
  if (d.daysAfterPrevious.trim() === '' || !Number.isInteger(days) || days < 0) errors.daysAfterPrevious = t('review:training.phaseError.days', { zero: loc.number().format(0) });
  if (d.code.length < MIN_PASSPHRASE_CHARS) errors.code = t('review:training.phaseError.codeLength', { n: loc.number().format(MIN_PASSPHRASE_CHARS) });
  else if (d.code === revealPassphrase) errors.code = t('review:training.phaseError.codeIsPassphrase');
  if (d.carriedOut === null) errors.carriedOut = t('review:training.phaseError.carriedOut', phase);
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
