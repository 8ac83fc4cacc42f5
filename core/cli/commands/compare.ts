import type { Command } from '../command';
import { callOrFail, requireString } from '../command';
import { CliError } from '../errors';
import { assessmentOptions, datasetIdByName, operationFrom, runOptions } from './assess';
import { formatInterval } from '../../model/format';
import { labelsFor } from '../../report/labels';

interface Comparison { options: { name: string; rank: number; result: { casualties: { killed: { mean: number; p05: number; p95: number }; seriouslyInjured: { mean: number; p05: number; p95: number } } } }[]; indistinguishable: { a: string; b: string; measure: string }[]; rankedBy: string }

export const compareCommand: Command = {
  name: 'compare',
  usage: 'uia compare --dataset NAME --area A.geojson --area B.geojson [...] [assess options] [--json]',
  summary: 'Assess several options on one dataset and rank them; flags options the data cannot tell apart.',
  options: { ...assessmentOptions, area: { type: 'string', multiple: true } },
  async run(values, _p, ctx) {
    const files = (values.area as string[] | undefined) ?? [];
    if (files.length < 2) throw new CliError({ key: 'cli.compareTwo' }, 2);
    const datasetId = await datasetIdByName(ctx, requireString(values, 'dataset'));
    const operations = files.map((f) => operationFrom(values, [f], f));
    const result = await callOrFail(ctx, 'assess.compare', { datasetId, operations, ...runOptions(values) });
    if (values.json) return ctx.out(JSON.stringify(result, null, 2));
    const loc = ctx.loc, L = labelsFor(loc).severity;
    // The measures are severities ('killed', …); an unknown one is shown as the API names it.
    const measure = (m: string) => (m in L ? L[m as keyof typeof L] : m);
    ctx.out(loc.t('cli:compare.rankedBy', { measure: measure(result.rankedBy) }));
    for (const o of [...result.options].sort((a, b) => a.rank - b.rank)) {
      ctx.out(loc.t('cli:compare.option', { rank: loc.number().format(o.rank), name: o.name, killed: formatInterval(o.result.casualties.killed, loc), serious: formatInterval(o.result.casualties.seriouslyInjured, loc) }));
    }
    for (const p of result.indistinguishable) ctx.out(loc.t('cli:compare.indistinguishable', { measure: measure(p.measure), a: p.a, b: p.b }));
  },
};
