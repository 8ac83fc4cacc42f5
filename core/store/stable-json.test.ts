import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import stringify from 'safe-stable-stringify';
import { stableJson } from './stable-json';
import { generateTrainingCity } from '../synth/training-city';

describe('stableJson', () => {
  it('writes the same text as safe-stable-stringify for any JSON-like value', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, fc.double(), fc.integer(), fc.string({ unit: 'binary' }), fc.boolean(), fc.constant(null), fc.constant(undefined),
        fc.array(tie('any')), fc.array(fc.array(fc.double())), fc.dictionary(fc.string({ unit: 'binary' }), tie('any'))),
    })).any;
    fc.assert(fc.property(value, (v) => { expect(stableJson(v)).toBe(stringify(v)); }), { numRuns: 500 });
  });

  it('writes the same text for a whole dataset (the training city)', () => {
    const city = generateTrainingCity();
    expect(stableJson(city)).toBe(stringify(city));
  });
});
