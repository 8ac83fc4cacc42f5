/**
 * What the window may ask of the backend (issue 15). The renderer is the part most exposed to
 * hostile content (an imported file's names and tags end up in it), so it never names a file: the
 * operations that read or write a path go through the main process, which asks the user with a
 * native dialog and fills the path in itself. One list each; a new operation is reachable from the
 * window only once it is added here (tests/electron/main.test.ts checks no path field slips in).
 */
import type { OperationName } from '../core/api/contract';

/** Operations the window calls as they are. */
export const RENDERER_OPERATIONS: readonly OperationName[] = [
  'app.info', 'datasets.list', 'datasets.layers', 'exposure.residents',
  'assess.run', 'assess.start', 'assess.compare', 'assess.preview', 'assess.save', 'assessments.get', 'profiles.list',
  'basemap.tile', 'basemap.get', 'basemap.use', 'basemap.remove',
  'operations.list', 'operations.save', 'operations.delete', 'workspace.get', 'workspace.save',
  'jobs.status', 'jobs.cancel',
  'observations.list', 'observations.recordCasualtyReport', 'observations.recordDisplacementReport', 'observations.recordServiceOutage', 'observations.recordFacilityStatus',
  'observations.delete',
  'postop.compare', 'postop.calibrate', 'parameters.sets.list', 'parameters.sets.choose',
  'facilities.get', 'facilities.create', 'facilities.update', 'facilities.delete',
  'dependencies.create', 'dependencies.update', 'dependencies.delete', 'serviceAreas.upsert', 'serviceAreas.delete',
  'edits.list', 'edits.undo', 'settings.getAuthor', 'settings.setAuthor', 'settings.getLanguage', 'settings.setLanguage',
];

export interface PathDialog {
  /** The input field the chosen path fills ('files' and 'answers' take a list). */
  field: 'files' | 'path' | 'out' | 'answers';
  kind: 'open' | 'open-many' | 'save';
  title: string;
  filters?: { name: string; extensions: string[] }[];
}

const PACKAGE_FILTER = [{ name: 'Scenario package', extensions: ['uiapkg'] }];

const ANSWER_FILTER = [{ name: 'Trainee answer', extensions: ['json'] }];

/**
 * Operations that take paths: the main process shows one dialog per path, in order, and calls them
 * with the user's choices (a cancelled dialog cancels the call).
 */
export const PATH_OPERATIONS: Partial<Record<OperationName, readonly PathDialog[]>> = {
  'import.start': [{ field: 'files', kind: 'open-many', title: 'Import data files' }],
  'observations.import': [{ field: 'files', kind: 'open-many', title: 'Import observed damage' }],
  'package.import': [{ field: 'path', kind: 'open', title: 'Import a scenario package', filters: PACKAGE_FILTER }],
  'package.reveal': [{ field: 'path', kind: 'open', title: 'Reveal the outcomes of a scenario package', filters: PACKAGE_FILTER }],
  'package.export': [{ field: 'out', kind: 'save', title: 'Export a scenario package', filters: PACKAGE_FILTER }],
  'package.unlockPhase': [{ field: 'path', kind: 'open', title: 'The scenario package whose next phase you unlock', filters: PACKAGE_FILTER }],
  'package.answer': [
    { field: 'path', kind: 'open', title: 'The scenario package you answer', filters: PACKAGE_FILTER },
    { field: 'out', kind: 'save', title: 'Save your answer', filters: ANSWER_FILTER },
  ],
  'package.score': [
    { field: 'path', kind: 'open', title: 'The scenario package', filters: PACKAGE_FILTER },
    { field: 'answers', kind: 'open-many', title: "The trainees' answers", filters: ANSWER_FILTER },
  ],
  'datasets.export': [{ field: 'path', kind: 'save', title: 'Export the dataset' }],
  'basemap.add': [{ field: 'path', kind: 'open', title: 'Choose a basemap file', filters: [{ name: 'MBTiles or PMTiles', extensions: ['mbtiles', 'pmtiles'] }] }],
};
