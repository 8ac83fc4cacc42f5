/**
 * A refused value in words that say what is allowed ("must be between 0 and 1", "must be one of
 * night, day, commute"), not the validator's own text. Bounds come from the schema at the issue's
 * path, so a number with both a minimum and a maximum names both. The reason is kept as a catalogue
 * key and its values (`issueReason`), so a DomainError can say it again in the reader's language
 * (catalogue `errors`, keys `issue.*`).
 */
import type * as z from 'zod';
import { ENGLISH, type Locale } from '../i18n/locale';

/** The kinds of refusal the `errors` catalogue words (`issue.<kind>`). */
export type IssueKind = 'between' | 'wholeBetween' | 'atLeast' | 'moreThan' | 'atMost' | 'lessThan' | 'notEmpty' | 'minChars' | 'maxChars'
  | 'minItems' | 'maxItems' | 'required' | 'wholeNumber' | 'finiteNumber' | 'number' | 'text' | 'boolean' | 'list' | 'object' | 'leftOut'
  | 'typed' | 'oneOf' | 'exactly' | 'unknownField' | 'format' | 'raw';
/** Values that go into a message: numbers are formatted for the reader, strings shown as they are. */
export type MessageParams = Record<string, string | number>;
export interface IssueReason { issue: IssueKind; params: MessageParams }

type Issue = z.core.$ZodIssue;
interface Def { type: string; shape?: Record<string, Schema>; element?: Schema; innerType?: Schema; valueType?: Schema; in?: Schema; items?: Schema[]; options?: Schema[]; getter?: () => Schema }
interface Schema { _zod: { def: Def }; minValue?: number | null; maxValue?: number | null; isInt?: boolean }


/** The schema that validates the value at `path`, through objects, arrays, records, wrappers and unions. */
export function schemaAt(schema: unknown, path: readonly PropertyKey[]): Schema | null {
  let s = schema as Schema | undefined;
  const unwrap = () => {
    for (let guard = 0; s && guard < 20; guard++) {
      const d = s._zod.def;
      if (d.innerType) s = d.innerType;
      else if (d.type === 'pipe' && d.in) s = d.in;
      else if (d.type === 'lazy' && d.getter) s = d.getter();
      else break;
    }
  };
  for (const key of path) {
    unwrap();
    if (!s) return null;
    const d = s._zod.def;
    if (d.type === 'object' && d.shape) s = d.shape[String(key)];
    else if (d.type === 'array') s = d.element;
    else if (d.type === 'record') s = d.valueType;
    else if (d.type === 'tuple' && d.items) s = d.items[Number(key)];
    else if (d.type === 'union' && d.options) {
      const options = d.options;
      s = options.map((o) => schemaAt(o, [key])).find((x) => x !== null) ?? undefined;
    } else return null;
  }
  unwrap();
  return s ?? null;
}

function numberRange(issue: Issue, schema: unknown): IssueReason | null {
  const s = schemaAt(schema, issue.path);
  const min = s?.minValue, max = s?.maxValue;
  const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER;
  if (finite(min) && finite(max)) return { issue: s?.isInt ? 'wholeBetween' : 'between', params: { min, max } };
  return null;
}

const num = (n: number | bigint | undefined) => (typeof n === 'bigint' ? n.toString() : n ?? 0);
const reason = (issue: IssueKind, params: MessageParams = {}): IssueReason => ({ issue, params });

/** The refusal as a catalogue kind and its values (language-neutral: what a DomainError keeps). */
export function issueReason(issue: Issue, schema?: unknown): IssueReason {
  const i = issue as Issue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; expected?: string; values?: unknown[]; format?: string; keys?: string[] };
  switch (i.code) {
    case 'too_small':
    case 'too_big': {
      if (i.origin === 'number' || i.origin === 'int' || i.origin === 'bigint') {
        const range = schema ? numberRange(issue, schema) : null;
        if (range) return range;
        return i.code === 'too_small'
          ? reason(i.inclusive ? 'atLeast' : 'moreThan', { n: num(i.minimum) })
          : reason(i.inclusive ? 'atMost' : 'lessThan', { n: num(i.maximum) });
      }
      if (i.origin === 'string') {
        if (i.code === 'too_small') return Number(i.minimum) <= 1 ? reason('notEmpty') : reason('minChars', { n: num(i.minimum) });
        return reason('maxChars', { n: num(i.maximum) });
      }
      if (i.origin === 'array' || i.origin === 'set') return i.code === 'too_small' ? reason('minItems', { n: num(i.minimum) }) : reason('maxItems', { n: num(i.maximum) });
      return reason('raw', { text: issue.message });
    }
    case 'invalid_type': {
      // zod leaves the input out of issues; its own text says when nothing was given.
      if (/received undefined$/.test(issue.message)) return reason('required');
      if (i.expected === 'int') return reason('wholeNumber');
      if (i.expected === 'number') return reason(/received (NaN|Infinity)/.test(issue.message) ? 'finiteNumber' : 'number');
      if (i.expected === 'string') return reason('text');
      if (i.expected === 'boolean') return reason('boolean');
      if (i.expected === 'array') return reason('list');
      if (i.expected === 'object') return reason('object');
      return i.expected === 'undefined' ? reason('leftOut') : reason('typed', { type: String(i.expected) });
    }
    case 'invalid_value':
      return i.values && i.values.length > 1 ? reason('oneOf', { values: i.values.map(String).join(', ') }) : reason('exactly', { value: String(i.values?.[0]) });
    case 'not_multiple_of':
      return reason('raw', { text: issue.message.replace(/^Invalid number: /, '') });
    case 'unrecognized_keys':
      return reason('unknownField');
    case 'invalid_format':
      return reason('format', { format: i.format ?? 'value' });
    default:
      return reason('raw', { text: issue.message });
  }
}

/** Values for a message in the reader's locale: numbers through loc.number (whole ones grouped), text as it is. */
export function localParams(params: MessageParams, loc: Locale): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'number' ? loc.number({ maximumFractionDigits: 20 }).format(v) : v;
  // i18next picks the plural form from `count`: the first number, unformatted.
  const n = Object.values(params).find((v) => typeof v === 'number');
  if (n !== undefined) out.count = n;
  return out;
}

/** A refusal in words in the reader's language. */
export function reasonInWords(r: IssueReason, loc: Locale = ENGLISH): string {
  return loc.t(`errors:issue.${r.issue}`, localParams(r.params, loc));
}

export function issueInWords(issue: Issue, schema?: unknown, loc: Locale = ENGLISH): string {
  return reasonInWords(issueReason(issue, schema), loc);
}
