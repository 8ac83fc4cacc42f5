/**
 * `uia package`: training scenario packages (METHOD.md §7, core/postop/package.ts).
 *   export --dataset NAME --operation ID [--option ID ...] --briefing FILE --out FILE.uiapkg [--passphrase-file FILE] [--signing-key KEY.pem] [--overwrite] ...
 *     [--phases PHASES.json [--first-phase-title TEXT]]
 *   import FILE [--signer SHA256:...] [--hmac-key KEY]
 *   unlock FILE --phase N [--code-file FILE]
 *   reveal FILE [--passphrase-file FILE] [--operation ID] [--signer SHA256:...]
 *   keygen --out KEY.pem
 * A damaged or altered package is refused with one line and a non-zero exit.
 *
 * The reveal passphrase never comes from argv (any local user can read /proc/PID/cmdline): it is
 * read from --passphrase-file, else the UIA_PASSPHRASE environment variable, else a prompt on the
 * terminal with echo off. Phase codes likewise: --code-file, UIA_PHASE_CODE, or the prompt; the
 * later phases of an export come from a JSON file (an array of the API's laterPhases: title,
 * briefing, operationId, optionIds, daysAfterPrevious, code), never from argv.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { keyFingerprint } from '../../postop/package-seal';
import { checkExportPath, PRIVATE_FILE_MODE } from '../../store/private-files';
import { readSecret } from '../secret';
import type { Command, CommandContext } from '../command';
import { callOrFail, optionalNumber, requireString } from '../command';
import { CliError } from '../errors';
import type { ImportedScenario } from '../../postop/package';
import type { Input } from '../../api/contract';
import type { RevealReply } from '../../api/postop-contract';
import { formatCount } from '../../model/format';
import type { Locale } from '../../i18n/locale';
import { figureLine } from './observations';

const USAGE = [
  'uia package export --dataset NAME --operation ID [--option ID ...] --briefing FILE --out FILE.uiapkg [--passphrase-file FILE] [--signing-key KEY.pem] [--overwrite] [--title TEXT] [--hmac-key KEY] [--margin M] [--phases PHASES.json] [--first-phase-title TEXT] [--json]',
  'uia package import FILE [--signer SHA256:HEX] [--hmac-key KEY] [--json]',
  'uia package unlock FILE --phase N [--code-file FILE] [--signer SHA256:HEX] [--hmac-key KEY] [--json]',
  'uia package reveal FILE [--passphrase-file FILE] [--operation ID] [--signer SHA256:HEX] [--hmac-key KEY] [--json]',
  'uia package keygen --out KEY.pem',
].join(' | ');

const hmac = (values: Record<string, unknown>) => ({
  ...(typeof values['hmac-key'] === 'string' ? { hmacKey: values['hmac-key'] } : {}),
  ...(typeof values.signer === 'string' ? { signer: values.signer } : {}),
});

function readTextFile(path: string, what: string): string {
  try { return readFileSync(path, 'utf8'); } catch (e) { throw new CliError(`cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`); }
}

async function passphrase(values: Record<string, unknown>): Promise<string> {
  if (values.passphrase !== undefined) throw new CliError('--passphrase is not accepted (other users can read the command line): use --passphrase-file FILE, the UIA_PASSPHRASE environment variable or the prompt', 2);
  if (typeof values['passphrase-file'] === 'string') return readTextFile(values['passphrase-file'], 'passphrase file').replace(/\r?\n$/, '');
  if (process.env.UIA_PASSPHRASE) return process.env.UIA_PASSPHRASE;
  return readSecret('Reveal passphrase: ');
}

const signer = (s: { fingerprint: string } | null, loc: Locale) => (s ? loc.t('cli:package.signedBy', { fingerprint: s.fingerprint }) : loc.t('cli:package.unsigned'));

function oneFile(rest: string[], what: string): string {
  if (rest.length !== 1) throw new CliError(`package ${what} takes one package file (usage: ${USAGE})`, 2);
  return rest[0]!;
}

async function exportRun(values: Record<string, unknown>, rest: string[], ctx: CommandContext) {
  if (rest.length) throw new CliError(`package export takes no positional arguments (usage: ${USAGE})`, 2);
  const dataset = requireString(values, 'dataset');
  const operationId = optionalNumber(values, 'operation', { integer: true, min: 1 });
  if (operationId === undefined) throw new CliError({ key: 'cli.sealedOperationRequired' }, 2);
  const optionIds = ((values.option as string[] | undefined) ?? []).map((v) => optionalNumber({ option: v }, 'option', { integer: true, min: 1 })!);
  const briefing = readTextFile(requireString(values, 'briefing'), 'briefing');
  const signingKeyPem = typeof values['signing-key'] === 'string' ? readTextFile(values['signing-key'], 'signing key') : undefined;
  // Checked by the API's zod schema (package.export), which names what is wrong in the file.
  let laterPhases: Input<'package.export'>['laterPhases'];
  if (typeof values.phases === 'string') {
    try { laterPhases = JSON.parse(readTextFile(values.phases, 'phases file')); } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(`the phases file ${values.phases} is not JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(laterPhases)) throw new CliError(`the phases file ${values.phases} must hold a JSON array of later phases (title, briefing, operationId, optionIds, daysAfterPrevious, code)`);
  }
  const r = await callOrFail(ctx, 'package.export', {
    dataset, operationId, optionIds, briefing, out: resolve(requireString(values, 'out')), passphrase: await passphrase(values),
    ...(values.overwrite ? { overwrite: true } : {}), ...(signingKeyPem ? { signingKeyPem } : {}),
    ...(typeof values.title === 'string' ? { title: values.title } : {}), ...hmac(values),
    ...(values.margin !== undefined ? { marginM: optionalNumber(values, 'margin', { min: 0, max: 20_000 }) } : {}),
    ...(laterPhases ? { laterPhases } : {}), ...(typeof values['first-phase-title'] === 'string' ? { firstPhaseTitle: values['first-phase-title'] } : {}),
  });
  if (values.json) return ctx.out(JSON.stringify(r, null, 2));
  // Phased packages (training phases) are still worded in English only.
  if (r.phases > 1) ctx.out(`Wrote ${r.path} (${formatCount(r.bytes)} bytes): "${r.title}", ${r.phases} phases, options ${r.operations.join(', ')}; outcomes sealed until reveal, later phases until their codes are given`);
  else ctx.out(ctx.loc.t('cli:package.wrote', { path: r.path, bytes: formatCount(r.bytes, ctx.loc), title: r.title, options: r.operations.join(', ') }));
}

async function importRun(values: Record<string, unknown>, rest: string[], ctx: CommandContext) {
  const r = await callOrFail(ctx, 'package.import', { path: resolve(oneFile(rest, 'import')), ...hmac(values) });
  if (values.json) return ctx.out(JSON.stringify(r, null, 2));
  const t = ctx.loc.t;
  ctx.out(t('cli:package.imported', { title: r.title, dataset: r.datasetName, id: String(r.datasetId), signer: signer(r.signedBy, ctx.loc) }));
  const options = (list: { id: number; name: string }[]) => list.map((o) => t('cli:package.option', { name: o.name, id: String(o.id) })).join(', ');
  if (r.phases.length > 1) {
    for (const p of r.phases) ctx.out(`Phase ${p.phase}: ${p.title}${p.phase > 1 ? ` (${p.daysAfterPrevious} days later; unlock with its code)` : ''}. Options: ${options(p.options)}`);
  } else {
    ctx.out(t('cli:package.options', { list: options(r.operations) }));
  }
  ctx.out('');
  ctx.out(r.briefing);
}

async function phaseCode(values: Record<string, unknown>, phase: number): Promise<string> {
  if (typeof values['code-file'] === 'string') return readTextFile(values['code-file'], 'phase code file').replace(/\r?\n$/, '');
  if (process.env.UIA_PHASE_CODE) return process.env.UIA_PHASE_CODE;
  return readSecret(`Code of phase ${phase}: `);
}

async function unlockRun(values: Record<string, unknown>, rest: string[], ctx: CommandContext) {
  const phase = optionalNumber(values, 'phase', { integer: true, min: 2 });
  if (phase === undefined) throw new CliError('--phase is required (the phase to open, 2 or later)', 2);
  const r = await callOrFail(ctx, 'package.unlockPhase', { path: resolve(oneFile(rest, 'unlock')), phase, code: await phaseCode(values, phase), ...hmac(values) });
  if (values.json) return ctx.out(JSON.stringify(r, null, 2));
  const o = r.previous.observed;
  ctx.out(`Phase ${r.phase}: ${r.title} (${r.daysAfterPrevious} days after phase ${r.previous.phase}). Options: ${r.options.map((x) => `${x.name} (operation ${x.id})`).join(', ')}`);
  ctx.out(`Phase ${r.previous.phase} carried out "${r.previous.operation}": ${o.casualties.length} casualty report(s), ${o.facilities.length} facility status(es), ${o.outages.length} outage(s), ${(o.displacement ?? []).length} displacement report(s), ${formatCount(o.damage.length)} damage records; recorded on operation ${r.previous.operationId}`);
  ctx.out('');
  ctx.out(r.briefing);
}

async function revealRun(values: Record<string, unknown>, rest: string[], ctx: CommandContext) {
  const operationId = optionalNumber(values, 'operation', { integer: true, min: 1 });
  const r = await callOrFail(ctx, 'package.reveal', {
    path: resolve(oneFile(rest, 'reveal')), passphrase: await passphrase(values), ...hmac(values),
    ...(operationId !== undefined ? { operationId } : {}),
  });
  if (values.json) return ctx.out(JSON.stringify(r, null, 2));
  const o = r.observed;
  const loc = ctx.loc, t = loc.t, n = (x: number) => formatCount(x, loc);
  ctx.out(t('cli:package.package', { signer: signer(r.signedBy, loc) }));
  ctx.out(t('cli:package.carriedOut', { operation: r.operation }));
  ctx.out(t('cli:package.observed', { casualties: n(o.casualties.length), facilities: n(o.facilities.length), outages: n(o.outages.length), damage: n(o.damage.length), footprints: n(o.footprints.length) }));
  if (r.recorded) ctx.out(t('cli:package.recorded', { id: String(operationId) }));
  if (r.comparison) for (const f of r.comparison.comparison.figures) ctx.out(`  ${figureLine(f, loc)}`);
}

/** A new Ed25519 key pair: the private key (PKCS#8 PEM, 0600) to --out, the fingerprint importers will see printed. */
function keygenRun(values: Record<string, unknown>, rest: string[], ctx: CommandContext) {
  if (rest.length) throw new CliError(`package keygen takes no positional arguments (usage: ${USAGE})`, 2);
  const out = resolve(requireString(values, 'out'));
  try { checkExportPath(out, { overwrite: values.overwrite === true }); } catch (e) { throw new CliError((e as Error).message); }
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(out, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: PRIVATE_FILE_MODE });
  ctx.out(ctx.loc.t('cli:package.key', { path: out, fingerprint: keyFingerprint(privateKey) }));
}

