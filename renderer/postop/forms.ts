/**
 * The observation forms' values and their validation, pure so they can be tested without a DOM.
 * The rules mirror the API's (core/postop/observations.ts); the API validates again and names the
 * field of anything these miss, which the panel shows beside that field.
 */
import type { Input } from '../../core/api/contract';
import { GROUPS, type Group } from '../../core/model/assessment';
import type { Sector } from '../../core/model/dataset';
import { DAMAGE_CLASS_KEYS, OBSERVATION_KINDS, type Confidence, type DamageClassKey, type ObservationKindName } from '../../core/model/observation';
import { ENGLISH, type Locale } from '../../core/i18n/locale';
import { nsT, sectorWord } from '../editing/enum-words';

export type FieldErrors = Record<string, string>;

/** The longest note an observation keeps (the API's limit). */
const MAX_NOTE_CHARS = 2000;

/** "0 none" … "4 destroyed": the class number with its name, in the reader's words. */
export const damageClassLabel = (i: 0 | 1 | 2 | 3 | 4, loc: Locale = ENGLISH) =>
  nsT(loc)('review:damage.numbered', { n: loc.number().format(i), name: nsT(loc)(`review:damage.${DAMAGE_CLASS_KEYS[i]}`) });
/** What recording or deleting an observation makes stale. */
export const OBSERVED = ['observations.list', 'postop.compare'] as const;

/** What the inputs hold: strings as typed, so an empty box is "not given", not 0. */
export interface CommonValues { source: string; confidence: Confidence; observedAt: string; note: string }
export interface FacilityValues extends CommonValues { facilityId: string; down: boolean; daysToRestore: string; damage: '' | DamageClassKey }
/** The service starts unchosen: a silent default (power) once recorded water outages as power. */
export interface OutageValues extends CommonValues { sector: '' | Sector; people: string; days: string }
export interface CasualtyValues extends CommonValues {
  killed: string; injured: string; seriouslyInjured: string;
  byGroup: Partial<Record<Group, { killed: string; injured: string }>>;
}

/** A displacement report: people displaced, of them in public shelter, and by group where the source gives it. */
export interface DisplacementValues extends CommonValues { displaced: string; inPublicShelter: string; byGroup: Partial<Record<Group, string>> }

export const emptyCommon = (): CommonValues => ({ source: '', confidence: 'medium', observedAt: '', note: '' });
export const emptyFacility = (): FacilityValues => ({ ...emptyCommon(), facilityId: '', down: true, daysToRestore: '', damage: '' });
export const emptyOutage = (): OutageValues => ({ ...emptyCommon(), sector: '', people: '', days: '' });
export const emptyCasualty = (): CasualtyValues => ({ ...emptyCommon(), killed: '', injured: '', seriouslyInjured: '', byGroup: {} });
export const emptyDisplacement = (): DisplacementValues => ({ ...emptyCommon(), displaced: '', inPublicShelter: '', byGroup: {} });

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** A count or amount typed in a box: '' is null; anything else must be a finite number >= 0 (an integer if asked). */
function number(raw: string, field: string, errors: FieldErrors, loc: Locale, o: { integer?: boolean } = {}): number | null {
  const t = nsT(loc);
  const typed = raw.trim();
  if (typed === '') return null;
  const n = Number(typed.replace(/[\s,]/g, ''));
  if (!Number.isFinite(n)) { errors[field] = t('review:form.error.number'); return null; }
  if (n < 0) { errors[field] = t('review:form.error.negative'); return null; }
  if (o.integer && !Number.isInteger(n)) { errors[field] = t('review:form.error.wholeNumber'); return null; }
  return n;
}

function common(v: CommonValues, errors: FieldErrors, loc: Locale) {
  const t = nsT(loc);
  if (!v.source.trim()) errors.source = t('review:form.error.source');
  if (v.observedAt && !/^\d{4}-\d{2}-\d{2}$/.test(v.observedAt)) errors.observedAt = t('review:form.error.date');
  if (v.note.length > MAX_NOTE_CHARS) errors.note = t('review:form.error.noteLength', { n: loc.number().format(MAX_NOTE_CHARS) });
  return {
    source: v.source.trim(), confidence: v.confidence,
    ...(v.observedAt ? { observedAt: v.observedAt } : {}), ...(v.note.trim() ? { note: v.note.trim() } : {}),
  };
}

