/**
 * The observation forms' values and their validation, pure so they can be tested without a DOM.
 * The rules mirror the API's (core/postop/observations.ts); the API validates again and names the
 * field of anything these miss, which the panel shows beside that field.
 */
import type { Input } from '../../core/api/contract';
import { GROUPS, type Group } from '../../core/model/assessment';
import type { Sector } from '../../core/model/dataset';
import { DAMAGE_CLASS_KEYS, type Confidence, type DamageClassKey } from '../../core/model/observation';

export type FieldErrors = Record<string, string>;

/** "0 none" … "4 destroyed": the class number with its name. */
export const DAMAGE_CLASS_LABELS = DAMAGE_CLASS_KEYS.map((k, i) => `${i} ${k}`);
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
function number(raw: string, field: string, errors: FieldErrors, o: { integer?: boolean } = {}): number | null {
  const t = raw.trim();
  if (t === '') return null;
  const n = Number(t.replace(/[\s,]/g, ''));
  if (!Number.isFinite(n)) { errors[field] = 'enter a number'; return null; }
  if (n < 0) { errors[field] = 'cannot be negative'; return null; }
  if (o.integer && !Number.isInteger(n)) { errors[field] = 'enter a whole number'; return null; }
  return n;
}

function common(v: CommonValues, errors: FieldErrors) {
  if (!v.source.trim()) errors.source = 'a source is required (who reported it)';
  if (v.observedAt && !/^\d{4}-\d{2}-\d{2}$/.test(v.observedAt)) errors.observedAt = 'use YYYY-MM-DD';
  if (v.note.length > 2000) errors.note = 'at most 2,000 characters';
  return {
    source: v.source.trim(), confidence: v.confidence,
    ...(v.observedAt ? { observedAt: v.observedAt } : {}), ...(v.note.trim() ? { note: v.note.trim() } : {}),
  };
}

const done = <T>(errors: FieldErrors, value: T): Parsed<T> => (Object.keys(errors).length ? { ok: false, errors } : { ok: true, value });

export function parseFacility(v: FacilityValues, ctx: { datasetId: number; operationId: number }): Parsed<Input<'observations.recordFacilityStatus'>> {
  const errors: FieldErrors = {};
  const c = common(v, errors);
  if (!v.facilityId.trim()) errors.facilityId = 'choose a facility';
  const days = number(v.daysToRestore, 'daysToRestore', errors);
  if (!v.down && days !== null && days > 0) errors.daysToRestore = 'a facility that never went down has no restoration time';
  return done(errors, {
    dataset: ctx.datasetId, operationId: ctx.operationId, ...c, facilityId: v.facilityId.trim(), down: v.down,
    daysToRestore: v.down ? days : null, ...(v.damage ? { damage: v.damage } : {}),
  });
}

export function parseOutage(v: OutageValues, ctx: { datasetId: number; operationId: number }): Parsed<Input<'observations.recordServiceOutage'>> {
  const errors: FieldErrors = {};
  const c = common(v, errors);
  const people = number(v.people, 'people', errors, { integer: true });
  const days = number(v.days, 'days', errors);
  if (!v.sector) errors.sector = 'choose the service that was lost';
  if (people === null && !errors.people) errors.people = 'how many people lost the service';
  if (days === null && !errors.days) errors.days = 'for how many days (mean)';
  return done(errors, { dataset: ctx.datasetId, operationId: ctx.operationId, ...c, sector: v.sector as Sector /* checked above */, people: people ?? 0, days: days ?? 0 });
}

