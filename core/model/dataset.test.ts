/** isModelGeometry says yes exactly when the zod geometry schemas accept, on valid and broken geometry alike. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AnyFeatureGeometry, ArealGeometry, isModelGeometry } from './dataset';

const coord = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -200, max: 200, noNaN: true }) },
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -180, 180, -90, 90, -0),
  fc.constantFrom<unknown>('1', null, undefined, [1]),
);
const position = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })) },
  fc.array(coord, { minLength: 0, maxLength: 4 }),
);
/** A ring, closed most of the time (its first position repeated), of 0-6 positions. */
const ring = fc.tuple(fc.array(position, { minLength: 0, maxLength: 6 }), fc.boolean()).map(([ps, close]) => (close && ps.length ? [...ps, ps[0]] : ps));
const geometry = fc.oneof(
  fc.record({ type: fc.constantFrom('Point', 'Polygon', 'MultiPolygon', 'LineString'), coordinates: position }),
  fc.record({ type: fc.constantFrom('Polygon', 'Point', 'MultiPolygon'), coordinates: fc.array(ring, { maxLength: 3 }) }),
  fc.record({ type: fc.constantFrom('MultiPolygon', 'Polygon'), coordinates: fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 3 }) }),
  fc.record({ type: fc.constant('Polygon'), coordinates: fc.array(ring, { maxLength: 2 }), bbox: fc.constant([0, 0, 1, 1]) }),
  fc.constantFrom<unknown>(null, undefined, 'Point', [], { coordinates: [0, 0] }),
);

describe('isModelGeometry', () => {
  it('agrees with the zod schemas (any feature geometry, and areal only)', () => {
    let accepted = 0;
    fc.assert(fc.property(geometry, (g) => {
      const any = isModelGeometry(g, ['Point', 'Polygon', 'MultiPolygon']);
      expect(any).toBe(AnyFeatureGeometry.safeParse(g).success);
      expect(isModelGeometry(g, ['Polygon', 'MultiPolygon'])).toBe(ArealGeometry.safeParse(g).success);
      if (any) accepted++;
    }), { numRuns: 3000, seed: 11 });
    expect(accepted).toBeGreaterThan(100); // the valid side is exercised too
  });
});
