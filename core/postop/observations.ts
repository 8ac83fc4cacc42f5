/**
 * Observed outcomes other than imagery: facility status, service outages, casualty reports and
 * displacement reports (METHOD.md §7; displacement: issue 17, e.g. from IOM displacement tracking), validated with zod and kept in the observations table beside imported damage.
 *
 * Keys: a facility has one status per operation (recording it again replaces the earlier status);
 * outages and casualty reports are kept side by side (give an `id` to update one).
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { vertexCentroid } from '../geometry/polygons';
import { ArealGeometry, SECTORS, type Sector } from '../model/dataset';
import { GROUPS, type Group } from '../model/assessment';
import type { Db } from '../store/db';
import { requireDataset } from '../store/datasets';
import { getOperation } from '../store/operations';
import { findFacility } from '../store/rows';
import {
  listStoredObservations, replaceObservation, type ObservationFilter, type ObservationKind, type StoredObservation,
} from '../store/observations';
import { DAMAGE_CLASS_KEYS, type DamageClass, type DamageClassKey } from './damage-classes';

export type { ObservationKind, StoredObservation };
import { PostopError } from './errors';
import { CONFIDENCES, type Confidence } from '../model/observation';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';

export { CONFIDENCES, type Confidence };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'expected an ISO date (YYYY-MM-DD)');
const base = {
  dataset: z.union([z.string().min(1), z.number().int().positive()]),
  operationId: z.number().int().positive().optional(),
  source: z.string().min(1, 'a source is required'),
  confidence: z.enum(CONFIDENCES).default('medium'),
  observedAt: isoDate.optional(),
  note: z.string().max(2000).optional(),
};

export const FacilityStatusInput = z.object({
  ...base,
  /** The facility's id in the dataset. */
  facilityId: z.string().min(1),
  /** Observed damage, on the observation scale (none .. destroyed); omit when not seen. */
  damage: z.enum(DAMAGE_CLASS_KEYS).optional(),
  /** Out of service at any time after the operation. */
  down: z.boolean(),
  /** Days until service came back; null while still down or unknown. */
  daysToRestore: z.number().finite().min(0).nullable().default(null),
}).refine((s) => s.down || s.daysToRestore === null || s.daysToRestore === 0, {
  message: 'a facility that never went down has no restoration time', path: ['daysToRestore'],
});
export type FacilityStatusInput = z.input<typeof FacilityStatusInput>;

export const ServiceOutageInput = z.object({
  ...base,
  id: z.string().min(1).optional(),
  sector: z.enum(SECTORS),
  /** People who lost the service. */
  people: z.number().finite().min(0),
  /** Days without it (mean over those people). */
  days: z.number().finite().min(0),
  area: ArealGeometry.optional(),
});
export type ServiceOutageInput = z.input<typeof ServiceOutageInput>;

const GroupCounts = z.object({
  killed: z.number().int().min(0).optional(),
  injured: z.number().int().min(0).optional(),
});
export const CasualtyReportInput = z.object({
  ...base,
  id: z.string().min(1).optional(),
  killed: z.number().int().min(0).nullable(),
  /** All injured; give seriouslyInjured too where the source splits them. */
  injured: z.number().int().min(0).nullable(),
  seriouslyInjured: z.number().int().min(0).optional(),
  /** Where known; groups as in results (women, men, girls, boys, elderly, disabled). */
  byGroup: z.partialRecord(z.enum(GROUPS), GroupCounts).optional(),
}).refine((r) => r.killed !== null || r.injured !== null, { message: 'give killed, injured or both', path: ['killed'] })
  .refine((r) => r.seriouslyInjured === undefined || (r.injured !== null && r.seriouslyInjured <= r.injured), {
    message: 'seriouslyInjured cannot exceed injured', path: ['seriouslyInjured'],
  });
export type CasualtyReportInput = z.input<typeof CasualtyReportInput>;

export const DisplacementReportInput = z.object({
  ...base,
  id: z.string().min(1).optional(),
  /** People displaced from their homes in the operation's areas (residents, counted once). */
  displaced: z.number().int().min(0),
  /** Of them, people in public or collective shelter, where the source says. */
  inPublicShelter: z.number().int().min(0).optional(),
  /** Where known; groups as in results (women, men, girls, boys, elderly, disabled). */
  byGroup: z.partialRecord(z.enum(GROUPS), z.number().int().min(0)).optional(),
}).refine((r) => r.inPublicShelter === undefined || r.inPublicShelter <= r.displaced, {
  message: 'inPublicShelter cannot exceed displaced', path: ['inPublicShelter'],
});
export type DisplacementReportInput = z.input<typeof DisplacementReportInput>;

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new PostopError(`${what}: ${issue.path.join('.') || 'value'}: ${issue.message}`);
  }
  return r.data;
}

