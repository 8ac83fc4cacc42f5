/**
 * API operations of the infrastructure editing workspace (issue 5): facilities, dependencies and
 * service areas, with a recorded, undoable history; the author name edits are recorded under; and
 * dataset export to GeoPackage or GeoJSON. Handlers: core/api/editing-handlers.ts.
 *
 * Inputs are strict objects built from the model's own pieces (core/model/dataset.ts), so a bad
 * edit (negative capacity, a kind of another sector, a facility depending on itself) is refused
 * here with the field named, before the store is touched; the store checks again.
 */
import * as z from 'zod';
import { op } from './op';
import {
  ALL_FACILITY_KINDS, ArealGeometry, CONSTRUCTION_CLASSES, Capacity, Dependency, FACILITY_KINDS, Facility, PointGeometry,
  SECTORS, SERVICE_INPUTS, ServiceArea, type FacilityKind,
} from '../model/dataset';
import { LANGUAGES } from '../i18n/languages';
import type { Digits } from '../i18n/locale';

/** Latin (0-9) or Arabic-Indic (٠-٩) digits, a setting of Arabic. */
const DIGITS = ['latn', 'arab'] as const satisfies readonly Digits[];

const DatasetId = z.number().int().positive();
const ExtId = z.string().min(1).max(200);
/** Absolute (POSIX, Windows drive or UNC): the backend's working directory means nothing to the user. */
const Path = z.string().min(1).max(4096).refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'must be an absolute path');
const BackupDays = z.number().finite().min(0).max(3650);
const Kind = z.enum(ALL_FACILITY_KINDS as [FacilityKind, ...FacilityKind[]]);
const StrictCapacity = z.strictObject(Capacity.shape);
const kindOfSector = (f: { sector?: (typeof SECTORS)[number]; kind?: string }) =>
  f.sector === undefined || f.kind === undefined || (FACILITY_KINDS[f.sector] as readonly string[]).includes(f.kind);
const KIND_MESSAGE = { message: 'kind does not belong to the facility sector', path: ['kind'] };

/** An operation whose input carries refinements across fields (op() takes a plain shape). */
function form<S extends z.ZodType, O extends z.ZodType>(description: string, input: S, output: O) {
  return { description, input, output };
}

const NewFacility = z.strictObject({
  /** Default: the next free "facility-N". */
  id: ExtId.optional(),
  name: z.string().max(500),
  sector: z.enum(SECTORS),
  kind: Kind,
  construction: z.enum(CONSTRUCTION_CLASSES),
  capacity: StrictCapacity.optional(),
  geometry: PointGeometry,
  /** Default "edited". */
  source: z.string().max(500).optional(),
}).refine(kindOfSector, KIND_MESSAGE);

const FacilityChanges = z.strictObject({
  name: z.string().max(500).optional(),
  sector: z.enum(SECTORS).optional(),
  kind: Kind.optional(),
  construction: z.enum(CONSTRUCTION_CLASSES).optional(),
  /** Replaces the whole capacity (leave a measure out to clear it). */
  capacity: StrictCapacity.optional(),
  /** A move. */
  geometry: PointGeometry.optional(),
  source: z.string().max(500).optional(),
}).refine(kindOfSector, KIND_MESSAGE);

export const EDIT_ENTITIES = ['facility', 'dependency', 'serviceArea'] as const;

export const EditRecordSchema = z.object({
  id: z.number().int(),
  datasetId: z.number().int(),
  entity: z.enum(EDIT_ENTITIES),
  entityId: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  author: z.string(),
  at: z.string(),
  undoOf: z.number().int().nullable(),
  causedBy: z.number().int().nullable(),
  undone: z.boolean(),
});

const Edited = z.object({ editId: z.number().int().nullable() });

