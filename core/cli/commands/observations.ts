/**
 * `uia observations`: record what happened after an operation (METHOD.md §7).
 *   import FILE... --dataset NAME [--operation ID] [--footprint FILE] [--product KEY] [--sensor-date YYYY-MM-DD] [--json]
 *     Observed building damage (UNOSAT, Copernicus EMS) normalised to 0 none .. 4 destroyed; prints
 *     the count per class and how many fell outside the observed footprint. The dataset is created
 *     empty when there is none of that name (damage of a place with no imported city data).
 *     Damage outside the dataset's extent or far beyond the operation's zones is refused, naming how
 *     many, unless --confirm-outside is given.
 *   list --dataset NAME [--operation ID] [--json]
 *   compare --operation ID [--assessment ID] [--assess-if-missing] [--json]
 *     The estimate of a saved operation beside what was observed (the API's postop.compare, figures as there).
 */
import type { Command, CommandContext } from '../command';
import { callOrFail, optionalNumber, requireString } from '../command';
import { CliError } from '../errors';
import type { ImportSummary } from '../../postop/damage-import';
import type { ComparisonReply, ObservationList } from '../../api/postop-contract';
import { DAMAGE_CLASS_KEYS } from '../../postop/damage-classes';
import { formatCount, formatInterval, formatPercent } from '../../model/format';
import type { Locale } from '../../i18n/locale';

/** "Killed: predicted 12 (90% interval 3–30), observed 9 (inside)": one compared figure (label as the comparison words it). */
export function figureLine(f: { label: string; predicted: { mean: number; p05: number; p95: number }; observed: number; inside: boolean }, loc: Locale): string {
  return loc.t(f.inside ? 'cli:observations.figureInside' : 'cli:observations.figureOutside', { label: f.label, predicted: formatInterval(f.predicted, loc), observed: formatCount(f.observed, loc) });
}

const USAGE = 'uia observations import FILE [FILE...] --dataset NAME [--operation ID] [--footprint FILE] [--product KEY] [--sensor-date YYYY-MM-DD] [--confirm-outside] [--json] | uia observations list --dataset NAME [--operation ID] [--json] | uia observations compare --operation ID [--assessment ID] [--assess-if-missing] [--json]';

function formatSummary(dataset: string, s: ImportSummary): string {
  const lines = [`Imported ${formatCount(s.total)} damage records into "${dataset}" (${s.product || 'no product'}${s.sensorDates.length ? `, sensor dates ${s.sensorDates.join(', ')}` : ''})`];
  for (let c = 4; c >= 0; c--) lines.push(`  ${c} ${DAMAGE_CLASS_KEYS[c]}: ${formatCount(s.byClass[c as 0 | 1 | 2 | 3 | 4])}`);
  lines.push(`Outside the observed footprint (not stored): ${formatCount(s.outsideFootprint)}`);
  for (const p of s.products) {
    lines.push(`  ${p.product} ${p.versionLabel}: ${formatCount(p.stored)} stored, ${formatCount(p.replaced)} replaced, footprint ${p.footprint}`);
  }
  if (!s.products.some((p) => p.footprint !== 'none')) lines.push('No observed footprint: absence of records cannot be read as absence of damage.');
  for (const k of s.skipped) lines.push(`Skipped ${formatCount(k.count)}: ${k.reason}`);
  return lines.join('\n');
}

async function importRun(values: Record<string, unknown>, files: string[], ctx: CommandContext) {
  if (files.length === 0) throw new CliError({ key: 'cli.noDamageFile' }, 2);
  const dataset = requireString(values, 'dataset');
  const operationId = optionalNumber(values, 'operation', { integer: true, min: 1 });
  const footprint = values.footprint as string | undefined;
  const summary = await callOrFail(ctx, 'observations.import', {
    files: footprint ? [...files, footprint] : files, dataset, createDataset: true,
    ...(operationId !== undefined ? { operationId } : {}),
    ...(typeof values.product === 'string' ? { product: values.product } : {}),
    ...(typeof values['sensor-date'] === 'string' ? { sensorDate: values['sensor-date'] } : {}),
    ...(values['confirm-outside'] ? { confirmOutside: true } : {}),
  });
  ctx.out(values.json ? JSON.stringify({ dataset, ...summary }, null, 2) : formatSummary(dataset, summary));
}

