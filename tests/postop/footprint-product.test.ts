/** A product key given by the user applies to the damage layer; a plain footprint beside it follows that product. */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { ensureEmptyDataset, importObservations } from '../../core/postop';
import { ALEPPO, ALEPPO_NEIGHBOURHOODS, tempStore } from './helpers';
import { sharedData } from '../support/shared-data';

sharedData('damage/aleppo-unosat-damage-sites-2015.geojson', 'damage/aleppo-neighborhoods.geojson');

const store = tempStore();
afterAll(() => { store.db.close(); rmSync(store.dir, { recursive: true, force: true }); });

describe('damage import with --product and a footprint', () => {
  it('stores the footprint under the given product and counts damage outside it', async () => {
    const datasetId = ensureEmptyDataset(store.db, 'Aleppo');
    const r = await importObservations(store.db, [ALEPPO, ALEPPO_NEIGHBOURHOODS], { dataset: datasetId, product: 'UNOSAT_ALEPPO_2015' });
    expect(r.outsideFootprint).toBe(3698);
    expect(r.total).toBe(14058 - 3698);
    const footprints = store.db.prepare("SELECT COUNT(*) AS n FROM observations WHERE kind = 'footprint' AND product = 'UNOSAT_ALEPPO_2015'").get() as { n: number };
    expect(footprints.n).toBeGreaterThan(0);
  });
});
