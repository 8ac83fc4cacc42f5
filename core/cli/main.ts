/**
 * `uia`: the command line, on the same core and API contract as the app, with no Electron.
 * Every command takes --db PATH. Failures print one line and exit non-zero.
 */
import { parseArgs } from 'node:util';
import type { Backend } from '../api/backend';
import { defaultDbPath } from '../store/db';
import type { Command, CommandContext } from './command';
import { CliError } from './errors';
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

function help(): string {
  return ['usage: uia <command> [options] [--db PATH]', '', ...COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`)].join('\n');
}

export async function main(argv: string[], io = { out: (t: string) => process.stdout.write(t + '\n'), err: (t: string) => process.stderr.write(t + '\n') }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { io.out(help()); return name ? 0 : 2; }
  const command = COMMANDS.find((c) => c.name === name);
  let backend: Backend | undefined;
  try {
    if (!command) throw new CliError(`unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`, 2);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...command.options, db: { type: 'string' } }, allowPositionals: command.allowPositionals ?? false, strict: true });
    } catch (e) {
      throw new CliError(`${(e as Error).message.split('\n')[0]} (usage: ${command.usage})`, 2);
    }
    const dbPath = (parsed.values.db as string | undefined) ?? defaultDbPath();
    // Loaded here, not at the top: `uia --help` and argument errors stay quick (the core is most of the bundle).
    const { openBackend } = await import('../api/backend');
    const ctx: CommandContext = { backend: () => (backend ??= openBackend(dbPath)), out: io.out, err: io.err };
    await command.run(parsed.values as Record<string, unknown>, parsed.positionals, ctx);
    return 0;
  } catch (e) {
    io.err(`uia: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof CliError ? e.exitCode : 1;
  } finally {
    backend?.close();
  }
}

if (process.argv[1] && /cli[/\\]main\.ts$|bin[/\\]uia(\.js)?$/.test(process.argv[1])) {
  // `uia datasets | head -3`: the reader left, so the output is no longer wanted; end quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
  process.exitCode = await main(process.argv.slice(2));
}
