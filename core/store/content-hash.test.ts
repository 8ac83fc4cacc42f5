/** The content hash an edit refreshes incrementally is the hash of the whole stored dataset, edit after edit and undo after undo. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from './db';
import { bundleHash, loadDataset, refreshContentHash, refreshInfrastructureHash, requireDataset, saveDataset } from './datasets';
import { createFacility, deleteFacility, updateFacility } from './facilities';
import { createDependency, updateDependency } from './dependencies';
import { upsertServiceArea } from './service-areas';
import { undoLastEdit } from './edit-history';
import { generateTrainingCity } from '../synth/training-city';
import { createHash } from 'node:crypto';
import { stableJson } from './stable-json';

const dir = mkdtempSync(join(tmpdir(), 'uia-hash-'));
const db = openStore(join(dir, 'hash.sqlite'));
afterAll(() => { db.close(); rmSync(dir, { recursive: true, force: true }); });

const city = generateTrainingCity();
const id = saveDataset(db, city);
const stored = () => requireDataset(db, id).content_hash;
const fromScratch = () => bundleHash(loadDataset(db, id));

describe('incremental content hash', () => {
  it('equals a from-scratch hash after every edit, changes with each, and undo restores each earlier hash', () => {
    const original = stored();
    expect(original).toBe(bundleHash(city));
    const [a, b] = city.facilities;
    const edits: (() => unknown)[] = [
      () => createFacility(db, id, { id: 'hash-test-1', name: 'Field clinic', sector: 'health', kind: 'clinic', construction: 'rc', capacity: { beds: 10 }, geometry: { type: 'Point', coordinates: a!.geometry.coordinates } }),
      () => updateFacility(db, id, 'hash-test-1', { capacity: { beds: 12 } }),
      () => createDependency(db, id, { consumerId: 'hash-test-1', supplierId: b!.id, input: 'water', backupDays: 2 }),
      () => updateDependency(db, id, city.dependencies[0]!.id, { backupDays: 9 }),
      () => upsertServiceArea(db, id, { facilityId: 'hash-test-1', geometry: { type: 'Polygon', coordinates: [[[0, 0], [0.01, 0], [0.01, 0.01], [0, 0]]] } }),
      () => deleteFacility(db, id, a!.id),
    ];
    const seen = [original];
    for (const edit of edits) {
      edit();
      expect(stored()).toBe(fromScratch());
      expect(seen).not.toContain(stored());
      seen.push(stored());
    }
    for (let i = seen.length - 2; i >= 0; i--) {
      undoLastEdit(db, id);
      expect(stored()).toBe(fromScratch());
      expect(stored()).toBe(seen[i]);
    }
  });

  it('a dataset stored without digests (an older database) is hashed in full on its first edit', () => {
    db.prepare('UPDATE datasets SET content_digests = NULL WHERE id = ?').run(id);
    updateFacility(db, id, city.facilities[1]!.id, { name: 'Renamed' });
    expect(requireDataset(db, id).content_digests).not.toBeNull();
    expect(stored()).toBe(fromScratch());
  });

  it('prints what an edit spends on the hash: whole dataset vs edited tables only (training city)', () => {
    const time = (f: () => unknown, n = 5) => { const t = performance.now(); for (let i = 0; i < n; i++) f(); return (performance.now() - t) / n; };
    const full = time(() => db.transaction(() => refreshContentHash(db, id))());
    const incremental = time(() => db.transaction(() => refreshInfrastructureHash(db, id))());
    console.log(`content hash after an edit, training city: whole dataset ${full.toFixed(1)} ms, edited tables only ${incremental.toFixed(1)} ms`);
    expect(stored()).toBe(fromScratch());
  });

  it('saving hashes what loadDataset reads back, also where the row differs from the input (elevation, empty capacity, extra keys, a lone surrogate)', () => {
    const base = generateTrainingCity();
    const [f0, f1] = base.facilities;
    const odd = {
      ...base,
      meta: { ...base.meta, name: 'hash-odd', extra: 'dropped by validation' } as typeof base.meta,
      facilities: [
        { ...f0!, geometry: { type: 'Point' as const, coordinates: [...f0!.geometry.coordinates.slice(0, 2), 12.5] }, capacity: { beds: undefined, mw: 3 } },
        { ...f1!, name: 'Clinic \ud800 broken text' },
        ...base.facilities.slice(2),
      ],
      buildings: base.buildings.map((b, i) => (i === 0 ? { ...b, unknownField: 1 } : b)),
    };
    const oddId = saveDataset(db, odd);
    const saved = requireDataset(db, oddId).content_hash;
    expect(saved).toBe(bundleHash(loadDataset(db, oddId)));
    expect(db.transaction(() => refreshContentHash(db, oddId))()).toBe(saved);
    // without the broken text the hash comes from memory, and still equals the read-back one
    const clean = { ...odd, meta: { ...odd.meta, name: 'hash-clean' }, facilities: odd.facilities.map((f, i) => (i === 1 ? f1! : f)) };
    const cleanId = saveDataset(db, clean);
    expect(requireDataset(db, cleanId).content_hash).toBe(bundleHash(loadDataset(db, cleanId)));
    expect(requireDataset(db, cleanId).content_hash).not.toBe(bundleHash(clean)); // the elevation is not stored: the input's own hash differs
  });

  it('is the SHA-256 of the digests of each part\'s whole stable JSON (records are hashed one at a time, the same bytes)', () => {
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    const { name: _n, ...meta } = city.meta;
    const parts = { meta, populationUnits: city.populationUnits, buildings: city.buildings, facilities: city.facilities, dependencies: city.dependencies, serviceAreas: city.serviceAreas, protectedSites: city.protectedSites };
    expect(bundleHash(city)).toBe(sha(Object.entries(parts).map(([k, v]) => `${k} ${sha(stableJson(v)!)}\n`).join('')));
  });
});
