/** Typed arrays and number lists (no object per item), shared by the engine and the importers. */

/** A copy of `a` twice as long, the new half zero: for appending past a typed array's end. */
export function doubled<T extends Int32Array | Float64Array>(a: T): T {
  const b = new (a.constructor as { new (n: number): T })(a.length * 2);
  b.set(a);
  return b;
}

/** Whether two lists hold the same numbers in the same order (cache keys: ints, or parameters already validated, never NaN). */
export function sameNumbers(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
