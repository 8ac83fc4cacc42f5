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
  const keys = Object.keys(value).sort();
  let out = '{';
  let sep = '';
  for (const k of keys) {
    const v = stableJson((value as Record<string, unknown>)[k]);
    if (v === undefined) continue;
    out += `${sep}${JSON.stringify(k)}:${v}`;
    sep = ',';
  }
  return `${out}}`;
}
