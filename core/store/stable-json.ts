/**
 * Deterministic JSON for content hashes: the same text as safe-stable-stringify (object keys sorted,
 * undefined members left out, undefined in arrays as null) for the plain data a dataset holds, but
 * arrays of numbers (geometry coordinates, most of a dataset's bytes) go through the native
 * JSON.stringify in one call. safe-stable-stringify builds them one number at a time, which made
 * hashing Porto's dataset a third of its save.
 */

/** True when `a` holds only numbers and arrays of the same: nothing whose keys would need sorting. */
function numeric(a: unknown[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x === 'number') continue;
    if (!Array.isArray(x) || !numeric(x)) return false;
  }
  return true;
}

/**
 * Sorted keys, each with its JSON name and colon, for the key orders met lately. A dataset's records
 * of one table share one or two shapes (a building and its geometry), so each shape is sorted and
 * quoted once instead of for every record. Bounded: values of many shapes only fall back to sorting.
 */
const shapes: { keys: string[]; fields: [key: string, prefix: string][] }[] = [];
const SHAPES_KEPT = 16;

function fieldsOf(keys: string[]): [string, string][] {
  search: for (const s of shapes) {
    if (s.keys.length !== keys.length) continue;
    for (let i = 0; i < keys.length; i++) if (s.keys[i] !== keys[i]) continue search;
    return s.fields;
  }
  const fields = [...keys].sort().map((k): [string, string] => [k, `${JSON.stringify(k)}:`]);
  if (shapes.length === SHAPES_KEPT) shapes.shift();
  shapes.push({ keys, fields });
  return fields;
}

export function stableJson(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') {
    // number (non-finite as null), string, boolean; undefined, functions and symbols give undefined
    return typeof value === 'bigint' ? String(value) : JSON.stringify(value);
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return stableJson((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) {
    if (numeric(value)) return JSON.stringify(value);
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + (stableJson(value[i]) ?? 'null');
    return `${out}]`;
  }
  let out = '{';
  let sep = '';
  for (const [k, prefix] of fieldsOf(Object.keys(value))) {
    const v = stableJson((value as Record<string, unknown>)[k]);
    if (v === undefined) continue;
    out += sep + prefix + v;
    sep = ',';
  }
  return `${out}}`;
}