const done = <T>(errors: FieldErrors, value: T): Parsed<T> => (Object.keys(errors).length ? { ok: false, errors } : { ok: true, value });

export function parseFacility(v: FacilityValues, ctx: { datasetId: number; operationId: number }, loc: Locale = ENGLISH): Parsed<Input<'observations.recordFacilityStatus'>> {
  const t = nsT(loc);
  const errors: FieldErrors = {};
  const c = common(v, errors, loc);
  if (!v.facilityId.trim()) errors.facilityId = t('review:form.error.facility');
  const days = number(v.daysToRestore, 'daysToRestore', errors, loc);
  if (!v.down && days !== null && days > 0) errors.daysToRestore = t('review:form.error.neverDown');
  return done(errors, {
    dataset: ctx.datasetId, operationId: ctx.operationId, ...c, facilityId: v.facilityId.trim(), down: v.down,
    daysToRestore: v.down ? days : null, ...(v.damage ? { damage: v.damage } : {}),
  });
}

export function parseOutage(v: OutageValues, ctx: { datasetId: number; operationId: number }, loc: Locale = ENGLISH): Parsed<Input<'observations.recordServiceOutage'>> {
  const t = nsT(loc);
  const errors: FieldErrors = {};
  const c = common(v, errors, loc);
  const people = number(v.people, 'people', errors, loc, { integer: true });
  const days = number(v.days, 'days', errors, loc);
  if (!v.sector) errors.sector = t('review:form.error.service');
  if (people === null && !errors.people) errors.people = t('review:form.error.people');
  if (days === null && !errors.days) errors.days = t('review:form.error.days');
  return done(errors, { dataset: ctx.datasetId, operationId: ctx.operationId, ...c, sector: v.sector as Sector /* checked above */, people: people ?? 0, days: days ?? 0 });
}

export function parseCasualty(v: CasualtyValues, ctx: { datasetId: number; operationId: number }, loc: Locale = ENGLISH): Parsed<Input<'observations.recordCasualtyReport'>> {
  const t = nsT(loc);
  const errors: FieldErrors = {};
  const c = common(v, errors, loc);
  const killed = number(v.killed, 'killed', errors, loc, { integer: true });
  const injured = number(v.injured, 'injured', errors, loc, { integer: true });
  const serious = number(v.seriouslyInjured, 'seriouslyInjured', errors, loc, { integer: true });
  if (killed === null && injured === null && !errors.killed && !errors.injured) errors.killed = t('review:form.error.killedOrInjured');
  if (serious !== null && (injured === null || serious > injured) && !errors.seriouslyInjured) errors.seriouslyInjured = t('review:form.error.seriousExceeds');
  const byGroup: Record<string, { killed?: number; injured?: number }> = {};
  for (const g of GROUPS) {
    const row = v.byGroup[g];
    if (!row) continue;
    const k = number(row.killed, `byGroup.${g}.killed`, errors, loc, { integer: true });
    const i = number(row.injured, `byGroup.${g}.injured`, errors, loc, { integer: true });
    if (k !== null || i !== null) byGroup[g] = { ...(k !== null ? { killed: k } : {}), ...(i !== null ? { injured: i } : {}) };
  }
  return done(errors, {
    dataset: ctx.datasetId, operationId: ctx.operationId, ...c, killed, injured,
    ...(serious !== null ? { seriouslyInjured: serious } : {}), ...(Object.keys(byGroup).length ? { byGroup } : {}),
  });
}

