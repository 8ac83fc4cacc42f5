/** Structured errors that cross the API boundary: a code, a message a person can act on, the field at fault. */
import type { z } from 'zod';

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

/** The first zod issue, named by its path, e.g. `area.coordinates.0: a polygon ring needs at least 4 positions`. */
export function fromZod(error: z.ZodError, prefix = ''): ApiError {
  const issue = error.issues[0]!;
  // An unknown key is named by the key itself, not by the object that holds it.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const field = [prefix, ...path.map(String)].filter(Boolean).join('.');
  return new ApiError('invalid_input', `${field || 'input'}: ${issue.message}`, field || undefined);
}
