import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Cancelled, DomainError, fromZod, toDomainError } from './errors';
import { ImportCancelled, ImportError } from '../import/types';
import { AssessmentCancelled } from '../engine/montecarlo';
import { PostopError } from '../postop/errors';
import { CliError } from '../cli/errors';

describe('DomainError', () => {
  it('carries code, one-line message and field, and serialises to the API body', () => {
    const e = new DomainError('not_found', 'facility h9\n   does not exist', 'id');
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('facility h9 does not exist');
    expect(e.toJSON()).toEqual({ code: 'not_found', message: 'facility h9 does not exist', field: 'id' });
    expect(JSON.parse(JSON.stringify(new DomainError('conflict', 'taken')))).toEqual({ code: 'conflict', message: 'taken' });
  });

  it('puts a nested field, and the message that names it, under a prefix', () => {
    const e = new DomainError('invalid_input', 'capacity.beds: must be >= 0', 'capacity.beds').under('facility');
    expect(e.toJSON()).toEqual({ code: 'invalid_input', message: 'facility.capacity.beds: must be >= 0', field: 'facility.capacity.beds' });
    const noField = new DomainError('conflict', 'already undone');
    expect(noField.under('changes')).toBe(noField);
  });

  it('names the first zod issue by its path, an unknown key by the key itself', () => {
    const schema = z.strictObject({ area: z.object({ radiusM: z.number().positive() }) });
    const bad = schema.safeParse({ area: { radiusM: -1 } });
    expect(bad.success).toBe(false);
    expect(fromZod(bad.error!).toJSON()).toMatchObject({ code: 'invalid_input', field: 'area.radiusM' });
    const extra = schema.safeParse({ area: { radiusM: 1 }, colour: 'red' });
    expect(fromZod(extra.error!, 'input').field).toBe('input.colour');
  });

  it('is what every layer throws, each with its own code; cancellation is a code, not a name', () => {
    expect(new ImportError('/tmp/a.csv', 'empty file').toJSON()).toEqual({ code: 'invalid_input', message: 'a.csv: empty file' });
    expect(new PostopError('no parameter set named "x"', 'not_found').code).toBe('not_found');
    expect(new CliError('--dataset is required', 2)).toMatchObject({ code: 'invalid_input', exitCode: 2 });
    for (const e of [new ImportCancelled('/tmp/a.osm.pbf'), new AssessmentCancelled(), new Cancelled()]) {
      expect(e).toBeInstanceOf(DomainError);
      expect(e.code).toBe('cancelled');
      expect(e.name).not.toBe('AbortError');
    }
  });

  it('turns anything else into internal, keeping a DomainError as it is', () => {
    const d = new DomainError('conflict', 'x');
    expect(toDomainError(d)).toBe(d);
    expect(toDomainError(new TypeError('boom')).toJSON()).toEqual({ code: 'internal', message: 'boom' });
    expect(toDomainError('text').toJSON()).toEqual({ code: 'internal', message: 'text' });
  });
});
