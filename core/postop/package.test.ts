/**
 * Phases of a scenario package: each later phase opens only with its own code and only as itself,
 * reveals the previous phase's observed outcomes (displacement reports included), and a package
 * without phases reads as one phase. Real stores, the synthetic training city, real files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Operation } from '../model/operation';
import { saveDataset } from '../store/datasets';
import { openStore, type Db } from '../store/db';
import { findOrAddOperation } from '../store/operations';
import { generateTrainingCity } from '../synth/training-city';
import { listObservations, loadOutcomes, recordCasualtyReport, recordDisplacementReport, type ObservedOutcomes } from './observations';
import { exportPackage, importPackage, readPackage, recordOutcome, revealOutcomes, scenarioPhases, unlockPhase, type ExportOptions } from './package';

const open: Db[] = [];
afterEach(() => { while (open.length) open.pop()!.close(); });
const dir = () => mkdtempSync(join(tmpdir(), 'uia-phases-'));
const store = () => { const db = openStore(join(dir(), 'store.sqlite')); open.push(db); return db; };

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const, coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});
const option = (name: string, lon: number, lat: number): Operation => ({
  name, settings: { timeOfDay: 'night', warningShare: 0.2, horizonDays: 30 }, areas: [{ id: 'a1', name, geometry: square(lon, lat, 0.001), profileId: 'medium' }],
});
const A = option('A: north block', 2.995, 0.505);
const B = option('B: west block', 2.99, 0.5);
const C = option('C: follow-up on the depot', 2.997, 0.507);
const none: ObservedOutcomes = { damage: [], footprints: [], facilities: [], outages: [], casualties: [] };
const PASS = 'debrief-0900-sharp';
const CODE2 = 'follow-up-code-two';
const CODE3 = 'third-night-code-x';

/** A trainer's store with A, B, C saved and what was observed after A (casualties, displacement) and after C. */
function trainer() {
  const db = store();
  const datasetId = saveDataset(db, generateTrainingCity());
  const [a, b, c] = [A, B, C].map((o) => findOrAddOperation(db, datasetId, o));
  recordCasualtyReport(db, { dataset: datasetId, operationId: a, killed: 11, injured: 40, source: 'hospital registers', confidence: 'high' });
  recordDisplacementReport(db, { dataset: datasetId, operationId: a, displaced: 2_300, inPublicShelter: 600, byGroup: { elderly: 300 }, source: 'displacement tracking round 1', confidence: 'medium', observedAt: '2024-05-03' });
  recordCasualtyReport(db, { dataset: datasetId, operationId: c, killed: 2, injured: 9, source: 'field hospital', confidence: 'medium' });
  return { db, datasetId, ids: { a: a!, b: b!, c: c! } };
}

function threePhases(extra: Partial<ExportOptions> = {}) {
  const t = trainer();
  const path = join(dir(), 'three-nights.uiapkg');
  exportPackage(t.db, {
    path, title: 'Three nights', dataset: t.datasetId, operations: [t.ids.a, t.ids.b], briefing: 'Night 1: choose A or B.',
    outcomes: { fromOperationId: t.ids.a }, revealPassphrase: PASS, firstPhaseTitle: 'First strike',
    laterPhases: [
      { title: 'Follow-up', briefing: 'Night 4: the depot reopened. Choose C or B.', operations: [t.ids.c, t.ids.b], outcomes: { fromOperationId: t.ids.c }, daysAfterPrevious: 3, code: CODE2 },
      { title: 'Last night', briefing: 'Night 6: B only.', operations: [t.ids.b], outcomes: { operation: B.name, observed: none }, daysAfterPrevious: 2, code: CODE3 },
    ],
    ...extra,
  });
  return { ...t, path };
}

/** Re-gzips a package after editing its outer JSON. */
function edit(path: string, fn: (outer: { phaseSeals: unknown[] }) => void): string {
  const outer = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
  fn(outer);
  const out = path.replace(/\.uiapkg$/, '-edited.uiapkg');
  writeFileSync(out, gzipSync(JSON.stringify(outer)));
  return out;
}

