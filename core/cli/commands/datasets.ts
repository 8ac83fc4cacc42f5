import type { Command } from '../command';
import { callOrFail } from '../command';
import { SECTORS, describeSectorProvenance, type DatasetSummary } from '../../model/dataset';
import { formatCount } from '../../model/format';

export const datasetsCommand: Command = {
  name: 'datasets',
  usage: 'uia datasets [--json]',
  summary: 'List datasets: name, bounding box, licence, and counts of units, residents, buildings, facilities by sector, protected sites, and per sector what is given and what is inferred.',
  options: { json: { type: 'boolean' } },
  async run(values, _p, ctx) {
    const list = await callOrFail(ctx, 'datasets.list', {});
    if (values.json) return ctx.out(JSON.stringify(list, null, 2));
    for (const d of list) {
      const f = d.counts.facilities;
      ctx.out(`${d.name}${d.synthetic ? '  [SYNTHETIC]' : ''}`);
      ctx.out(`  licence: ${d.licence}; bbox: ${d.bbox?.map((v) => v.toFixed(4)).join(', ') ?? 'empty'}`);
      ctx.out(`  ${formatCount(d.counts.residents)} residents in ${formatCount(d.counts.populationUnits)} units; ${formatCount(d.counts.buildings)} buildings; ${formatCount(d.counts.protectedSites)} protected sites`);
      ctx.out(`  facilities: water ${f.water}, power ${f.power}, health ${f.health}, sanitation ${f.sanitation}, communications ${f.communications}`);
      for (const s of SECTORS) ctx.out(`  ${s}: ${describeSectorProvenance(d.sectors[s])}`);
    }
  },
};
