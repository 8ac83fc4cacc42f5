/**
 * An import in words, in the reader's language: the phase the progress bar shows and the report
 * summary (one line per file, then the dataset). Pure (no Node modules): the import panel words
 * the job's progress and result with it, the job result carries the English summary the CLI prints.
 * Skip reasons and facility kinds stay as the importers name them (codes, e.g. "health/hospital").
 */
import type { ImportReport } from './pipeline';
import { formatCount } from '../model/format';
import { ENGLISH, type Locale } from '../i18n/locale';

/** What an import is doing: keys of the `report` catalogue's import.phase. */
export const IMPORT_PHASES = [
  'starting', 'readingCsv', 'readingGeojson', 'readingLayer', 'parsingOsm', 'readingGeotiff', 'readingGeotiffPixels', 'readingShapefile',
  'merging', 'allocating', 'inferring', 'writing',
] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];
/** A phase with what it names: the file being read (its name), the GeoPackage table. */
export interface ImportStep { key: ImportPhase; file?: string; table?: string }

/** Before the import reports its first step. */
export const STARTING: ImportStep = { key: 'starting' };

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** "porto.osm.pbf: parsing OSM"; English by default (the progress's `phase`). */
export function phaseInWords(s: ImportStep, loc: Locale = ENGLISH): string {
  const what = loc.t(`report:import.phase.${s.key}`, { table: s.table ?? '' });
  return s.file ? loc.t('report:import.phase.ofFile', { file: s.file, phase: what }) : what;
}

/** A short summary of a report, one line per file plus the dataset's totals (the CLI prints it in English). */
export function formatReport(r: ImportReport, loc: Locale = ENGLISH): string {
  const n = (x: number) => formatCount(x, loc);
  const seconds = (ms: number) => loc.number({ minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ms / 1000);
  const list = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${n(v)} ${k}`).join(loc.t('report:format.listComma'));
  const lines = r.files.map((f) => {
    const c = f.counts;
    const kinds = list(c.facilityKinds), skipped = list(f.skipped);
    return loc.t('report:import.summary.file', {
      file: fileName(f.file), format: f.format, crs: f.crs, seconds: seconds(f.durationMs),
      units: n(c.populationUnits), residents: n(c.residents), buildings: n(c.buildings),
      facilities: n(c.facilities ? Object.values(c.facilities).reduce((a, b) => a + b, 0) : 0),
      kinds: kinds ? loc.t('report:import.summary.kinds', { list: kinds }) : '',
      sites: n(c.protectedSites),
      replaced: f.replaced ? loc.t('report:import.summary.replaced', { n: n(f.replaced) }) : '',
      leftOut: skipped ? loc.t('report:import.summary.leftOut', { list: skipped }) : '',
      licence: f.licence ?? loc.t('report:import.summary.licenceNone'), licenceFrom: loc.t(`report:import.summary.licenceFrom.${f.licenceFrom}`),
    });
  });
  const a = r.allocation;
  lines.push(loc.t('report:import.summary.dataset', {
    name: r.dataset, units: n(r.totals.populationUnits), residents: n(r.totals.residents),
    onBuildings: n(a.residentsOnBuildings), buildingsWith: n(a.buildingsWithResidents), onUnits: n(a.residentsOnUnits), unitsKeeping: n(a.unitsKeepingResidents),
    buildings: n(r.totals.buildings), workers: n(a.workers), dependencies: n(r.inference.dependencies), serviceAreas: n(r.inference.serviceAreas),
    seconds: seconds(r.durationMs),
  }));
  return lines.join('\n');
}
