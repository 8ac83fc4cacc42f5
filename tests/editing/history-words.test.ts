/**
 * The edit history in words, read from real edit records of a real SQLite store (the training city):
 * names, not ids; values with units; never JSON.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../core/store/db';
import { loadDataset, saveDataset } from '../../core/store/datasets';
import { createDependency, deleteDependency, updateDependency } from '../../core/store/dependencies';
import { listEdits, undoLastEdit } from '../../core/store/edit-history';
import { updateFacility } from '../../core/store/facilities';
import { upsertServiceArea } from '../../core/store/service-areas';
import { setAuthor } from '../../core/store/settings';
import { generateTrainingCity } from '../../core/synth/training-city';
import { editInWords } from '../../renderer/editing/history-words';
import { localeFor } from '../../core/i18n/locale';

const dir = mkdtempSync(join(tmpdir(), 'uia-history-'));
const db = openStore(join(dir, 'history.sqlite'));
afterAll(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

describe('edit history in words', () => {
  const datasetId = saveDataset(db, generateTrainingCity());
  const city = loadDataset(db, datasetId);
  const names = new Map(city.facilities.map((f) => [f.id, f.name]));
  const hospital = city.facilities.find((f) => f.kind === 'hospital' && f.capacity.beds !== undefined)!;
  const substation = city.facilities.find((f) => f.kind === 'substation')!;
  const pump = city.facilities.find((f) => f.kind === 'pumping_station' && !city.dependencies.some((d) => d.consumerId === f.id && d.supplierId === substation.id))!;
  setAuthor(db, 'Eng. Amal Haddad');
  const words = () => listEdits(db, datasetId).map((e) => editInWords(e, (id) => names.get(id)));

  it('names the facility and says what changed, with units', () => {
    updateFacility(db, datasetId, hospital.id, { capacity: { ...hospital.capacity, beds: 600 } });
    expect(words()[0]).toBe(`${hospital.name}: beds ${hospital.capacity.beds!.toLocaleString('en-GB')} → 600`);
    updateFacility(db, datasetId, hospital.id, { construction: hospital.construction === 'steel' ? 'rc' : 'steel' });
    expect(words()[0]).toMatch(new RegExp(`^${hospital.name}: construction .+ → (steel|reinforced concrete)$`));
  });

  it('says which facility feeds which, and the backup in days', () => {
    const { dependency } = createDependency(db, datasetId, { supplierId: substation.id, consumerId: pump.id, input: 'power', backupDays: 2 });
    expect(words()[0]).toBe(`${substation.name} now feeds ${pump.name} (power), backup 2 days`);
    updateDependency(db, datasetId, dependency.id, { backupDays: 0.5 });
    expect(words()[0]).toBe(`${substation.name} → ${pump.name}: backup 2 days → 0.5 days`);
    deleteDependency(db, datasetId, dependency.id);
    expect(words()[0]).toBe(`${substation.name} no longer feeds ${pump.name} (power)`);
    undoLastEdit(db, datasetId);
    expect(words()[0]).toMatch(new RegExp(`^Undo of #\\d+: ${substation.name} now feeds ${pump.name} \\(power\\), backup 0.5 days$`));
    // The same record in Ukrainian and in Arabic with Arabic-Indic digits: names kept, numbers and plurals of the language.
    const last = listEdits(db, datasetId)[0]!;
    const name = (id: string) => names.get(id);
    expect(editInWords(last, name, localeFor('uk'))).toMatch(new RegExp(`^Скасування № \\d+: ${substation.name} тепер постачає ${pump.name} \\(електропостачання\\), резерв 0,5 дня$`));
    expect(editInWords(last, name, localeFor('ar', 'arab'))).toMatch(new RegExp(`^تراجع عن رقم [٠-٩]+: ${substation.name} تغذّي الآن ${pump.name} \\(الكهرباء\\)، الاحتياط ٠٫٥ يوم$`));
  });

  it('describes service areas by their facility and never prints JSON or ids', () => {
    const [x, y] = hospital.geometry.coordinates;
    upsertServiceArea(db, datasetId, { facilityId: hospital.id, geometry: { type: 'Polygon', coordinates: [[[x - 0.01, y - 0.01], [x + 0.01, y - 0.01], [x + 0.01, y + 0.01], [x - 0.01, y + 0.01], [x - 0.01, y - 0.01]]] } });
    expect(words()[0]).toMatch(new RegExp(`^Service area of ${hospital.name} (drawn|redrawn)$`));
    for (const w of words()) {
      expect(w).not.toMatch(/[{}"]|\bnull\b|undefined/);
      expect(w).not.toContain(hospital.id);
    }
    expect(listEdits(db, datasetId).every((e) => e.author === 'Eng. Amal Haddad')).toBe(true);
  });
});
