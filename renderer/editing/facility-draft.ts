/** A facility as typed in the form (strings, so an empty box is "unknown"), and how it becomes the API's input. */
import { FACILITY_KINDS, type ConstructionClass, type FacilityKind, type Sector } from '../../core/model/dataset';
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
/** Fields the browser can check before asking (numbers that are not numbers); the backend checks the rest. */
export function localCheck(d: FacilityDraft, prefix: string): Failure | null {
  for (const [key, field] of [['beds', 'capacity.beds'], ['peopleServed', 'capacity.peopleServed'], ['mw', 'capacity.mw'], ['lon', 'geometry.coordinates.0'], ['lat', 'geometry.coordinates.1']] as const) {
    const v = d[key];
    if (v.trim() !== '' && !Number.isFinite(Number(v))) return { message: `${prefix}${field}: "${v}" is not a number`, field: `${prefix}${field}` };
  }
  if (d.lon.trim() === '' || d.lat.trim() === '') return { message: `${prefix}geometry: give longitude and latitude`, field: `${prefix}geometry` };
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
