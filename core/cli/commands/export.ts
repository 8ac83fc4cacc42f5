import { resolve } from 'node:path';
import type { Command } from '../command';
import { callOrFail, requireString } from '../command';
import { CliError } from '../errors';
import { datasetIdByName } from './assess';

const FORMATS = ['gpkg', 'geojson'] as const;
type Format = (typeof FORMATS)[number];

interface Exported { path: string; format: Format; features: number; layers: Record<string, number> }

const isFormat = (f: string): f is (typeof FORMATS)[number] => (FORMATS as readonly string[]).includes(f);

export const exportCommand: Command = {
  name: 'export',
  usage: 'uia export --dataset NAME --format gpkg|geojson --out FILE [--overwrite] [--json]',
  summary: 'Export a dataset to a GeoPackage (population_units, buildings, facilities, protected_sites; EPSG:4326) or one GeoJSON FeatureCollection.',
  options: { dataset: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, overwrite: { type: 'boolean' }, json: { type: 'boolean' } },
  async run(values, _p, ctx) {
    const name = requireString(values, 'dataset');
    const format = requireString(values, 'format');
    if (!isFormat(format)) throw new CliError({ key: 'cli.format', params: { value: format } }, 2);
    const out = resolve(requireString(values, 'out'));
    const datasetId = await datasetIdByName(ctx, name);
    const r = await callOrFail(ctx, 'datasets.export', { datasetId, format, path: out, ...(values.overwrite ? { overwrite: true } : {}) });
    if (values.json) return ctx.out(JSON.stringify(r, null, 2));
    const loc = ctx.loc;
    // Layer names are the file's own table names: not translated.
    const detail = format === 'gpkg' ? Object.entries(r.layers).map(([k, n]) => `${k} ${loc.number().format(n)}`).join(', ') : loc.t('cli:export.features', { count: r.features, n: loc.number().format(r.features) });
    ctx.out(loc.t('cli:export.done', { name, path: r.path, detail }));
  },
};