export const packageCommand: Command = {
  name: 'package',
  usage: USAGE,
  summary: 'Training scenario packages: export one sealed file (optionally in phases), import it offline (refused if damaged or altered), unlock a later phase with its code, reveal the outcomes with the passphrase.',
  options: {
    dataset: { type: 'string' }, operation: { type: 'string' }, option: { type: 'string', multiple: true }, briefing: { type: 'string' },
    out: { type: 'string' }, passphrase: { type: 'string' }, 'passphrase-file': { type: 'string' }, title: { type: 'string' }, 'hmac-key': { type: 'string' }, margin: { type: 'string' },
    'signing-key': { type: 'string' }, signer: { type: 'string' }, overwrite: { type: 'boolean' }, json: { type: 'boolean' },
    phases: { type: 'string' }, 'first-phase-title': { type: 'string' }, phase: { type: 'string' }, 'code-file': { type: 'string' },
  },
  allowPositionals: true,
  async run(values, positionals, ctx) {
    const [sub, ...rest] = positionals;
    if (sub === 'export') return exportRun(values, rest, ctx);
    if (sub === 'import') return importRun(values, rest, ctx);
    if (sub === 'reveal') return revealRun(values, rest, ctx);
    if (sub === 'unlock') return unlockRun(values, rest, ctx);
    if (sub === 'keygen') return keygenRun(values, rest, ctx);
    throw new CliError(`${sub ? `unknown subcommand "${sub}"` : 'name a subcommand: export, import, unlock, reveal or keygen'} (usage: ${USAGE})`, 2);
  },
};
