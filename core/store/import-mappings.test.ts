import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './db';
import { listMappings, loadMapping, saveMapping } from './import-mappings';
import type { FieldMapping } from '../import/field-mapping';

const dir = mkdtempSync(join(tmpdir(), 'uia-mapping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saved import mappings', () => {
  it('saves, replaces, lists and loads a named mapping; an unknown name is not_found', () => {
    const porto: FieldMapping = { residents: 'N', female: 'W', male: 'M', age0to14: 'A0', age15to64: ['A15', 'A25'], age65plus: 'A65' };
    const db = openStore(join(dir, 's.sqlite'));
    saveMapping(db, 'porto', porto);
    saveMapping(db, 'porto', { ...porto, disabled: 'D' });
    expect(loadMapping(db, 'porto')).toEqual({ ...porto, disabled: 'D' });
    expect(listMappings(db).map((m) => m.name)).toEqual(['porto']);
    expect(() => loadMapping(db, 'nope')).toThrow(/no saved import mapping named "nope"/);
    expect(() => loadMapping(db, 'nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
    db.close();
  });
});
