import { describe, expect, it } from 'vitest';
import { contract } from './contract';
import { fromZod } from './errors';

/** The message the API gives for one refused input of one operation. */
function refusal(name: keyof typeof contract, input: unknown): string {
  const schema = contract[name].input;
  const r = schema.safeParse(input);
  if (r.success) throw new Error('input was accepted');
  return fromZod(r.error, '', schema).message;
}

const area = { type: 'Polygon', coordinates: [[[3, 0.5], [3.01, 0.5], [3.01, 0.51], [3, 0.5]]] };
const operation = (settings: object) => ({ name: 'A', settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30, ...settings }, areas: [{ id: 'a1', name: 'Area 1', profileId: 'medium', geometry: area }] });

describe('refused values in words', () => {
  it('names both ends of a range', () => {
    expect(refusal('assess.run', { datasetId: 1, operation: operation({ warningShare: 1.5 }) })).toBe('operation.settings.warningShare: must be between 0 and 1');
    expect(refusal('assess.run', { datasetId: 1, operation: operation({ horizonDays: 0 }) })).toBe('operation.settings.horizonDays: must be between 1 and 3,650');
  });

  it('lists the allowed choices, and says what type is wanted', () => {
    expect(refusal('assess.run', { datasetId: 1, operation: operation({ timeOfDay: 'noon' }) })).toBe('operation.settings.timeOfDay: must be one of night, day, commute');
    expect(refusal('assess.run', { datasetId: 1, operation: operation({ warningShare: 'half' }) })).toBe('operation.settings.warningShare: must be a number');
    expect(refusal('assess.run', { operation: operation({}) })).toBe('datasetId: is required');
  });

  it('keeps messages the model writes in words (refinements)', () => {
    expect(refusal('assess.run', { datasetId: 1, operation: { ...operation({}), areas: [{ id: 'a1', name: 'A', profileId: 'custom', geometry: area, profile: { id: 'x', name: 'X', illustrative: false, source: 's', zones: [{ outerEdgeM: 0, damage: { none: 0.5, slight: 0.1, moderate: 0, extensive: 0, complete: 0 }, outdoor: { killed: 0, serious: 0, light: 0 } }] } }] } }))
      .toMatch(/damage-state probabilities must sum to 1$/);
  });
});
