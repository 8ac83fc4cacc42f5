/**
 * `uia`: the command line, on the same core and API contract as the app, with no Electron.
 * Every command takes --db PATH and --lang en|fr|ar|uk (default: the system locale, LC_ALL,
 * LC_MESSAGES or LANG). Human-readable output is in that language; --json output is not translated
 * (its keys and values are data). Failures print one line and exit non-zero.
 */
import { parseArgs } from 'node:util';
import type { Backend } from '../api/backend';
import { defaultDbPath } from '../store/db';
import type { Command, CommandContext } from './command';
import { CliError } from './errors';
import { errorInWords } from '../model/errors';
import { isLanguage, languageOf, LANGUAGES, type Language } from '../i18n/languages';
import { localeFor, type Locale } from '../i18n/locale';
import { datasetsCommand } from './commands/datasets';
import { assessCommand } from './commands/assess';
import { compareCommand } from './commands/compare';
import { importCommand } from './commands/import';
import { exportCommand } from './commands/export';
import { observationsCommand } from './commands/observations';
import { packageCommand } from './commands/package';
import { operationsCommand } from './commands/operations';
import { calibrateCommand } from './commands/calibrate';

const COMMANDS: Command[] = [datasetsCommand, operationsCommand, assessCommand, compareCommand, importCommand, observationsCommand, calibrateCommand, packageCommand, exportCommand];

function help(loc: Locale): string {
  return [loc.t('cli:help.usage', { languages: LANGUAGES.join('|') }), '', ...COMMANDS.map((c) => `  ${c.usage}\n      ${loc.t(`cli:commands.${c.name as CommandName}`)}`)].join('\n');
}
type CommandName = 'datasets' | 'operations' | 'assess' | 'compare' | 'import' | 'observations' | 'calibrate' | 'package' | 'export';

/** The system's language as POSIX says to look for it: LC_ALL, then LC_MESSAGES, then LANG. */
export function systemLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  return languageOf(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** `--lang xx` / `--lang=xx` anywhere on the line, taken out; what is left goes to the command. */
function takeLang(argv: string[]): { lang: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--lang') lang = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
    else rest.push(a);
  }
  return { lang, rest };
}

export async function main(argv: string[], io = { out: (t: string) => process.stdout.write(t + '\n'), err: (t: string) => process.stderr.write(t + '\n') }): Promise<number> {
  const { lang, rest: args } = takeLang(argv);
  let loc = localeFor(systemLanguage());
  const [name, ...rest] = args;
  let backend: Backend | undefined;
  try {
    if (lang !== undefined) {
      if (!isLanguage(lang)) throw new CliError({ key: 'cli.badLanguage', params: { value: lang, languages: LANGUAGES.join(', ') } }, 2);
      loc = localeFor(lang);
    }
    if (!name || name === '--help' || name === '-h' || name === 'help') { io.out(help(loc)); return name ? 0 : 2; }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new CliError({ key: 'cli.unknownCommand', params: { name, commands: COMMANDS.map((c) => c.name).join(', ') } }, 2);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...command.options, db: { type: 'string' } }, allowPositionals: command.allowPositionals ?? false, strict: true });
    } catch (e) {
      throw new CliError({ key: 'cli.badArguments', params: { detail: (e as Error).message.split('\n')[0]!, usage: command.usage } }, 2);
    }
    const dbPath = (parsed.values.db as string | undefined) ?? defaultDbPath();
    // Loaded here, not at the top: `uia --help` and argument errors stay quick (the core is most of the bundle).
    const { openBackend } = await import('../api/backend');
    const ctx: CommandContext = { backend: () => (backend ??= openBackend(dbPath, { deferTrainingCity: command.deferTrainingCity })), out: io.out, err: io.err, loc };
    await command.run(parsed.values as Record<string, unknown>, parsed.positionals, ctx);
    return 0;
  } catch (e) {
    io.err(`uia: ${e instanceof Error ? errorInWords(e, loc) : String(e)}`);
    return e instanceof CliError ? e.exitCode : 1;
  } finally {
    backend?.close();
  }
}

if (process.argv[1] && /cli[/\\]main\.ts$|bin[/\\]uia(\.js)?$/.test(process.argv[1])) {
  // `uia datasets | head -3`: the reader left, so the output is no longer wanted; end quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
  void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
