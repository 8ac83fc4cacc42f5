/**
 * The transport-independent entry point: validate input, run the handler, return a tagged result.
 * Invalid input never reaches a handler (and so never the store).
 */
import { contract, type OperationName } from './contract';
import { ApiError, fromZod, type ApiErrorBody } from './errors';
import type { Handlers } from './handlers';
import { StoreError } from '../store/db';

export type ApiReply = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };

export async function dispatch(handlers: Handlers, name: string, rawInput: unknown): Promise<ApiReply> {
  if (!Object.hasOwn(contract, name)) {
    return { ok: false, error: new ApiError('unknown_operation', `unknown operation "${name}"`).toJSON() };
  }
  const op = name as OperationName;
  const parsed = contract[op].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: fromZod(parsed.error, '', contract[op].input).toJSON() };
  try {
    const handler = handlers[op] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    return { ok: false, error: toApiError(e).toJSON() };
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof StoreError) {
    return new ApiError(/^no dataset|not found/.test(e.message) ? 'not_found' : /already exists/.test(e.message) ? 'conflict' : 'invalid_input', e.message);
  }
  if (e instanceof Error && e.name === 'AbortError') return new ApiError('cancelled', 'cancelled by the user');
  return new ApiError('internal', e instanceof Error ? e.message : String(e));
}
