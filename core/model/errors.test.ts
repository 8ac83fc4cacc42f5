import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { Cancelled, DomainError, errorInWords, fromZod, toDomainError } from './errors';
import { localeFor } from '../i18n/locale';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importerFor } from '../import/registry';
import { resources } from '../i18n/i18n';
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

describe('DomainError in the reader\'s language', () => {
  const settings = z.strictObject({ warningShare: z.number().min(0).max(1), horizonDays: z.number().int().min(1).max(3650), timeOfDay: z.enum(['night', 'day', 'commute']) });
  const refuse = (input: object) => {
    const r = settings.safeParse({ warningShare: 0.5, horizonDays: 30, timeOfDay: 'day', ...input });
    if (r.success) throw new Error('accepted');
    return fromZod(r.error, 'operation.settings', settings);
  };

  it('keeps the refused field and its bounds as values, and says them in French, Arabic and Ukrainian', () => {
    const e = refuse({ warningShare: 1.5 });
    expect(e.message).toBe('operation.settings.warningShare: must be between 0 and 1');
    expect(e.toJSON()).toMatchObject({ key: 'field', params: { field: 'operation.settings.warningShare', issue: 'between', min: 0, max: 1 } });
    const fr = resources.fr.errors;
    expect(errorInWords(e, localeFor('fr'))).toBe(fr.field.replace('{{field}}', 'operation.settings.warningShare').replace('{{problem}}', fr.issue.between.replace('{{min}}', '0').replace('{{max}}', '1')));
    const ar = errorInWords(refuse({ horizonDays: 0 }), localeFor('ar', 'arab'));
    expect(ar).toContain(new Intl.NumberFormat('ar', { numberingSystem: 'arab' }).format(3650));
    expect(ar.replace('operation.settings.horizonDays', '')).not.toMatch(/[A-Za-z0-9]/);
    expect(errorInWords(refuse({ timeOfDay: 'noon' }), localeFor('uk'))).toBe(`operation.settings.timeOfDay: ${resources.uk.errors.issue.oneOf.replace('{{values}}', 'night, day, commute')}`);
  });

  it('says an error again from the API body that crossed a transport, with its field put under a prefix', () => {
    const body = JSON.parse(JSON.stringify(refuse({ warningShare: -1 }).under('input').toJSON()));
    expect(body.field).toBe('input.operation.settings.warningShare');
    expect(errorInWords(body, localeFor('fr'))).toMatch(/^input\.operation\.settings\.warningShare : /);
  });

  it('words a refused import by its catalogue entry, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uia-err-')), file = join(dir, 'empty.geojson');
    writeFileSync(file, '');
    let e: DomainError | undefined;
    try { importerFor(file); } catch (x) { e = x as DomainError; } finally { rmSync(dir, { recursive: true }); }
    expect(e).toBeInstanceOf(ImportError);
    expect(e!.message).toBe('empty.geojson: empty file');
    expect(errorInWords(e!, localeFor('uk'))).toBe(resources.uk.errors.import.empty.replace('{{file}}', 'empty.geojson'));
    const p = new PostopError({ key: 'package.altered' });
    expect(errorInWords(p, localeFor('ar'))).toBe(resources.ar.errors.package.altered);
  });

  it('falls back to the English message for an error with no catalogue entry', () => {
    expect(errorInWords(new DomainError('conflict', 'already undone'), localeFor('fr'))).toBe('already undone');
    expect(errorInWords(toDomainError(new TypeError('boom')), localeFor('uk'))).toBe('boom');
    expect(errorInWords({ message: 'x', key: 'no.such.key' as never }, localeFor('fr'))).toBe('x');
    expect(errorInWords(new Cancelled(), localeFor('fr'))).toBe(resources.fr.errors.cancelled);
  });
});
