/** What the editing components share: the API's shapes, a map pick, and a refused change with the field it names. */
import { ApiCallError } from '../api/client';
import type { Output } from '../../core/api/contract';
import type { FacilityKind, Sector } from '../../core/model/dataset';

/** What a map click gives the panel: where, and the facility under the pointer if any. */
export interface MapPick { lonLat: [number, number]; facilityId: string | null }
/** The panel asks for one map click: `onPick` to receive it, or null to stop asking. `prompt` says what to click. */
export type PickOnMap = (onPick: ((pick: MapPick) => void) | null, prompt?: string) => void;
/** One map click asked for by a form: what to click, and what to do with it. */
export type Pick = (prompt: string, then: (p: MapPick) => void) => void;

export type Detail = Output<'facilities.get'>;
export type Edit = Output<'edits.list'>['edits'][number];
export type FacilityItem = { id: string; name: string; sector: Sector; kind: FacilityKind; lonLat: [number, number] };
export interface Failure { message: string; field?: string }

/** What every edit makes stale in the panel (the app reloads its map layers through onChanged). */
export const EDITED = ['facilities.get', 'edits.list'] as const;

export const failure = (e: unknown): Failure => (e instanceof ApiCallError ? { message: e.body.message, field: e.body.field } : { message: (e as Error).message });
export const label = (s: string) => s.replace(/_/g, ' ');
