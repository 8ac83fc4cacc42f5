import type { Command } from '../command';
import { callOrFail, requireString } from '../command';
import { CliError } from '../errors';
import { parseWindowText } from '../../import/window';
import { readMappingFile } from '../../import/field-mapping';

/** How often the CLI asks for the import job's progress: also how long, at most, it waits after the import ends to say so (a call costs microseconds). */
const POLL_MS = 20;

export const importCommand: Command = {
  name: 'import',
  usage: 'uia import FILE [FILE...] --dataset NAME [--mapping FILE.json] [--window W,S,E,N] [--licence TEXT] [--attribution TEXT] [--json]',
  summary: 'Import OSM PBF, census/population polygons (GeoPackage, GeoJSON, shapefile), GeoTIFF rasters or facility CSV into a dataset, all or nothing.',
  options: { dataset: { type: 'string' }, mapping: { type: 'string' }, window: { type: 'string' }, licence: { type: 'string' }, attribution: { type: 'string' }, json: { type: 'boolean' } },
  allowPositionals: true,
  deferTrainingCity: true,
  async run(values, files, ctx) {
    if (files.length === 0) throw new CliError({ key: 'cli.noImportFile' }, 2);
    const dataset = requireString(values, 'dataset');
    const mapping = typeof values.mapping === 'string' ? readMappingFile(values.mapping) : undefined;
    // Rasters: read only this window (a raster too large to read whole is otherwise read over the dataset's buildings).
    const window = typeof values.window === 'string' ? parseWindowText(values.window) : undefined;
    if (typeof window === 'string') throw new CliError(window, 2);
    // Through the API like every other command: the import is a job (progress, cancellable, one transaction).
    const { jobId } = await callOrFail(ctx, 'import.start', {
      files, dataset, mapping, window, licence: values.licence as string | undefined, attribution: values.attribution as string | undefined,
    });
    const onSigint = () => { void ctx.backend().call('jobs.cancel', { jobId }); };
    process.once('SIGINT', onSigint);
    try {
      for (;;) {
        const s = await callOrFail(ctx, 'jobs.status', { jobId });
        if (s.state === 'done' && s.kind === 'import' && s.result) {
          if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(61) + '\r');
          const { summary, ...report } = s.result;
          ctx.out(values.json ? JSON.stringify(report, null, 2) : summary);
          return;
        }
        if (s.state !== 'running') throw new CliError(s.error ?? `import ${s.state}`);
        if (process.stderr.isTTY) {
          const pct = s.progress.total > 0 ? `${Math.round((100 * s.progress.done) / s.progress.total)}%` : '';
          process.stderr.write(`\r${s.progress.phase} ${pct}`.padEnd(60));
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