function context(db: Db, dataset: string | number, operationId: number | undefined): number {
  const id = requireDataset(db, dataset).id;
  if (operationId !== undefined) {
    const op = getOperation(db, operationId);
    if (!op) throw new PostopError({ key: 'postop.noOperation', params: { id: String(operationId) } }, 'not_found', 'operationId');
    if (op.datasetId !== id) throw new PostopError({ key: 'postop.otherDataset', params: { id: String(operationId) } });
  }
  return id;
}

const opKey = (operationId: number | undefined) => `op${operationId ?? '-'}`;

/** Records (or replaces) the observed status of one facility of the dataset; returns the observation id. */
export function recordFacilityStatus(db: Db, input: FacilityStatusInput): number {
  const s = parse(FacilityStatusInput, input, 'facility status');
  const datasetId = context(db, s.dataset, s.operationId);
  const f = findFacility(db, datasetId, s.facilityId);
  if (!f) throw new PostopError({ key: 'postop.noFacility', params: { id: s.facilityId } }, 'not_found', 'facilityId');
  return replaceObservation(db, {
    datasetId, operationId: s.operationId ?? null, kind: 'facility_status', product: 'report:facility_status', featureKey: `${opKey(s.operationId)}:${s.facilityId}`,
    geometry: f.geometry,
    damageClass: s.damage === undefined ? null : DAMAGE_CLASS_KEYS.indexOf(s.damage), rawValue: s.down ? 'down' : 'up',
    source: s.source, sensorDate: s.observedAt ?? null,
    data: { facilityId: s.facilityId, name: f.name, sector: f.sector, facilityKind: f.kind, down: s.down, daysToRestore: s.daysToRestore, damage: s.damage ?? null, confidence: s.confidence, note: s.note ?? null },
  });
}

export function recordServiceOutage(db: Db, input: ServiceOutageInput): number {
  const s = parse(ServiceOutageInput, input, 'service outage');
  const datasetId = context(db, s.dataset, s.operationId);
  return replaceObservation(db, {
    datasetId, operationId: s.operationId ?? null, kind: 'service_outage', product: 'report:service_outage', featureKey: `${opKey(s.operationId)}:${s.id ?? randomUUID()}`,
    geometry: s.area ?? null, damageClass: null, rawValue: `${s.people} people x ${s.days} days`, source: s.source, sensorDate: s.observedAt ?? null,
    data: { sector: s.sector, people: s.people, days: s.days, confidence: s.confidence, note: s.note ?? null },
  });
}

export function recordCasualtyReport(db: Db, input: CasualtyReportInput): number {
  const s = parse(CasualtyReportInput, input, 'casualty report');
  const datasetId = context(db, s.dataset, s.operationId);
  return replaceObservation(db, {
    datasetId, operationId: s.operationId ?? null, kind: 'casualty_report', product: 'report:casualty_report', featureKey: `${opKey(s.operationId)}:${s.id ?? randomUUID()}`,
    geometry: null, damageClass: null, rawValue: `killed ${s.killed ?? '?'}, injured ${s.injured ?? '?'}`, source: s.source, sensorDate: s.observedAt ?? null,
    data: { killed: s.killed, injured: s.injured, seriouslyInjured: s.seriouslyInjured ?? null, byGroup: s.byGroup ?? {}, confidence: s.confidence, note: s.note ?? null },
  });
}

/** Records (or, with the same `id`, replaces) a report of people displaced; returns the observation id. */
export function recordDisplacementReport(db: Db, input: DisplacementReportInput): number {
  const s = parse(DisplacementReportInput, input, 'displacement report');
  const datasetId = context(db, s.dataset, s.operationId);
  return replaceObservation(db, {
    datasetId, operationId: s.operationId ?? null, kind: 'displacement_report', product: 'report:displacement_report', featureKey: `${opKey(s.operationId)}:${s.id ?? randomUUID()}`,
    geometry: null, damageClass: null, rawValue: `displaced ${s.displaced}`, source: s.source, sensorDate: s.observedAt ?? null,
    data: { displaced: s.displaced, inPublicShelter: s.inPublicShelter ?? null, byGroup: s.byGroup ?? {}, confidence: s.confidence, note: s.note ?? null },
  });
}

