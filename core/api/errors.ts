/** Structured errors that cross the API boundary: a code, a message a person can act on, the field at fault. */
import type { z } from 'zod';
import { issueInWords } from './issue-words';

export type ApiErrorCode = 'invalid_input' | 'unknown_operation' | 'not_found' | 'conflict' | 'cancelled' | 'internal';

export interface ApiErrorBody { code: ApiErrorCode; message: string; field?: string }

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly code: ApiErrorCode, message: string, readonly field?: string) {
    super(message);
  }
  toJSON(): ApiErrorBody {
    return { code: this.code, message: this.message, ...(this.field !== undefined ? { field: this.field } : {}) };
  }
}

/**
 * The first zod issue, named by its path and said in words, e.g. `operation.settings.warningShare:
 * must be between 0 and 1`; `schema` (the one that refused) lets a bound name both ends of its range.
 */
export function fromZod(error: z.ZodError, prefix = '', schema?: z.ZodType): ApiError {
  const issue = error.issues[0]!;
  // An unknown key is named by the key itself, not by the object that holds it.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const field = [prefix, ...path.map(String)].filter(Boolean).join('.');
  return new ApiError('invalid_input', `${field || 'input'}: ${issueInWords(issue, schema)}`, field || undefined);
}
