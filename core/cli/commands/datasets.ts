import type { Command } from '../command';
import { callOrFail } from '../command';
import { SECTORS, type DatasetSummary } from '../../model/dataset';
import { formatCount } from '../../model/format';
import { labelsFor } from '../../report/labels';

export const datasetsCommand: Command = {
  name: 'datasets',
  usage: 'uia datasets [--json]',
  summary: 'List datasets: name, bounding box, licence, and counts of units, residents, buildings, facilities by sector, protected sites, and per sector what is given and what is inferred.',
  options: { json: { type: 'boolean' } },
  async run(values, _p, ctx) {
    const list = await callOrFail(ctx, 'datasets.list', {});
    if (values.json) return ctx.out(JSON.stringify(list, null, 2));
    const loc = ctx.loc, t = loc.t, L = labelsFor(loc), n = (x: number) => formatCount(x, loc);
    for (const d of list) {
      const f = d.counts.facilities;
      ctx.out(d.synthetic ? t('cli:datasets.synthetic', { name: d.name }) : d.name);
      // Coordinates are data to copy: Latin digits and a decimal point whatever the language.
      ctx.out(t('cli:datasets.licence', { licence: d.licence, bbox: d.bbox?.map((v) => v.toFixed(4)).join(', ') ?? t('cli:datasets.empty') }));
      ctx.out(t('cli:datasets.counts', { residents: n(d.counts.residents), units: n(d.counts.populationUnits), buildings: n(d.counts.buildings), sites: n(d.counts.protectedSites) }));
      ctx.out(t('cli:datasets.facilities', { list: SECTORS.map((s) => `${L.sector[s]} ${n(f[s])}`).join(t('report:format.listComma')) }));
      for (const s of SECTORS) {
        const v = d.sectors[s];
        ctx.out(`  ${L.sector[s]}: ${v.facilities === 0 ? t('cli:datasets.noFacilities') : t('cli:datasets.provenance', {
          facilities: t('cli:datasets.facilityCount', { count: v.facilities, n: n(v.facilities) }), withCapacity: n(v.withCapacity),
          areasGiven: n(v.serviceAreas.given), areasInferred: n(v.serviceAreas.inferred), linksGiven: n(v.links.given), linksInferred: n(v.links.inferred),
        })}`);
      }
    }
  },
};