export const editingContract = {
  'facilities.get': op('One facility with the dependencies that name it and its service areas.',
    { datasetId: DatasetId, id: ExtId },
    z.object({ facility: Facility, dependencies: z.array(Dependency), serviceAreas: z.array(ServiceArea) })),
  'facilities.create': op('Add a facility at a point; recorded and undoable.',
    { datasetId: DatasetId, facility: NewFacility },
    Edited.extend({ facility: Facility })),
  'facilities.update': op('Change a facility (name, sector, kind, construction, capacity) or move it (new geometry); recorded and undoable.',
    { datasetId: DatasetId, id: ExtId, changes: FacilityChanges },
    Edited.extend({ facility: Facility })),
  'facilities.delete': op('Delete a facility with the dependencies and service areas that name it; recorded, and undo restores them all.',
    { datasetId: DatasetId, id: ExtId },
    Edited.extend({ facility: Facility, dependencies: z.number().int(), serviceAreas: z.number().int() })),
  'dependencies.create': form('Draw a dependency: the consumer needs an input from the supplier, with days of backup; recorded and undoable.',
    z.strictObject({
      datasetId: DatasetId,
      /** Default: the next free "dep-N". */
      id: ExtId.optional(),
      supplierId: ExtId,
      consumerId: ExtId,
      input: z.enum(SERVICE_INPUTS),
      backupDays: BackupDays.optional(),
    }).refine((d) => d.supplierId !== d.consumerId, { message: 'a facility cannot depend on itself', path: ['supplierId'] }),
    Edited.extend({ dependency: Dependency })),
  'dependencies.update': op('Change the backup days (or the input) of a dependency; an inferred one becomes the user\'s own.',
    { datasetId: DatasetId, id: ExtId, backupDays: BackupDays.optional(), input: z.enum(SERVICE_INPUTS).optional() },
    Edited.extend({ dependency: Dependency })),
  'dependencies.delete': op('Delete a dependency; recorded and undoable.',
    { datasetId: DatasetId, id: ExtId },
    Edited.extend({ dependency: Dependency })),
  'serviceAreas.upsert': op('Draw a service area for a facility, or adjust an existing one (by id); recorded and undoable.',
    { datasetId: DatasetId, id: ExtId.optional(), facilityId: ExtId, geometry: ArealGeometry },
    Edited.extend({ serviceArea: ServiceArea, created: z.boolean() })),
  'serviceAreas.delete': op('Delete a service area; recorded and undoable.',
    { datasetId: DatasetId, id: ExtId },
    Edited.extend({ serviceArea: ServiceArea })),
  'edits.list': op('Recorded edits of a dataset, newest first: all, one entity, or everything about one facility (its dependencies and service areas too); and the edit the next undo would revert.',
    {
      datasetId: DatasetId,
      entity: z.enum(EDIT_ENTITIES).optional(),
      entityId: ExtId.optional(),
      facilityId: ExtId.optional(),
      limit: z.number().int().min(1).max(10_000).optional(),
    },
    z.object({ edits: z.array(EditRecordSchema), nextUndo: EditRecordSchema.nullable() })),
  'edits.undo': op('Undo the last edit of a dataset (or one edit by id, if its entity has not changed since); the undo is recorded too.',
    { datasetId: DatasetId, editId: z.number().int().positive().optional() },
    z.object({ undone: EditRecordSchema, edit: EditRecordSchema })),
  'settings.getAuthor': op('The name edits are recorded under, or null when not set.', {}, z.object({ author: z.string().nullable() })),
  'settings.setAuthor': op('Set the name edits are recorded under.',
    { author: z.string().trim().min(1, 'the author name must not be empty').max(200) },
    z.object({ author: z.string() })),
  'settings.getLanguage': op('The interface language chosen in the picker (null: follow the system locale) and the digits Arabic is written with.', {},
    z.object({ language: z.enum(LANGUAGES).nullable(), digits: z.enum(DIGITS) })),
  'settings.setLanguage': op('Remember the interface language and digits across launches.',
    { language: z.enum(LANGUAGES), digits: z.enum(DIGITS) },
    z.object({ language: z.enum(LANGUAGES).nullable(), digits: z.enum(DIGITS) })),
  'datasets.export': op('Export a dataset to a GeoPackage (four layers, EPSG:4326) or one GeoJSON FeatureCollection.',
    { datasetId: DatasetId, format: z.enum(['gpkg', 'geojson']), path: Path, overwrite: z.boolean().optional() },
    z.object({ path: z.string(), format: z.enum(['gpkg', 'geojson']), features: z.number().int(), layers: z.record(z.string(), z.number()) })),
} as const;
