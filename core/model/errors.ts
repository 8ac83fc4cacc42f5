/**
 * The one error model: every failure a person can be told about is a DomainError with a code (what
 * kind of failure, for programs), a one-line message (for people) and, when one input is at fault,
 * the field it concerns. Store, import, post-op, engine and CLI throw it (or a subclass that only
 * fixes the code); the API sends it as is and maps anything else to `internal` (core/api/dispatch.ts).
 * Callers decide by `code`, never by reading the message.
 */
import type { z } from 'zod';
import { issueInWords } from './issue-words';

/** `not_assessed`: the operation exists but has no assessment yet where one is needed (post-op compare). */
export const ERROR_CODES = ['invalid_input', 'unknown_operation', 'not_found', 'not_assessed', 'conflict', 'cancelled', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What crosses a transport: the API's error body. */
export interface ErrorBody { code: ErrorCode; message: string; field?: string }

export class DomainError extends Error {
  override name = 'DomainError';
  readonly code: ErrorCode;
  readonly field?: string;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message.replace(/\s*\n\s*/g, ' ').trim());
    this.code = code;
    if (field !== undefined) this.field = field;
  }

  toJSON(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.field !== undefined ? { field: this.field } : {}) };
  }

  /** The same error with its field named under `prefix` (`beds` -> `facility.beds`), message included. */
  under(prefix: string): DomainError {
    if (this.field === undefined) return this;
    const field = `${prefix}.${this.field}`;
    const message = this.message.startsWith(`${this.field}: `) ? `${prefix}.${this.message}` : this.message;
    return new DomainError(this.code, message, field);
  }
}

/** A stop the user asked for: its own code, so no caller has to guess from a name or a message. */
export class Cancelled extends DomainError {
  constructor(message = 'cancelled by the user') { super('cancelled', message); }
}

/** The first zod issue, named by its path, e.g. `area.coordinates.0: a polygon ring needs at least 4 positions`. */
/**
 * The first zod issue, named by its path and said in words, e.g. `operation.settings.warningShare:
 * must be between 0 and 1`; `schema` (the one that refused) lets a bound name both ends of its range.
 */
export function fromZod(error: z.ZodError, prefix = '', schema?: z.ZodType): DomainError {
  const issue = error.issues[0]!;
  // An unknown key is named by the key itself, not by the object that holds it.
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const field = [prefix, ...path.map(String)].filter(Boolean).join('.');
  return new DomainError('invalid_input', `${field || 'input'}: ${issueInWords(issue, schema)}`, field || undefined);
}

/** Anything thrown, as a DomainError: itself, or `internal` with the original message. */
export function toDomainError(e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  return new DomainError('internal', e instanceof Error ? e.message : String(e));
}
