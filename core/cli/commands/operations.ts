/**
 * `uia operations [--dataset NAME] [--json]`: the saved operations (options) with their ids, which
 * the review commands take (`uia observations compare --operation ID`, `uia package export --operation ID`).
 */
import type { Command } from '../command';
import { callOrFail } from '../command';
import { datasetIdByName } from './assess';
import type { DatasetSummary } from '../../model/dataset';
import type { Output } from '../../api/contract';

export interface OperationListing { id: number; name: string; datasetId: number; dataset: string; areas: number; updatedAt: string }

export const operationsCommand: Command = {
  name: 'operations',
  usage: 'uia operations [--dataset NAME] [--json]',
  summary: 'List saved operations (options) with their ids, per dataset.',
  options: { dataset: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, _p, ctx) {
    const datasets = await callOrFail(ctx, 'datasets.list', {});
    const only = typeof values.dataset === 'string' ? await datasetIdByName(ctx, values.dataset) : null;
    const rows: OperationListing[] = [];
    for (const d of datasets.filter((x) => only === null || x.id === only)) {
      for (const o of await callOrFail(ctx, 'operations.list', { datasetId: d.id })) {
        rows.push({ id: o.id, name: o.operation.name, datasetId: d.id, dataset: d.name, areas: o.operation.areas.length, updatedAt: o.updatedAt });
      }
    }
    if (values.json) return ctx.out(JSON.stringify(rows, null, 2));
    if (!rows.length) return ctx.out(ctx.loc.t('cli:operations.none'));
    // The id is what the review commands take: Latin digits, as typed.
    for (const r of rows) ctx.out(`${String(r.id).padStart(4)}  ${ctx.loc.t('cli:operations.row', { count: r.areas, name: r.name, dataset: r.dataset, areas: ctx.loc.number().format(r.areas) })}`);
  },
};