export function parseCasualty(v: CasualtyValues, ctx: { datasetId: number; operationId: number }): Parsed<Input<'observations.recordCasualtyReport'>> {
  const errors: FieldErrors = {};
  const c = common(v, errors);
  const killed = number(v.killed, 'killed', errors, { integer: true });
  const injured = number(v.injured, 'injured', errors, { integer: true });
  const serious = number(v.seriouslyInjured, 'seriouslyInjured', errors, { integer: true });
  if (killed === null && injured === null && !errors.killed && !errors.injured) errors.killed = 'give killed, injured or both';
  if (serious !== null && (injured === null || serious > injured) && !errors.seriouslyInjured) errors.seriouslyInjured = 'cannot exceed injured';
  const byGroup: Record<string, { killed?: number; injured?: number }> = {};
  for (const g of GROUPS) {
    const row = v.byGroup[g];
    if (!row) continue;
    const k = number(row.killed, `byGroup.${g}.killed`, errors, { integer: true });
    const i = number(row.injured, `byGroup.${g}.injured`, errors, { integer: true });
    if (k !== null || i !== null) byGroup[g] = { ...(k !== null ? { killed: k } : {}), ...(i !== null ? { injured: i } : {}) };
  }
  return done(errors, {
    dataset: ctx.datasetId, operationId: ctx.operationId, ...c, killed, injured,
    ...(serious !== null ? { seriouslyInjured: serious } : {}), ...(Object.keys(byGroup).length ? { byGroup } : {}),
  });
}

export function parseDisplacement(v: DisplacementValues, ctx: { datasetId: number; operationId: number }): Parsed<Input<'observations.recordDisplacementReport'>> {
  const errors: FieldErrors = {};
  const c = common(v, errors);
  const displaced = number(v.displaced, 'displaced', errors, { integer: true });
  const shelter = number(v.inPublicShelter, 'inPublicShelter', errors, { integer: true });
  if (displaced === null && !errors.displaced) errors.displaced = 'how many people were displaced';
  if (shelter !== null && displaced !== null && shelter > displaced && !errors.inPublicShelter) errors.inPublicShelter = 'cannot exceed displaced';
  const byGroup: Partial<Record<Group, number>> = {};
  for (const g of GROUPS) {
    const n = number(v.byGroup[g] ?? '', `byGroup.${g}`, errors, { integer: true });
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
export function describeRecorded(o: { kind: string; rawValue: string | null; data: Record<string, unknown> }): string {
  const n = (x: unknown) => (typeof x === 'number' ? x.toLocaleString('en-GB') : '?');
  const d = o.data;
  if (o.kind === 'service_outage') return `${String(d.sector)} outage: ${n(d.people)} people × ${n(d.days)} day${d.days === 1 ? '' : 's'}`;
  if (o.kind === 'facility_status') {
    const what = d.down ? `out of service${typeof d.daysToRestore === 'number' ? `, restored after ${n(d.daysToRestore)} day${d.daysToRestore === 1 ? '' : 's'}` : ', not restored or unknown'}` : 'stayed in service';
    return `${String(d.name ?? d.facilityId)} (${String(d.sector ?? 'facility')}): ${what}${d.damage ? `; damage ${String(d.damage)}` : ''}`;
  }
  if (o.kind === 'casualty_report') {
    return `killed ${d.killed === null ? 'not given' : n(d.killed)}, injured ${d.injured === null ? 'not given' : n(d.injured)}${typeof d.seriouslyInjured === 'number' ? ` (${n(d.seriouslyInjured)} seriously)` : ''}`;
  }
  if (o.kind === 'displacement_report') {
    return `displaced ${n(d.displaced)}${typeof d.inPublicShelter === 'number' ? ` (${n(d.inPublicShelter)} in public shelter)` : ''}`;
  }
  return o.rawValue ?? o.kind.replace(/_/g, ' ');
}

/** Facilities whose name, id, sector or kind contains every word typed, for the searchable facility choice. */
export function searchFacilities<F extends { id: string; name: string; sector: string; kind?: string }>(all: F[], query: string, limit = 200): F[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const hit = (f: F) => { const t = `${f.name} ${f.id} ${f.sector} ${f.kind ?? ''}`.toLowerCase(); return words.every((w) => t.includes(w)); };
  return all.filter(hit).slice(0, limit);
}
