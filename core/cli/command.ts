import type { Input, OperationName, Output } from '../api/contract';
/** The shape of one CLI command. Each lives in core/cli/commands/<name>.ts and is listed in main.ts. */
import type { ParseArgsConfig } from 'node:util';
import type { Backend } from '../api/backend';
import type { Locale } from '../i18n/locale';
import { CliError } from './errors';

export interface CommandContext {
  /** Opens the database named by --db (or the default) on first use. */
  backend(): Backend;
  out(text: string): void;
  err(text: string): void;
  /** The reader's language (--lang, else the system locale): every human-readable line goes through it; JSON never does. */
  loc: Locale;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  /** The command needs no dataset but the one it writes: a new database gets the training city at its next open (see openBackend). */
  deferTrainingCity?: boolean;
  run(values: Record<string, unknown>, positionals: string[], ctx: CommandContext): Promise<void> | void;
}

/** Calls the API and turns a structured error into the CLI's one-line failure. */
/** One API call, typed by the contract; a refusal becomes the CLI's one-line error. */
export async function callOrFail<N extends OperationName>(ctx: CommandContext, name: N, input: Input<N>): Promise<Output<N>> {
  const reply = await ctx.backend().call(name, input);
  if (!reply.ok) throw new CliError(reply.error.key ? { key: reply.error.key, ...(reply.error.params ? { params: reply.error.params } : {}) } : reply.error.message);
  return reply.value as Output<N>;
}

export function requireString(values: Record<string, unknown>, key: string): string {
  const v = values[key];
  if (typeof v !== 'string' || v === '') throw new CliError({ key: 'cli.required', params: { option: key } }, 2);
  return v;
}

export function optionalNumber(values: Record<string, unknown>, key: string, opts: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
  const v = values[key];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
    throw new CliError({ key: opts.integer ? 'cli.integer' : 'cli.number', params: { option: key, value: String(v) } }, 2);
  }
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
    throw new CliError({ key: 'cli.range', params: { option: key, min: String(opts.min ?? '-inf'), max: String(opts.max ?? 'inf'), value: String(n) } }, 2);
  }
  return n;
}
