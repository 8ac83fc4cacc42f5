import type { Command, CommandContext } from '../command';
import { humanitarianHeadline } from '../../report/humanitarian';
import { callOrFail, optionalNumber, requireString } from '../command';
import { readAreaFile } from '../area-file';
import { CliError } from '../errors';
import type { DatasetSummary } from '../../model/dataset';
import { TIMES_OF_DAY, type Operation, type TimeOfDay } from '../../model/operation';
import type { AssessmentResult } from '../../model/assessment';
import { describeBeds, formatCount, formatInterval, formatSectorFigure } from '../../model/format';
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
  if (!found) throw new CliError(`no dataset named "${name}" (available: ${list.map((d) => d.name).join(', ') || 'none'})`);
  return found.id;
}

/** Builds an operation from area files and the settings flags (defaults: core/model/defaults.ts). */
export function operationFrom(values: Record<string, unknown>, areaFiles: string[], name: string): Operation {
  const time = (values.time as string | undefined) ?? DEFAULT_SETTINGS.timeOfDay;
  if (!(TIMES_OF_DAY as readonly string[]).includes(time)) throw new CliError(`--time must be one of ${TIMES_OF_DAY.join(', ')}, got "${time}"`, 2);
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
    ctx.out(summarise(result));
  },
};

/** Displacement, needs and schools (issue 17) in words; nothing for results stored before it. */
function humanitarianLines(r: AssessmentResult): string[] {
  const h = humanitarianHeadline(r);
  return h ? [`Displaced: ${h.displaced}`, `Minimum needs (Sphere 2018): ${h.needs}`, h.schools] : [];
}

export function summarise(r: AssessmentResult): string {
  const c = r.casualties;
  const lines = [
    `${r.operationName} — ${r.provenance.datasetName} (estimate; informs, does not replace, human judgement)`,
    `Residents in the areas: ${formatCount(r.exposed.residents)} (with their zones: ${formatCount(r.exposed.residentsInZones)})`,
    `Killed: ${formatInterval(c.killed)}`,
    `Seriously injured: ${formatInterval(c.seriouslyInjured)}`,
    `Lightly injured: ${formatInterval(c.lightlyInjured)}`,
    `Protected sites affected: ${r.protectedSites.length}`,
    ...r.protectedSites.slice(0, 10).map((s) => `  ${s.category}: ${s.name} (${formatCount(s.distanceToAreaEdgeM)} m from the area edge)`),
    ...Object.entries(r.infrastructure.sectors).map(([s, v]) => `People without ${s}: ${formatSectorFigure(v, 'peopleWithoutService')}`),
    describeBeds(r.infrastructure.beds),
    ...humanitarianLines(r),
    `Provenance: dataset ${r.provenance.datasetHash.slice(0, 12)}, parameters ${r.provenance.parameterSet}, seed ${r.provenance.seed}, ${r.provenance.runs} runs, app ${r.provenance.appVersion}`,
  ];
  return lines.join('\n');
}
