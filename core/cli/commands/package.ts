/**
 * `uia package`: training scenario packages (METHOD.md §7, core/postop/package.ts).
 *   export --dataset NAME --operation ID [--option ID ...] --briefing FILE --out FILE.uiapkg --passphrase TEXT [--title TEXT] [--hmac-key KEY] [--margin M]
 *   import FILE [--hmac-key KEY]
 *   reveal FILE --passphrase TEXT [--operation ID] [--hmac-key KEY]
 * A damaged or altered package is refused with one line and a non-zero exit.
 */
import { readFileSync } from 'node:fs';
import type { Command, CommandContext } from '../command';
import { callOrFail, optionalNumber, requireString } from '../command';
import { CliError } from '../errors';
import type { ImportedScenario } from '../../postop/package';
import type { RevealReply } from '../../api/postop-contract';
import { formatCount, formatInterval } from '../../model/format';

const USAGE = [
  'uia package export --dataset NAME --operation ID [--option ID ...] --briefing FILE --out FILE.uiapkg --passphrase TEXT [--title TEXT] [--hmac-key KEY] [--margin M] [--json]',
  'uia package import FILE [--hmac-key KEY] [--json]',
  'uia package reveal FILE --passphrase TEXT [--operation ID] [--hmac-key KEY] [--json]',
].join(' | ');

const hmac = (values: Record<string, unknown>) => (typeof values['hmac-key'] === 'string' ? { hmacKey: values['hmac-key'] } : {});

function oneFile(rest: string[], what: string): string {
  if (rest.length !== 1) throw new CliError(`package ${what} takes one package file (usage: ${USAGE})`, 2);
  return rest[0]!;
}

async function exportRun(values: Record<string, unknown>, rest: string[], ctx: CommandContext) {
  if (rest.length) throw new CliError(`package export takes no positional arguments (usage: ${USAGE})`, 2);
  const dataset = requireString(values, 'dataset');
  const operationId = optionalNumber(values, 'operation', { integer: true, min: 1 });
  if (operationId === undefined) throw new CliError('--operation is required (the saved operation whose observed outcomes are sealed)', 2);
  const optionIds = ((values.option as string[] | undefined) ?? []).map((v) => optionalNumber({ option: v }, 'option', { integer: true, min: 1 })!);
  const briefingFile = requireString(values, 'briefing');
  let briefing: string;
  try { briefing = readFileSync(briefingFile, 'utf8'); } catch (e) { throw new CliError(`cannot read briefing ${briefingFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
  const r = await callOrFail<{ path: string; bytes: number; title: string; operations: string[] }>(ctx, 'package.export', {
    dataset, operationId, optionIds, briefing, out: requireString(values, 'out'), passphrase: requireString(values, 'passphrase'),
    ...(typeof values.title === 'string' ? { title: values.title } : {}), ...hmac(values),
    ...(values.margin !== undefined ? { marginM: optionalNumber(values, 'margin', { min: 0, max: 20_000 }) } : {}),
  });
  if (values.json) return ctx.out(JSON.stringify(r, null, 2));
  ctx.out(`Wrote ${r.path} (${formatCount(r.bytes)} bytes): "${r.title}", options ${r.operations.join(', ')}; outcomes sealed until reveal`);
}

async function importRun(values: Record<string, unknown>, rest: string[], ctx: CommandContext) {
  const r = await callOrFail<ImportedScenario>(ctx, 'package.import', { path: oneFile(rest, 'import'), ...hmac(values) });
  if (values.json) return ctx.out(JSON.stringify(r, null, 2));
  ctx.out(`Imported scenario "${r.title}" into dataset "${r.datasetName}" (id ${r.datasetId})`);
  ctx.out(`Options: ${r.operations.map((o) => `${o.name} (operation ${o.id})`).join(', ')}`);
  ctx.out('');
  ctx.out(r.briefing);
}

async function revealRun(values: Record<string, unknown>, rest: string[], ctx: CommandContext) {
  const operationId = optionalNumber(values, 'operation', { integer: true, min: 1 });
  const r = await callOrFail<RevealReply>(ctx, 'package.reveal', {
    path: oneFile(rest, 'reveal'), passphrase: requireString(values, 'passphrase'), ...hmac(values),
    ...(operationId !== undefined ? { operationId } : {}),
  });
  if (values.json) return ctx.out(JSON.stringify(r, null, 2));
  const o = r.observed;
  ctx.out(`Carried out: ${r.operation}`);
  ctx.out(`Observed: ${o.casualties.length} casualty report(s), ${o.facilities.length} facility status(es), ${o.outages.length} outage(s), ${formatCount(o.damage.length)} damage records in ${o.footprints.length} footprint(s)`);
  if (r.recorded) ctx.out(`Recorded on operation ${operationId}.`);
  if (r.comparison) {
    for (const f of r.comparison.comparison.figures) {
      ctx.out(`  ${f.label}: predicted ${formatInterval(f.predicted)}, observed ${formatCount(f.observed)} ${f.inside ? '(inside)' : '(OUTSIDE the interval)'}`);
    }
  }
}

export const packageCommand: Command = {
  name: 'package',
  usage: USAGE,
  summary: 'Training scenario packages: export one sealed file, import it offline (refused if damaged or altered), reveal the outcomes with the passphrase.',
  options: {
    dataset: { type: 'string' }, operation: { type: 'string' }, option: { type: 'string', multiple: true }, briefing: { type: 'string' },
    out: { type: 'string' }, passphrase: { type: 'string' }, title: { type: 'string' }, 'hmac-key': { type: 'string' }, margin: { type: 'string' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals, ctx) {
    const [sub, ...rest] = positionals;
    if (sub === 'export') return exportRun(values, rest, ctx);
    if (sub === 'import') return importRun(values, rest, ctx);
    if (sub === 'reveal') return revealRun(values, rest, ctx);
    throw new CliError(`${sub ? `unknown subcommand "${sub}"` : 'name a subcommand: export, import or reveal'} (usage: ${USAGE})`, 2);
  },
};