export interface ListFilter extends ObservationFilter {
  dataset: string | number;
}

export function listObservations(db: Db, filter: ListFilter): StoredObservation[] {
  const { dataset, ...rest } = filter;
  return listStoredObservations(db, context(db, dataset, filter.operationId), rest);
}

// ---------- the observed outcomes of one operation, as the comparison reads them ----------

export interface ObservedFacility { facilityId: string; down: boolean; daysToRestore: number | null; damage: DamageClassKey | null; lonLat: [number, number] | null; source: string; confidence: Confidence }
export interface ObservedOutage { sector: Sector; people: number; days: number; source: string; confidence: Confidence }
export interface ObservedCasualties {
  killed: number | null; injured: number | null; seriouslyInjured: number | null;
  byGroup: Partial<Record<Group, { killed?: number; injured?: number }>>;
  source: string; confidence: Confidence; observedAt: string | null;
}
export interface ObservedDisplacement {
  displaced: number; inPublicShelter: number | null; byGroup: Partial<Record<Group, number>>;
  source: string; confidence: Confidence; observedAt: string | null;
}
export interface ObservedDamage { lonLat: [number, number]; damageClass: DamageClass; product: string }

export interface ObservedOutcomes {
  damage: ObservedDamage[];
  /** Observed footprints (areas looked at); damage counts only inside them. */
  footprints: (Polygon | MultiPolygon)[];
  facilities: ObservedFacility[];
  outages: ObservedOutage[];
  casualties: ObservedCasualties[];
  /** Displacement reports (issue 17); absent in outcomes built before them. */
  displacement?: ObservedDisplacement[];
}

/** Everything observed for an operation (and for its dataset without an operation), for compare(). */
/** `ownOnly`: only what was recorded for this operation (calibration), not the observations assigned to none. */
export function loadOutcomes(db: Db, dataset: string | number, operationId?: number, opts: { ownOnly?: boolean } = {}): ObservedOutcomes {
  const listed = listObservations(db, { dataset, operationId });
  const all = opts.ownOnly && operationId !== undefined ? listed.filter((o) => o.operationId === operationId) : listed;
  const point = (g: Geometry | null): [number, number] | null => {
    if (!g) return null;
    if (g.type === 'Point') return [g.coordinates[0]!, g.coordinates[1]!];
    return null;
  };
  return {
    damage: all.filter((o) => o.kind === 'building_damage' && o.damageClass !== null).map((o) => ({
      lonLat: vertexCentroid(o.geometry!), damageClass: o.damageClass!, product: o.product,
    })),
    footprints: all.filter((o) => o.kind === 'footprint' && o.geometry).map((o) => o.geometry as Polygon | MultiPolygon),
    facilities: all.filter((o) => o.kind === 'facility_status').map((o) => ({
      facilityId: String(o.data.facilityId), down: Boolean(o.data.down), daysToRestore: (o.data.daysToRestore as number | null) ?? null,
      damage: (o.data.damage as DamageClassKey | null) ?? null, lonLat: point(o.geometry), source: o.source, confidence: o.data.confidence as Confidence,
    })),
    outages: all.filter((o) => o.kind === 'service_outage').map((o) => ({
      sector: o.data.sector as Sector, people: o.data.people as number, days: o.data.days as number, source: o.source, confidence: o.data.confidence as Confidence,
    })),
    casualties: all.filter((o) => o.kind === 'casualty_report').map((o) => ({
      killed: o.data.killed as number | null, injured: o.data.injured as number | null, seriouslyInjured: (o.data.seriouslyInjured as number | null) ?? null,
      byGroup: (o.data.byGroup ?? {}) as ObservedCasualties['byGroup'], source: o.source, confidence: o.data.confidence as Confidence, observedAt: o.sensorDate,
    })),
    displacement: all.filter((o) => o.kind === 'displacement_report').map((o) => ({
      displaced: o.data.displaced as number, inPublicShelter: (o.data.inPublicShelter as number | null) ?? null,
      byGroup: (o.data.byGroup ?? {}) as ObservedDisplacement['byGroup'], source: o.source, confidence: o.data.confidence as Confidence, observedAt: o.sensorDate,
    })),
  };
}