export function parseDisplacement(v: DisplacementValues, ctx: { datasetId: number; operationId: number }, loc: Locale = ENGLISH): Parsed<Input<'observations.recordDisplacementReport'>> {
  const t = nsT(loc);
  const errors: FieldErrors = {};
  const c = common(v, errors, loc);
  const displaced = number(v.displaced, 'displaced', errors, loc, { integer: true });
  const shelter = number(v.inPublicShelter, 'inPublicShelter', errors, loc, { integer: true });
  if (displaced === null && !errors.displaced) errors.displaced = t('review:form.error.displaced');
  if (shelter !== null && displaced !== null && shelter > displaced && !errors.inPublicShelter) errors.inPublicShelter = t('review:form.error.shelterExceeds');
  const byGroup: Partial<Record<Group, number>> = {};
  for (const g of GROUPS) {
    const n = number(v.byGroup[g] ?? '', `byGroup.${g}`, errors, loc, { integer: true });
    if (n !== null) byGroup[g] = n;
  }
  return done(errors, {
    dataset: ctx.datasetId, operationId: ctx.operationId, ...c, displaced: displaced ?? 0,
    ...(shelter !== null ? { inPublicShelter: shelter } : {}), ...(Object.keys(byGroup).length ? { byGroup } : {}),
  });
}

/** Paths typed one per line (or pasted with quotes), blank lines dropped. */
export function parsePaths(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
}

/** A recorded observation in one line that says what it is: "water outage: 12,000 people × 3 days". */
export function describeRecorded(o: { kind: string; rawValue: string | null; data: Record<string, unknown> }, loc: Locale = ENGLISH): string {
  const t = nsT(loc);
  const n = (x: unknown) => (typeof x === 'number' ? loc.number().format(x) : '?');
  const days = (x: unknown) => t('review:recorded.days', { count: typeof x === 'number' ? x : 0, n: n(x) });
  const d = o.data;
  if (o.kind === 'service_outage') return t('review:recorded.outage', { sector: sectorWord(d.sector, loc), people: t('review:recorded.people', { count: typeof d.people === 'number' ? d.people : 0, n: n(d.people) }), days: days(d.days) });
  if (o.kind === 'facility_status') {
    const status = !d.down ? t('review:recorded.stayedInService')
      : typeof d.daysToRestore === 'number' ? t('review:recorded.restoredAfter', { days: days(d.daysToRestore) }) : t('review:recorded.notRestored');
    const damage = typeof d.damage === 'string' && isDamageClass(d.damage) ? t('review:recorded.damage', { damage: t(`review:damage.${d.damage}`) }) : '';
    return t('review:recorded.facility', { name: String(d.name ?? d.facilityId), sector: d.sector === undefined ? t('review:recorded.facilityWord') : sectorWord(d.sector, loc), status }) + damage;
  }
  if (o.kind === 'casualty_report') {
    const given = (x: unknown) => (x === null || x === undefined ? t('review:recorded.notGiven') : n(x));
    const serious = typeof d.seriouslyInjured === 'number' ? t('review:recorded.seriously', { n: n(d.seriouslyInjured) }) : '';
    return t('review:recorded.casualties', { killed: given(d.killed), injured: given(d.injured) }) + serious;
  }
  if (o.kind === 'displacement_report') {
    const shelter = typeof d.inPublicShelter === 'number' ? t('review:recorded.inShelter', { n: n(d.inPublicShelter) }) : '';
    return t('review:recorded.displaced', { n: n(d.displaced) }) + shelter;
  }
  return o.rawValue ?? observationKindWord(o.kind, loc);
}

const isDamageClass = (x: string): x is DamageClassKey => (DAMAGE_CLASS_KEYS as readonly string[]).includes(x);

/** An observation kind in the reader's words ("casualty report"); an unknown one as stored. */
export function observationKindWord(kind: string, loc: Locale = ENGLISH): string {
  return (OBSERVATION_KINDS as readonly string[]).includes(kind) ? nsT(loc)(`review:observationKind.${kind as ObservationKindName}`) : kind.replace(/_/g, ' ');
}

/** Facilities whose name, id, sector or kind contains every word typed, for the searchable facility choice. */
export function searchFacilities<F extends { id: string; name: string; sector: string; kind?: string }>(all: F[], query: string, limit = 200): F[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hit = (f: F) => { const t = `${f.name} ${f.id} ${f.sector} ${f.kind ?? ''}`.toLowerCase(); return words.every((w) => t.includes(w)); };
  return all.filter(hit).slice(0, limit);
}