async function listRun(values: Record<string, unknown>, ctx: CommandContext) {
  const dataset = requireString(values, 'dataset');
  const operationId = optionalNumber(values, 'operation', { integer: true, min: 1 });
  const list = await callOrFail(ctx, 'observations.list', { dataset, ...(operationId !== undefined ? { operationId } : {}) });
  if (values.json) return ctx.out(JSON.stringify(list, null, 2));
  const loc = ctx.loc, n = { count: list.total, n: formatCount(list.total, loc), dataset };
  ctx.out(operationId !== undefined ? loc.t('cli:observations.listForOperation', { ...n, operation: String(operationId) }) : loc.t('cli:observations.list', n));
  // Kinds and product keys are the records' own names (as --json gives them).
  for (const [k, c] of Object.entries(list.byKind)) ctx.out(`  ${k}: ${formatCount(c, loc)}`);
  for (const p of list.products) ctx.out(`  ${p.product} (${p.kind}): ${formatCount(p.count, loc)}${p.sensorDate ? `, ${p.sensorDate}` : ''}`);
}

async function compareRun(values: Record<string, unknown>, ctx: CommandContext) {
  const operationId = optionalNumber(values, 'operation', { integer: true, min: 1 });
  if (operationId === undefined) throw new CliError({ key: 'cli.operationRequired' }, 2);
  const assessmentId = optionalNumber(values, 'assessment', { integer: true, min: 1 });
  const r = await callOrFail(ctx, 'postop.compare', {
    operationId, ...(assessmentId !== undefined ? { assessmentId } : {}), ...(values['assess-if-missing'] ? { assessIfMissing: true } : {}),
  });
  if (values.json) return ctx.out(JSON.stringify(r, null, 2));
  const c = r.comparison;
  const loc = ctx.loc, t = loc.t;
  const pct = (x: number | null) => (x === null ? '-' : formatPercent(Math.round(x * 100) / 100, loc));
  const ratio = (x: number | null) => (x === null ? '-' : `x${loc.number({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x)}`);
  ctx.out(t('cli:observations.compareHead', { id: String(r.operationId), name: r.operationName, assessment: String(r.assessmentId), matchedBy: r.assessmentMatchedBy, set: r.parameterSet }));
  for (const f of c.figures) ctx.out(`  ${figureLine(f, loc)}`);
  ctx.out(t('cli:observations.coverage', { inside: formatCount(c.coverage.all.inside, loc), total: formatCount(c.coverage.all.total, loc), level: formatPercent(0.9, loc), share: pct(c.coverage.all.share) }));
  ctx.out(t('cli:observations.bias', { casualties: ratio(c.biasRatio.casualties), outages: ratio(c.biasRatio.outages), damage: ratio(c.biasRatio.damage) }));
}

export const observationsCommand: Command = {
  name: 'observations',
  usage: USAGE,
  summary: 'Import observed building damage (UNOSAT, Copernicus EMS; normalised 0-4, only inside the observed footprint), list what is recorded, or compare it with the estimate.',
  options: {
    dataset: { type: 'string' }, operation: { type: 'string' }, footprint: { type: 'string' }, product: { type: 'string' },
    'sensor-date': { type: 'string' }, 'confirm-outside': { type: 'boolean' }, assessment: { type: 'string' }, 'assess-if-missing': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals, ctx) {
    const [sub, ...rest] = positionals;
    if (sub === 'import') return importRun(values, rest, ctx);
    if (sub === 'list') {
      if (rest.length) throw new CliError(`observations list takes no files (usage: ${USAGE})`, 2);
      return listRun(values, ctx);
    }
    if (sub === 'compare') {
      if (rest.length) throw new CliError(`observations compare takes no files (usage: ${USAGE})`, 2);
      return compareRun(values, ctx);
    }
    throw new CliError(`${sub ? `unknown subcommand "${sub}"` : 'name a subcommand'} (usage: ${USAGE})`, 2);
  },
};
