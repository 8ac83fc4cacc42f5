/**
 * No lost updates (issue 15): a facility added from a second connection while an import is merging
 * into the same dataset is either kept or refused, never dropped while its edit record stays.
 * Before the fix the edit committed and the import's rewrite deleted the facility.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importFiles } from '../../core/import/pipeline';
import { loadDataset, findDataset } from '../../core/store/datasets';
import { openStore } from '../../core/store/db';
import { createFacility } from '../../core/store/facilities';
import { setAuthor } from '../../core/store/settings';
import { osm, tempDir } from './helpers';

const { dir, cleanup } = tempDir('uia-race-');
afterAll(cleanup);

describe('an edit during an import', () => {
  it('is kept or refused, never silently dropped', async () => {
    const path = join(dir, 'race.sqlite');
    const db = openStore(path);
    await importFiles(db, [osm('monaco-2016.osm.pbf')], { dataset: 'Monaco' });
    const datasetId = findDataset(db, 'Monaco')!.id;
    const other = openStore(path); // another connection: the CLI beside the app, or a worker
    other.pragma('busy_timeout = 100');
    setAuthor(other, 'engineer');
    let edit: 'kept' | 'refused' | null = null;
    await importFiles(db, [osm('monaco-2016.osm.pbf')], {
      dataset: 'Monaco',
      onProgress: (p) => {
        if (edit || !p.phase.startsWith('allocating')) return;
        try {
          createFacility(other, datasetId, { id: 'added-meanwhile', name: 'Field clinic', sector: 'health', kind: 'clinic', construction: 'light', geometry: { type: 'Point', coordinates: [7.42, 43.735] } });
          edit = 'kept';
        } catch (e) {
          expect((e as Error).message).toMatch(/locked|busy/i);
          edit = 'refused';
        }
      },
    });
    expect(edit).not.toBeNull();
    const facility = loadDataset(db, datasetId).facilities.find((f) => f.id === 'added-meanwhile');
    const record = db.prepare("SELECT COUNT(*) AS n FROM edits WHERE entity_ext_id = 'added-meanwhile'").get() as { n: number };
    console.log(`edit during import: ${edit}`);
    if (edit === 'kept') { expect(facility).toBeDefined(); expect(record.n).toBe(1); }
    else { expect(facility).toBeUndefined(); expect(record.n).toBe(0); }
    other.close(); db.close();
  }, 300_000);
});
