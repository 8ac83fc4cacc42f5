/**
 * The one error model: every failure a person can be told about is a DomainError with a code (what
 * kind of failure, for programs), a one-line message (for people) and, when one input is at fault,
 * the field it concerns. Store, import, post-op, engine and CLI throw it (or a subclass that only
 * fixes the code); the API sends it as is and maps anything else to `internal` (core/api/dispatch.ts).
 * Callers decide by `code`, never by reading the message.
 */
import type * as z from 'zod';
import type { ParseKeys } from 'i18next';
import { issueReason, localParams, reasonInWords, type IssueKind, type MessageParams } from './issue-words';
import { ENGLISH, type Locale } from '../i18n/locale';

/** `not_assessed`: the operation exists but has no assessment yet where one is needed (post-op compare). */
export const ERROR_CODES = ['invalid_input', 'unknown_operation', 'not_found', 'not_assessed', 'conflict', 'cancelled', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A message of the `errors` catalogue (`import.empty`, `package.altered`, …). */
export type ErrorKey = ParseKeys<'errors'>;
/** How to say an error again in another language: its catalogue key and the values it names (numbers unformatted). */
export interface Said { key: ErrorKey; params?: MessageParams }

/** What crosses a transport: the API's error body; `key` and `params` when the message is in the catalogue. */
export interface ErrorBody { code: ErrorCode; message: string; field?: string; key?: ErrorKey; params?: MessageParams }

/** The message of a catalogue entry in one language; a `issue` value is put into words first (a refused field). */
export function say(s: Said, loc: Locale): string {
  const p = { ...(s.params ?? {}) };
  const values: Record<string, string | number> = localParams(p, loc);
  if (typeof p.issue === 'string') {
    const { issue, field: _f, ...rest } = p;
    values.problem = reasonInWords({ issue: issue as IssueKind, params: rest }, loc);
  }
  // Keys come from throw sites as data: t is called untyped (the catalogue test checks every key exists).
  return (loc.t as unknown as (key: string, values: object) => string)(`errors:${s.key}`, values);
}

export class DomainError extends Error {
  override name = 'DomainError';
  readonly code: ErrorCode;
  readonly field?: string;
  /** The catalogue entry and values that say this error again in the reader's language (errorInWords). */
  readonly said?: Said;
  /** `message`: the English text, or a catalogue entry (the English text is then made from it). */
  constructor(code: ErrorCode, message: string | Said, field?: string) {
    super((typeof message === 'string' ? message : say(message, ENGLISH)).replace(/\s*\n\s*/g, ' ').trim());
    this.code = code;
    if (field !== undefined) this.field = field;
    if (typeof message !== 'string') this.said = message;
  }

  toJSON(): ErrorBody {
    return {
      code: this.code, message: this.message, ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.said ? { key: this.said.key, ...(this.said.params ? { params: this.said.params } : {}) } : {}),
    };
  }

  /** The same error with its field named under `prefix` (`beds` -> `facility.beds`), message included. */
  under(prefix: string): DomainError {
    if (this.field === undefined) return this;
    const field = `${prefix}.${this.field}`;
    if (this.said?.key === 'field') return new DomainError(this.code, { key: 'field', params: { ...this.said.params, field } }, field);
    const message = this.message.startsWith(`${this.field}: `) ? `${prefix}.${this.message}` : this.message;
    return new DomainError(this.code, this.said && message === this.message ? this.said : message, field);
  }
}

/** A stop the user asked for: its own code, so no caller has to guess from a name or a message. */
export class Cancelled extends DomainError {
  constructor(message: string | Said = { key: 'cancelled' }) { super('cancelled', message); }
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
  const r = issueReason(issue, schema);
  return new DomainError('invalid_input', { key: 'field', params: { field: field || 'input', issue: r.issue, ...r.params } }, field || undefined);
}

/** Anything thrown, as a DomainError: itself, or `internal` with the original message. */
export function toDomainError(e: unknown): DomainError {
  if (e instanceof DomainError) return e;
  return new DomainError('internal', e instanceof Error ? e.message : String(e));
}

/**
 * An error in the reader's language: the catalogue entry it carries (a DomainError or the API's
 * error body), else its English message (errors not yet in the catalogue, and `internal` ones).
 */
export function errorInWords(e: { message: string; key?: ErrorKey; params?: MessageParams; said?: Said }, loc: Locale = ENGLISH): string {
  const s = e.said ?? (e.key ? { key: e.key, ...(e.params ? { params: e.params } : {}) } : null);
  if (!s || loc.lang === 'en') return e.message;
  const words = say(s, loc);
  // A key missing from every catalogue comes back as itself: the English message is better.
  return words === s.key || words === `errors:${s.key}` ? e.message : words;
}