describe('scenario phases', () => {
  it('lists every phase in the open, seals later briefings and earlier outcomes, and opens each phase with its own code', () => {
    const { path } = threePhases();
    const raw = gunzipSync(readFileSync(path)).toString('utf8');
    for (const secret of ['the depot reopened', 'hospital registers', 'displacement tracking', 'B only']) expect(raw).not.toContain(secret);

    const trainee = store();
    const s = importPackage(trainee, path);
    expect(s.briefing).toBe('Night 1: choose A or B.');
    expect(s.phases.map((p) => [p.phase, p.title, p.daysAfterPrevious, p.options.map((o) => o.name)])).toEqual([
      [1, 'First strike', 0, [A.name, B.name]], [2, 'Follow-up', 3, [C.name, B.name]], [3, 'Last night', 2, [B.name]],
    ]);
    // One operation per name across phases: B offered twice is one saved operation.
    expect(s.operations.map((o) => o.name)).toEqual([A.name, B.name, C.name]);
    expect(s.phases[1]!.options[1]!.id).toBe(s.phases[0]!.options[1]!.id);

    expect(() => unlockPhase(path, 2, CODE3)).toThrow(/phase 2 cannot be opened: wrong phase code/);
    expect(() => unlockPhase(path, 2, PASS)).toThrow(/wrong phase code/);
    expect(() => unlockPhase(path, 4, CODE2)).toThrow(/phase 4 is not one of the phases to unlock \(2 to 3\)/);
    const p2 = unlockPhase(path, 2, CODE2);
    expect(p2).toMatchObject({ phase: 2, title: 'Follow-up', daysAfterPrevious: 3, briefing: 'Night 4: the depot reopened. Choose C or B.', previous: { phase: 1, operation: A.name } });
    expect(p2.previous.observed.casualties.map((c) => c.killed)).toEqual([11]);
    expect(p2.previous.observed.displacement).toMatchObject([{ displaced: 2_300, inPublicShelter: 600, byGroup: { elderly: 300 }, observedAt: '2024-05-03' }]);
    const p3 = unlockPhase(path, 3, CODE3);
    expect(p3).toMatchObject({ briefing: 'Night 6: B only.', previous: { phase: 2, operation: C.name } });
    expect(p3.previous.observed.casualties.map((c) => c.killed)).toEqual([2]);

    // The reveal passphrase opens every phase's outcome; phase 1's stays at the top as one-phase packages have it.
    const r = revealOutcomes(trainee, { path, passphrase: PASS });
    expect(r.operation).toBe(A.name);
    expect(r.phases.map((p) => [p.phase, p.operation, p.observed.casualties.length])).toEqual([[1, A.name, 1], [2, C.name, 1], [3, B.name, 0]]);
  });

  it('binds each phase block to its phase: swapped blocks sealed with the same code do not open', () => {
    const t = trainer();
    const same = join(dir(), 'same-code.uiapkg');
    exportPackage(t.db, {
      path: same, title: 'Same code', dataset: t.datasetId, operations: [t.ids.a], briefing: 'one', outcomes: { fromOperationId: t.ids.a }, revealPassphrase: PASS,
      laterPhases: [
        { title: 'two', briefing: 'brief two', operations: [t.ids.b], outcomes: { fromOperationId: t.ids.b }, daysAfterPrevious: 1, code: CODE2 },
        { title: 'three', briefing: 'brief three', operations: [t.ids.c], outcomes: { fromOperationId: t.ids.c }, daysAfterPrevious: 1, code: CODE2 },
      ],
    });
    expect(unlockPhase(same, 3, CODE2).briefing).toBe('brief three');
    const swapped = edit(same, (o) => { o.phaseSeals.reverse(); });
    expect(() => unlockPhase(swapped, 2, CODE2)).toThrow(/phase 2 cannot be opened/);
    expect(() => unlockPhase(swapped, 3, CODE2)).toThrow(/phase 3 cannot be opened/);
    const dropped = edit(same, (o) => { o.phaseSeals.pop(); });
    expect(() => readPackage(dropped)).toThrow(/3 phase\(s\) but not one sealed block for each phase after the first/);
  });

  it('reads a package without phases as one phase of every option, with nothing to unlock', () => {
    const { path, db } = threePhases({ laterPhases: undefined });
    const { payload } = readPackage(path);
    expect(scenarioPhases(payload)).toEqual([{ phase: 1, title: 'Three nights', daysAfterPrevious: 0, options: [A.name, B.name] }]);
    expect(importPackage(store(), path).phases.map((p) => p.options.map((o) => o.name))).toEqual([[A.name, B.name]]);
    expect(() => unlockPhase(path, 2, CODE2)).toThrow(/this scenario has one phase: there is nothing to unlock/);
    expect(revealOutcomes(db, { path, passphrase: PASS }).phases).toHaveLength(1);
  });

  it('refuses short, reused or misplaced phase inputs before writing', () => {
    const t = trainer();
    const base = { title: 'x', dataset: t.datasetId, operations: [t.ids.a], briefing: 'b', outcomes: { fromOperationId: t.ids.a }, revealPassphrase: PASS };
    const later = { title: 'two', briefing: 'b2', operations: [t.ids.b], outcomes: { fromOperationId: t.ids.b }, daysAfterPrevious: 1, code: CODE2 };
    const p = () => join(dir(), 'x.uiapkg');
    expect(() => exportPackage(t.db, { ...base, path: p(), laterPhases: [{ ...later, code: 'short' }] })).toThrow(/the code of phase 2 must have at least 12 characters/);
    expect(() => exportPackage(t.db, { ...base, path: p(), laterPhases: [{ ...later, code: PASS }] })).toThrow(/the code of phase 2 must differ from the reveal passphrase/);
    expect(() => exportPackage(t.db, { ...base, path: p(), laterPhases: [{ ...later, outcomes: { fromOperationId: t.ids.c } }] })).toThrow(/the outcomes of phase 2 are for "C: follow-up on the depot", which is not one of its options/);
    expect(() => exportPackage(t.db, { ...base, path: p(), laterPhases: [{ ...later, operations: [{ ...A, settings: { ...A.settings, warningShare: 0.9 } }], outcomes: { operation: A.name, observed: none } }] }))
      .toThrow(/two different options are named "A: north block"/);
  });

  it('records a revealed phase outcome, displacement reports included, once however often it is revealed', () => {
    const { path } = threePhases();
    const trainee = store();
    const s = importPackage(trainee, path);
    const a = s.phases[0]!.options[0]!;
    const { payload } = readPackage(path);
    const observed = unlockPhase(path, 2, CODE2).previous.observed;
    recordOutcome(trainee, { datasetId: s.datasetId, operationId: a.id }, observed, payload);
    recordOutcome(trainee, { datasetId: s.datasetId, operationId: a.id }, observed, payload);
    const kinds = listObservations(trainee, { dataset: s.datasetId, operationId: a.id }).map((o) => o.kind).sort();
    expect(kinds).toEqual(['casualty_report', 'displacement_report']);
    const back = loadOutcomes(trainee, s.datasetId, a.id);
    expect(back.displacement).toMatchObject([{ displaced: 2_300, inPublicShelter: 600, byGroup: { elderly: 300 }, confidence: 'medium', observedAt: '2024-05-03', source: 'displacement tracking round 1 (scenario "Three nights")' }]);
    expect(back.casualties).toMatchObject([{ killed: 11, injured: 40 }]);
  });
});
