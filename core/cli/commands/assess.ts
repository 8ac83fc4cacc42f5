import type { Command, CommandContext } from '../command';
import { humanitarianHeadline } from '../../report/humanitarian';
import { callOrFail, optionalNumber, requireString } from '../command';
import { readAreaFile } from '../area-file';
import { CliError } from '../errors';
import type { DatasetSummary } from '../../model/dataset';
import { TIMES_OF_DAY, type Operation, type TimeOfDay } from '../../model/operation';
import type { AssessmentResult } from '../../model/assessment';
import { describeBeds, formatCount, formatInterval, formatSectorFigure } from '../../model/format';
import { SECTORS } from '../../model/dataset';
import { ENGLISH, type Locale } from '../../i18n/locale';
import { labelsFor } from '../../report/labels';
import { DEFAULT_PROFILE_ID, DEFAULT_SETTINGS } from '../../model/defaults';

/** Options shared by `assess` and `compare`. */
export const assessmentOptions = {
  dataset: { type: 'string' },
  profile: { type: 'string' },
  time: { type: 'string' },
  warning: { type: 'string' },
  horizon: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  expectation: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export async function datasetIdByName(ctx: CommandContext, name: string): Promise<number> {
  const list = await callOrFail(ctx, 'datasets.list', {});
  const found = list.find((d) => d.name === name);
  if (!found) throw new CliError({ key: 'cli.noDataset', params: { name, available: list.map((d) => d.name).join(', ') || ctx.loc.t('errors:cli.none') } });
  return found.id;
}

/** Builds an operation from area files and the settings flags (defaults: core/model/defaults.ts). */
export function operationFrom(values: Record<string, unknown>, areaFiles: string[], name: string): Operation {
  const time = (values.time as string | undefined) ?? DEFAULT_SETTINGS.timeOfDay;
  if (!(TIMES_OF_DAY as readonly string[]).includes(time)) throw new CliError({ key: 'cli.timeOneOf', params: { values: TIMES_OF_DAY.join(', '), value: time } }, 2);
  const profileId = (values.profile as string | undefined) ?? DEFAULT_PROFILE_ID;
  const polygons = areaFiles.flatMap((f) => readAreaFile(f));
  return {
    name,
    areas: polygons.map((geometry, i) => ({ id: `area-${i + 1}`, name: `Area ${i + 1}`, geometry, profileId })),
    settings: {
      timeOfDay: time as TimeOfDay,
      warningShare: optionalNumber(values, 'warning', { min: 0, max: 1 }) ?? DEFAULT_SETTINGS.warningShare,
      horizonDays: optionalNumber(values, 'horizon', { min: 1, max: 3650 }) ?? DEFAULT_SETTINGS.horizonDays,
    },
  };
}

export function runOptions(values: Record<string, unknown>) {
  return {
    runs: optionalNumber(values, 'runs', { integer: true, min: 1, max: 100_000 }),
    seed: optionalNumber(values, 'seed', { integer: true, min: 0, max: 2 ** 31 - 1 }),
    mode: values.expectation ? ('expectation' as const) : undefined,
  };
}

export const assessCommand: Command = {
  name: 'assess',
  usage: 'uia assess --dataset NAME --area FILE.geojson [--profile low|medium|high] [--time night|day|commute] [--warning SHARE] [--horizon DAYS] [--runs N] [--seed S] [--expectation] [--json]',
  summary: 'Estimate civilian harm and infrastructure effects of one operation.',
  options: { ...assessmentOptions, area: { type: 'string' } },
  async run(values, _p, ctx) {
    const datasetId = await datasetIdByName(ctx, requireString(values, 'dataset'));
    const operation = operationFrom(values, [requireString(values, 'area')], 'CLI assessment');
    const result = await callOrFail(ctx, 'assess.run', { datasetId, operation, ...runOptions(values) });
    if (values.json) return ctx.out(JSON.stringify(result, null, 2));
    ctx.out(summarise(result, ctx.loc));
  },
};

/** Displacement, needs and schools (issue 17) in words; nothing for results stored before it. */
function humanitarianLines(r: AssessmentResult, loc: Locale): string[] {
  const h = humanitarianHeadline(r, loc);
  return h ? [loc.t('cli:assess.displaced', { text: h.displaced }), loc.t('cli:assess.needs', { text: h.needs }), h.schools] : [];
}

/** An estimate in plain text for a terminal (no isolation marks; figures in the reader's locale). */
export function summarise(r: AssessmentResult, loc: Locale = ENGLISH): string {
  const c = r.casualties, L = labelsFor(loc), t = loc.t, p = r.provenance;
  const lines = [
    t('cli:assess.title', { operation: r.operationName, dataset: p.datasetName }),
    t('cli:assess.residents', { inAreas: formatCount(r.exposed.residents, loc), inZones: formatCount(r.exposed.residentsInZones, loc) }),
    ...(['killed', 'seriouslyInjured', 'lightlyInjured'] as const).map((s) => t('report:summary.labelled', { label: L.severity[s], value: formatInterval(c[s], loc) })),
    t('cli:assess.sites', { n: formatCount(r.protectedSites.length, loc) }),
    ...r.protectedSites.slice(0, 10).map((s) => t('cli:assess.site', { category: L.category[s.category], name: s.name, distance: formatCount(s.distanceToAreaEdgeM, loc) })),
    ...SECTORS.map((s) => t('cli:assess.withoutService', { service: L.sectorNoun[s], value: formatSectorFigure(r.infrastructure.sectors[s], 'peopleWithoutService', loc) })),
    describeBeds(r.infrastructure.beds, loc),
    ...humanitarianLines(r, loc),
    // Hashes, seeds and versions are identifiers to type back in: never localised.
    t('cli:assess.provenance', { count: p.runs, hash: p.datasetHash.slice(0, 12), set: p.parameterSet, seed: String(p.seed), runs: formatCount(p.runs, loc), version: p.appVersion }),
  ];
  return lines.join('\n');
}
