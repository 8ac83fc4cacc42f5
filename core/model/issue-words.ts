/**
 * A refused value in words that say what is allowed ("must be between 0 and 1", "must be one of
 * night, day, commute"), not the validator's own text. Bounds come from the schema at the issue's
 * path, so a number with both a minimum and a maximum names both.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
interface Def { type: string; shape?: Record<string, Schema>; element?: Schema; innerType?: Schema; valueType?: Schema; in?: Schema; items?: Schema[]; options?: Schema[]; getter?: () => Schema }
interface Schema { _zod: { def: Def }; minValue?: number | null; maxValue?: number | null; isInt?: boolean }

const fmt = (n: number | bigint) => (typeof n === 'bigint' ? n.toString() : Number.isInteger(n) ? n.toLocaleString('en-GB') : String(n));

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

function numberRange(issue: Issue, schema: unknown): string | null {
  const s = schemaAt(schema, issue.path);
  const min = s?.minValue, max = s?.maxValue;
  const whole = s?.isInt ? 'a whole number ' : '';
  const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER;
  if (finite(min) && finite(max)) return `must be ${whole}between ${fmt(min)} and ${fmt(max)}`;
  return null;
}

export function issueInWords(issue: Issue, schema?: unknown): string {
  const i = issue as Issue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; expected?: string; values?: unknown[]; format?: string; keys?: string[] };
  switch (i.code) {
    case 'too_small':
    case 'too_big': {
      if (i.origin === 'number' || i.origin === 'int' || i.origin === 'bigint') {
        const range = schema ? numberRange(issue, schema) : null;
        if (range) return range;
        return i.code === 'too_small'
          ? `must be ${i.inclusive ? 'at least' : 'more than'} ${fmt(i.minimum!)}`
          : `must be ${i.inclusive ? 'at most' : 'less than'} ${fmt(i.maximum!)}`;
      }
      if (i.origin === 'string') {
        if (i.code === 'too_small') return Number(i.minimum) <= 1 ? 'must not be empty' : `must be at least ${fmt(i.minimum!)} characters`;
        return `must be at most ${fmt(i.maximum!)} characters`;
      }
      if (i.origin === 'array' || i.origin === 'set') return i.code === 'too_small' ? `needs at least ${fmt(i.minimum!)} item${Number(i.minimum) === 1 ? '' : 's'}` : `takes at most ${fmt(i.maximum!)} items`;
      return issue.message;
    }
    case 'invalid_type': {
      // zod leaves the input out of issues; its own text says when nothing was given.
      if (/received undefined$/.test(issue.message)) return 'is required';
      if (i.expected === 'int') return 'must be a whole number';
      if (i.expected === 'number') return /received (NaN|Infinity)/.test(issue.message) ? 'must be a finite number' : 'must be a number';
      if (i.expected === 'string') return 'must be text';
      if (i.expected === 'boolean') return 'must be true or false';
      if (i.expected === 'array') return 'must be a list';
      if (i.expected === 'object') return 'must be an object with fields';
      return `must be ${i.expected === 'undefined' ? 'left out' : `a ${i.expected}`}`;
    }
    case 'invalid_value':
      return i.values && i.values.length > 1 ? `must be one of ${i.values.map(String).join(', ')}` : `must be ${String(i.values?.[0])}`;
    case 'not_multiple_of':
      return issue.message.replace(/^Invalid number: /, '');
    case 'unrecognized_keys':
      return 'is not a field this operation takes';
    case 'invalid_format':
      return `must be a valid ${i.format ?? 'value'}`;
    default:
      return issue.message;
  }
}
