/**
 * The transport-independent entry point: validate input, run the handler, return a tagged result.
 * Invalid input never reaches a handler (and so never the store). This is the one place errors
 * become replies: a DomainError goes out with its own code, anything else as `internal`.
 */
import { contract, type OperationName } from './contract';
import { DomainError, fromZod, toDomainError, type ErrorBody } from '../model/errors';
import type { Handlers } from './handlers';

export type ApiReply = { ok: true; value: unknown } | { ok: false; error: ErrorBody };

export async function dispatch(handlers: Handlers, name: string, rawInput: unknown): Promise<ApiReply> {
  if (!Object.hasOwn(contract, name)) {
    return { ok: false, error: new DomainError('unknown_operation', `unknown operation "${name}"`).toJSON() };
  }
  const op = name as OperationName;
  const parsed = contract[op].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: fromZod(parsed.error, '', contract[op].input).toJSON() };
  try {
    const handler = handlers[op] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    return { ok: false, error: toDomainError(e).toJSON() };
  }
}
