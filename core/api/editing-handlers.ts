/**
 * Handlers for core/api/editing-contract.ts. Input arrives validated by the contract; the store
 * (core/store/facilities.ts, dependencies.ts, service-areas.ts, edit-history.ts) validates again, writes the change with its edits row in one transaction and
 * refreshes the dataset's content hash, so the engine's cached city (keyed by that hash) is rebuilt.
 * Store errors keep their code and field; fields inside a nested input get the input's prefix
 * (`facility.capacity.beds`, `changes.kind`).
 */
import type { BackendContext } from './handlers';
import type { Input, OperationName, Output } from './contract';
import { DomainError } from '../model/errors';
import { createFacility, deleteFacility, getFacility, updateFacility } from '../store/facilities';
import { createDependency, deleteDependency, updateDependency } from '../store/dependencies';
import { deleteServiceArea, upsertServiceArea } from '../store/service-areas';
import { lastUndoableEdit, listEdits, undoEdit, undoLastEdit } from '../store/edit-history';
import { getAuthor, getLanguageChoice, setAuthor, setLanguageChoice } from '../store/settings';
import { requireDataset } from '../store/datasets';

type EditingName = Extract<OperationName,
  `facilities.${string}` | `dependencies.${string}` | `serviceAreas.${string}` | `edits.${string}` | `settings.${string}` | 'datasets.export'>;
type EditingHandlers = { [N in EditingName]: (input: Input<N>) => Promise<Output<N>> | Output<N> };

/** Store fields that are not top-level inputs are put under `prefix` (`beds` -> `facility.beds`). */
function guard<I extends object, O>(f: (input: I) => O, prefix?: string): (input: I) => O {
  return (input: I) => {
    try {
      return f(input);
    } catch (e) {
      if (prefix && e instanceof DomainError && e.field !== undefined && !Object.hasOwn(input, e.field.split('.')[0]!)) throw e.under(prefix);
      throw e;
    }
  };
}

/** File-system failures that mean "this path cannot be written" (Node's errno codes, SQLite's for the GeoPackage). */
const UNWRITABLE = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'SQLITE_CANTOPEN']);

export function createEditingHandlers(ctx: BackendContext): EditingHandlers {
  const { db } = ctx;
  return {
    'facilities.get': guard(({ datasetId, id }) => getFacility(db, datasetId, id)),
    'facilities.create': guard(({ datasetId, facility }) => createFacility(db, datasetId, facility), 'facility'),
    'facilities.update': guard(({ datasetId, id, changes }) => updateFacility(db, datasetId, id, changes), 'changes'),
    'facilities.delete': guard(({ datasetId, id }) => deleteFacility(db, datasetId, id)),
    'dependencies.create': guard(({ datasetId, ...d }) => createDependency(db, datasetId, d)),
    'dependencies.update': guard(({ datasetId, id, ...changes }) => updateDependency(db, datasetId, id, changes)),
    'dependencies.delete': guard(({ datasetId, id }) => deleteDependency(db, datasetId, id)),
    'serviceAreas.upsert': guard(({ datasetId, ...a }) => upsertServiceArea(db, datasetId, a)),
    'serviceAreas.delete': guard(({ datasetId, id }) => deleteServiceArea(db, datasetId, id)),
    'edits.list': guard(({ datasetId, ...filter }) => ({ edits: listEdits(db, datasetId, filter), nextUndo: lastUndoableEdit(db, datasetId) })),
    'edits.undo': guard(({ datasetId, editId }) => (editId === undefined ? undoLastEdit(db, datasetId) : undoEdit(db, datasetId, editId))),
    'settings.getAuthor': () => ({ author: getAuthor(db) }),
    'settings.setAuthor': guard(({ author }) => ({ author: setAuthor(db, author) })),
    'settings.getLanguage': () => getLanguageChoice(db),
    'settings.setLanguage': (choice) => setLanguageChoice(db, choice),
    'datasets.export': async ({ datasetId, format, path, overwrite }) => {
      requireDataset(db, datasetId);
      // The writers (wkx) load when exporting, not at every start.
      const [{ exportGeoPackage }, { exportGeoJson }] = await Promise.all([import('../formats/gpkg-write'), import('../formats/geojson-write')]);
      try {
        if (format === 'gpkg') {
          const r = exportGeoPackage(db, datasetId, path, { overwrite });
          return { path: r.path, format, features: Object.values(r.layers).reduce((s, n) => s + n, 0), layers: r.layers };
        }
        const r = exportGeoJson(db, datasetId, path, { overwrite });
        return { path: r.path, format, features: r.features, layers: { features: r.features } };
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (!(e instanceof DomainError) && typeof code === 'string' && UNWRITABLE.has(code)) {
          throw new DomainError('invalid_input', `path: cannot write ${path}: ${(e as Error).message}`, 'path');
        }
        throw e;
      }
    },
  };
}
