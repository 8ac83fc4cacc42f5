import type { Command } from '../command';
import { requireString } from '../command';
import { CliError } from '../errors';
import { parseWindowText } from '../../import/window';

export const importCommand: Command = {
  name: 'import',
  usage: 'uia import FILE [FILE...] --dataset NAME [--mapping FILE.json] [--window W,S,E,N] [--licence TEXT] [--attribution TEXT] [--json]',
  summary: 'Import OSM PBF, census/population polygons (GeoPackage, GeoJSON, shapefile), GeoTIFF rasters or facility CSV into a dataset, all or nothing.',
  options: { dataset: { type: 'string' }, mapping: { type: 'string' }, window: { type: 'string' }, licence: { type: 'string' }, attribution: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  async run(values, files, ctx) {
    if (files.length === 0) throw new CliError('name at least one file to import', 2);
    const dataset = requireString(values, 'dataset');
    // The importers load here, not with the command table (uia's start-up stays quick).
    const [{ formatReport, importFiles }, { readMappingFile }] = await Promise.all([import('../../import/pipeline'), import('../../import/field-mapping')]);
    const mapping = typeof values.mapping === 'string' ? readMappingFile(values.mapping) : undefined;
    // Rasters: read only this window (a raster too large to read whole is otherwise read over the dataset's buildings).
    const window = typeof values.window === 'string' ? parseWindowText(values.window) : undefined;
    if (typeof window === 'string') throw new CliError(window, 2);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    let last = 0;
    try {
      const report = await importFiles(ctx.backend().db, files, {
        dataset, mapping, window, signal: controller.signal,
        licence: values.licence as string | undefined, attribution: values.attribution as string | undefined,
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < 250 || !process.stderr.isTTY) return;
          last = now;
          const pct = p.bytesTotal > 0 ? `${Math.round((100 * p.bytesRead) / p.bytesTotal)}%` : '';
          process.stderr.write(`\r${p.phase} ${pct} ${p.features} features`.padEnd(60));
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(61) + '\r');
      ctx.out(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
