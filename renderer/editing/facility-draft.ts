/** A facility as typed in the form (strings, so an empty box is "unknown"), and how it becomes the API's input. */
import { FACILITY_KINDS, type ConstructionClass, type FacilityKind, type Sector } from '../../core/model/dataset';
import { ENGLISH, type Locale } from '../../core/i18n/locale';
import { nsT } from './enum-words';
import type { Detail, Failure } from './types';

export interface FacilityDraft {
  name: string; sector: Sector; kind: FacilityKind; construction: ConstructionClass;
  beds: string; peopleServed: string; mw: string; lon: string; lat: string;
}

const numberOrUndefined = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));
export function capacityOf(d: FacilityDraft) {
  const c: { beds?: number; peopleServed?: number; mw?: number } = {};
  const beds = numberOrUndefined(d.beds); const people = numberOrUndefined(d.peopleServed); const mw = numberOrUndefined(d.mw);
  if (beds !== undefined) c.beds = beds;
  if (people !== undefined) c.peopleServed = people;
  if (mw !== undefined) c.mw = mw;
  return c;
}
/** Fields the browser can check before asking (numbers that are not numbers), named in the reader's words; the backend checks the rest. */
export function localCheck(d: FacilityDraft, prefix: string, loc: Locale = ENGLISH): Failure | null {
  const t = nsT(loc);
  for (const [key, field, name] of [['beds', 'capacity.beds', 'beds'], ['peopleServed', 'capacity.peopleServed', 'peopleServed'], ['mw', 'capacity.mw', 'mw'],
    ['lon', 'geometry.coordinates.0', 'longitude'], ['lat', 'geometry.coordinates.1', 'latitude']] as const) {
    const v = d[key];
    if (v.trim() !== '' && !Number.isFinite(Number(v))) return { message: t('editing:facility.error.notNumber', { field: t(`editing:facility.${name}`), text: v }), field: `${prefix}${field}` };
  }
  if (d.lon.trim() === '' || d.lat.trim() === '') return { message: t('editing:facility.error.noLocation'), field: `${prefix}geometry` };
  return null;
}

/** A stored facility's kind always belongs to its sector (the model refines it); the first kind only satisfies the type. */
const kindOf = (f: Detail['facility']): FacilityKind => FACILITY_KINDS[f.sector].find((k) => k === f.kind) ?? FACILITY_KINDS[f.sector][0];

export function draftOf(f: Detail['facility']): FacilityDraft {
  const s = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    name: f.name, sector: f.sector, kind: kindOf(f), construction: f.construction,
    beds: s(f.capacity.beds), peopleServed: s(f.capacity.peopleServed), mw: s(f.capacity.mw),
    lon: String(f.geometry.coordinates[0]), lat: String(f.geometry.coordinates[1]),
  };
}

/** The point typed in the longitude and latitude boxes. */
export const pointOf = (d: FacilityDraft) => ({ type: 'Point' as const, coordinates: [Number(d.lon), Number(d.lat)] as [number, number] });
