import type { Command } from '../command';
import { callOrFail, requireString } from '../command';
import { CliError } from '../errors';
import { assessmentOptions, datasetIdByName, operationFrom, runOptions } from './assess';
import { formatInterval } from '../../model/format';

interface Comparison { options: { name: string; rank: number; result: { casualties: { killed: { mean: number; p05: number; p95: number }; seriouslyInjured: { mean: number; p05: number; p95: number } } } }[]; indistinguishable: { a: string; b: string; measure: string }[]; rankedBy: string }

export const compareCommand: Command = {
  name: 'compare',
  usage: 'uia compare --dataset NAME --area A.geojson --area B.geojson [...] [assess options] [--json]',
  summary: 'Assess several options on one dataset and rank them; flags options the data cannot tell apart.',
  options: { ...assessmentOptions, area: { type: 'string', multiple: true } },
  async run(values, _p, ctx) {
    const files = (values.area as string[] | undefined) ?? [];
    if (files.length < 2) throw new CliError('compare needs at least two --area files', 2);
    const datasetId = await datasetIdByName(ctx, requireString(values, 'dataset'));
    const operations = files.map((f) => operationFrom(values, [f], f));
    const result = await callOrFail(ctx, 'assess.compare', { datasetId, operations, ...runOptions(values) });
    if (values.json) return ctx.out(JSON.stringify(result, null, 2));
    ctx.out(`Ranked by ${result.rankedBy} (fewest first):`);
    for (const o of [...result.options].sort((a, b) => a.rank - b.rank)) {
      ctx.out(`${o.rank}. ${o.name}: killed ${formatInterval(o.result.casualties.killed)}; seriously injured ${formatInterval(o.result.casualties.seriouslyInjured)}`);
    }
    for (const p of result.indistinguishable) ctx.out(`Cannot be told apart on ${p.measure}: ${p.a} and ${p.b} (intervals overlap)`);
  },
};
