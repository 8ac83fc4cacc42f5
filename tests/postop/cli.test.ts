/**
 * `uia observations` and `uia package` on real temp databases, through bin/uia.js as a user runs
 * them: UNOSAT Aleppo counts per normalised class, a CEMS monitoring update that re-assesses rather
 * than adds, a package round trip between two stores, and damaged or altered packages refused with
 * one line and a non-zero exit. Data is read from /work/shared/data at test time, never copied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openBackend } from '../../core/api/backend';
import { ALEPPO, cems, tempDir } from './helpers';

const REPO = resolve(import.meta.dirname, '..', '..');
const CITY = 'Meridia (synthetic training city)';
let dir: string;

function uia(...args: string[]) {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/uia.js'), ...args], { encoding: 'utf8', cwd: REPO });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** A failure is one line on stderr, prefixed "uia:". */
function expectOneLineFailure(r: { code: number | null; err: string; out: string }, pattern: RegExp) {
  expect(r.code).not.toBe(0);
  expect(r.out).toBe('');
  const lines = r.err.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^uia: /);
  expect(lines[0]).toMatch(pattern);
}

beforeAll(() => { dir = tempDir(); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('uia observations import', () => {
  it('UNOSAT Aleppo 2015 into a fresh database: counts per normalised class; the dataset is created empty', () => {
    const db = join(dir, 'aleppo.sqlite');
    const r = uia('observations', 'import', ALEPPO, '--dataset', 'Aleppo', '--json', '--db', db);
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out);
    // Keys are the normalised classes 0 none .. 4 destroyed (JSON object keys, so strings).
    expect(s.byClass).toEqual({ 4: 2_878, 3: 6_879, 2: 4_277, 1: 0, 0: 24 });
    expect(Object.keys(s.byClass).sort()).toEqual(['0', '1', '2', '3', '4']);
    expect(s.outsideFootprint).toBe(0);
    expect(s.total).toBe(14_058);
    expect(s.dataset).toBe('Aleppo');

    const ds = uia('datasets', '--json', '--db', db);
    const aleppo = JSON.parse(ds.out).find((d: { name: string }) => d.name === 'Aleppo');
    expect(aleppo.counts.buildings).toBe(0);

    const text = uia('observations', 'import', ALEPPO, '--dataset', 'Aleppo', '--db', db);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/4 destroyed: 2,878/);
    expect(text.out).toMatch(/Outside the observed footprint \(not stored\): 0/);
    const list = JSON.parse(uia('observations', 'list', '--dataset', 'Aleppo', '--json', '--db', db).out);
    expect(list.byKind).toEqual({ building_damage: 14_058 }); // importing again replaced, it did not add
  });

  it('Copernicus EMSR517 PRODUCT then MONIT01: the monitoring update re-assesses rather than duplicates', () => {
    const db = join(dir, 'ahrweiler.sqlite');
    const first = uia('observations', 'import', cems('PRODUCT_areaOfInterestA_r1_v1'), cems('PRODUCT_builtUpP_r1_v1'),
      '--dataset', 'Ahrweiler', '--sensor-date', '2021-07-19', '--json', '--db', db);
    expect(first.code, first.err).toBe(0);
    const a = JSON.parse(first.out);
    expect(a.byClass).toEqual({ 4: 336, 3: 687, 2: 0, 1: 2_791, 0: 0 });
    expect(a.outsideFootprint).toBe(0);

    const second = uia('observations', 'import', cems('MONIT01_builtUpP_r1_v3'), '--footprint', cems('MONIT01_areaOfInterestA_r1_v3'),
      '--dataset', 'Ahrweiler', '--sensor-date', '2021-08-11', '--json', '--db', db);
    expect(second.code, second.err).toBe(0);
    const b = JSON.parse(second.out);
    expect(b.byClass).toEqual({ 4: 753, 3: 5_078, 2: 0, 1: 1_175, 0: 0 });
    expect(b.products[0]).toMatchObject({ versionLabel: 'MONIT01 r1 v3' });
    expect(b.products[0].replaced).toBeGreaterThanOrEqual(3_814);

    const list = JSON.parse(uia('observations', 'list', '--dataset', 'Ahrweiler', '--json', '--db', db).out);
    expect(list.byKind.building_damage).toBe(753 + 5_078 + 1_175);
    expect(list.byClass).toEqual({ 4: 753, 3: 5_078, 2: 0, 1: 1_175, 0: 0 });
  });

  it('refuses a missing file, a missing --dataset and an unknown subcommand with one line', () => {
    const db = join(dir, 'errors.sqlite');
    expectOneLineFailure(uia('observations', 'import', join(dir, 'nope.geojson'), '--dataset', 'X', '--db', db), /nope\.geojson/);
    expectOneLineFailure(uia('observations', 'import', ALEPPO, '--db', db), /--dataset is required/);
    expectOneLineFailure(uia('observations', 'frobnicate', '--db', db), /unknown subcommand "frobnicate"/);
  });
});

describe('uia package', () => {
  const trainer = () => join(dir, 'trainer.sqlite');
  const trainee = () => join(dir, 'trainee.sqlite');
  const pkg = () => join(dir, 'scenario.uiapkg');
  const PASS = 'debrief-at-0900';
  let opA = 0; let opB = 0;

  beforeAll(async () => {
    // The trainer's store: two saved options on the training city and what happened after option A.
    const b = openBackend(trainer());
    try {
      const square = (lon: number, lat: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] });
      const option = (name: string, lon: number, lat: number, profileId: string) => ({
        name, settings: { timeOfDay: 'night' as const, warningShare: 0.2, horizonDays: 30 },
        areas: [{ id: 'a1', name: 'target block', geometry: square(lon, lat, 0.001), profileId }],
      });
      const ok = <T,>(r: { ok: boolean; value?: unknown; error?: unknown }) => { expect(r.ok, JSON.stringify(r)).toBe(true); return r.value as T; };
      opA = ok<{ id: number }>(await b.call('operations.save', { datasetId: 1, operation: option('Option A: north block, medium', 2.995, 0.505, 'medium') })).id;
      opB = ok<{ id: number }>(await b.call('operations.save', { datasetId: 1, operation: option('Option B: west block, low', 2.99, 0.5, 'low') })).id;
      ok(await b.call('observations.recordCasualtyReport', { dataset: 1, operationId: opA, killed: 11, injured: 40, source: 'hospital registers', confidence: 'high', observedAt: '2024-05-02' }));
      ok(await b.call('observations.recordServiceOutage', { dataset: 1, operationId: opA, sector: 'power', people: 8_000, days: 6, source: 'utility' }));
    } finally { b.close(); }
    writeFileSync(join(dir, 'briefing.md'), 'Two options against the north and west blocks. Estimate harm for each; outcomes at the debrief.');
    writeFileSync(passFile(PASS), PASS + '\n');
    writeFileSync(passFile('not-the-passphrase'), 'not-the-passphrase');
    writeFileSync(passFile('short'), 'short-pass');
  });
  const passFile = (p: string) => join(dir, `pass-${p}.txt`);

  it('export then import into a second database round trips the options and the briefing, outcomes sealed', () => {
    const ex = uia('package', 'export', '--dataset', CITY, '--operation', String(opA), '--option', String(opB), '--briefing', join(dir, 'briefing.md'),
      '--out', pkg(), '--passphrase-file', passFile(PASS), '--title', 'Night raid', '--json', '--db', trainer());
    expect(ex.code, ex.err).toBe(0);
    expect(JSON.parse(ex.out)).toMatchObject({ path: pkg(), title: 'Night raid', operations: ['Option A: north block, medium', 'Option B: west block, low'] });

    const im = uia('package', 'import', pkg(), '--json', '--db', trainee());
    expect(im.code, im.err).toBe(0);
    const s = JSON.parse(im.out);
    expect(s.title).toBe('Night raid');
    expect(s.briefing).toMatch(/^Two options against the north and west blocks/);
    expect(s.operations.map((o: { name: string }) => o.name)).toEqual(['Option A: north block, medium', 'Option B: west block, low']);
    // The outcomes stay sealed: nothing observed in the trainee's store yet.
    const before = JSON.parse(uia('observations', 'list', '--dataset', s.datasetName, '--json', '--db', trainee()).out);
    expect(before.total).toBe(0);

    // Importing the same package again reuses the dataset and the operations.
    const again = JSON.parse(uia('package', 'import', pkg(), '--json', '--db', trainee()).out);
    expect(again.datasetId).toBe(s.datasetId);
    expect(again.operations).toEqual(s.operations);
  });

  it('reveal: a wrong passphrase is refused; the right one opens the outcomes and records them on the imported operation', () => {
    const s = JSON.parse(uia('package', 'import', pkg(), '--json', '--db', trainee()).out);
    expectOneLineFailure(uia('package', 'reveal', pkg(), '--passphrase-file', passFile('not-the-passphrase'), '--db', trainee()), /wrong reveal passphrase/);
    const opId = s.operations[0].id;
    const rv = uia('package', 'reveal', pkg(), '--passphrase-file', passFile(PASS), '--operation', String(opId), '--json', '--db', trainee());
    expect(rv.code, rv.err).toBe(0);
    const revealed = JSON.parse(rv.out);
    expect(revealed.operation).toBe('Option A: north block, medium');
    expect(revealed.observed.casualties[0]).toMatchObject({ killed: 11, injured: 40 });
    expect(revealed.recorded).toBe(true);
    const after = JSON.parse(uia('observations', 'list', '--dataset', s.datasetName, '--operation', String(opId), '--json', '--db', trainee()).out);
    expect(after.byKind).toMatchObject({ casualty_report: 1, service_outage: 1 });
  });

  it('export in two phases from a phases file; unlock opens phase 2 with its code and records what phase 1 did', () => {
    const phased = join(dir, 'two-nights.uiapkg');
    writeFileSync(join(dir, 'phases.json'), JSON.stringify([
      { title: 'Follow-up', briefing: 'Night 4: only the west block is left.', operationId: opB, daysAfterPrevious: 3, code: 'follow-up-code-two' },
    ]));
    const ex = uia('package', 'export', '--dataset', CITY, '--operation', String(opA), '--option', String(opB), '--briefing', join(dir, 'briefing.md'),
      '--out', phased, '--passphrase-file', passFile(PASS), '--phases', join(dir, 'phases.json'), '--first-phase-title', 'First strike', '--json', '--db', trainer());
    expect(ex.code, ex.err).toBe(0);
    expect(JSON.parse(ex.out)).toMatchObject({ phases: 2 });
    const db = join(dir, 'phased-trainee.sqlite');
    const im = uia('package', 'import', phased, '--db', db);
    expect(im.code, im.err).toBe(0);
    expect(im.out).toMatch(/Phase 1: First strike\. Options: Option A: north block, medium \(operation \d+\), Option B/);
    expect(im.out).toMatch(/Phase 2: Follow-up \(3 days later; unlock with its code\)\. Options: Option B: west block, low/);
    expect(im.out).not.toMatch(/only the west block/);
    writeFileSync(join(dir, 'code-wrong.txt'), 'not-the-phase-code\n');
    writeFileSync(join(dir, 'code-2.txt'), 'follow-up-code-two\n');
    expectOneLineFailure(uia('package', 'unlock', phased, '--phase', '2', '--code-file', join(dir, 'code-wrong.txt'), '--db', db), /phase 2 cannot be opened: wrong phase code/);
    const un = uia('package', 'unlock', phased, '--phase', '2', '--code-file', join(dir, 'code-2.txt'), '--json', '--db', db);
    expect(un.code, un.err).toBe(0);
    const u = JSON.parse(un.out);
    expect(u).toMatchObject({ phase: 2, title: 'Follow-up', briefing: 'Night 4: only the west block is left.', previous: { phase: 1, operation: 'Option A: north block, medium' } });
    expect(u.previous.observed.casualties[0]).toMatchObject({ killed: 11, injured: 40 });
    const datasetName = /into dataset "(.+)" \(id \d+\)/.exec(im.out)![1]!;
    const listed = JSON.parse(uia('observations', 'list', '--dataset', datasetName, '--operation', String(u.previous.operationId), '--json', '--db', db).out);
    expect(listed.byKind).toMatchObject({ casualty_report: 1, service_outage: 1 });
    writeFileSync(join(dir, 'phases-bad.json'), '{"title": "x"}');
    expectOneLineFailure(uia('package', 'export', '--dataset', CITY, '--operation', String(opA), '--briefing', join(dir, 'briefing.md'), '--out', join(dir, 'bad.uiapkg'),
      '--passphrase-file', passFile(PASS), '--phases', join(dir, 'phases-bad.json'), '--db', trainer()), /must hold a JSON array of later phases/);
  }, 300_000); // seven runs of the CLI, four of them with scrypt

  it('a package with one flipped byte is refused with one line and a non-zero exit, and nothing is imported', () => {
    const bytes = readFileSync(pkg());
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    const bad = join(dir, 'flipped.uiapkg');
    writeFileSync(bad, flipped);
    const db = join(dir, 'victim.sqlite');
    expectOneLineFailure(uia('package', 'import', bad, '--db', db), /package refused/);
    const names = JSON.parse(uia('datasets', '--json', '--db', db).out).map((d: { name: string }) => d.name);
    expect(names).toEqual([CITY]);
  });

  it('a package whose payload was edited and re-compressed is refused by its SHA-256', () => {
    const outer = JSON.parse(gunzipSync(readFileSync(pkg())).toString('utf8'));
    outer.payload = outer.payload.replace('Two options', 'Three options');
    const bad = join(dir, 'edited.uiapkg');
    writeFileSync(bad, gzipSync(JSON.stringify(outer)));
    expectOneLineFailure(uia('package', 'import', bad, '--db', join(dir, 'victim2.sqlite')), /package refused: it was altered or damaged/);
  });

  it('export refuses a short passphrase and an unknown operation with one line', () => {
    expectOneLineFailure(uia('package', 'export', '--dataset', CITY, '--operation', String(opA), '--briefing', join(dir, 'briefing.md'),
      '--out', join(dir, 'x.uiapkg'), '--passphrase-file', passFile('short'), '--db', trainer()), /at least 12 characters/);
    expectOneLineFailure(uia('package', 'export', '--dataset', CITY, '--operation', '999', '--briefing', join(dir, 'briefing.md'),
      '--out', join(dir, 'x.uiapkg'), '--passphrase-file', passFile(PASS), '--db', trainer()), /no saved operation with id 999/);
  });

  it('never takes the passphrase from argv; takes it from UIA_PASSPHRASE; without either and no terminal, says how', () => {
    const args = ['package', 'export', '--dataset', CITY, '--operation', String(opA), '--briefing', join(dir, 'briefing.md'), '--out', join(dir, 'env.uiapkg'), '--db', trainer()];
    expectOneLineFailure(uia(...args, '--passphrase', PASS), /--passphrase is not accepted/);
    expectOneLineFailure(uia(...args), /--passphrase-file FILE or set UIA_PASSPHRASE/);
    const r = spawnSync(process.execPath, [join(REPO, 'bin/uia.js'), ...args], { encoding: 'utf8', cwd: REPO, env: { ...process.env, UIA_PASSPHRASE: PASS } });
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(join(dir, 'env.uiapkg')).mode & 0o777).toBe(0o600);
    // an existing file is not overwritten unless asked
    expectOneLineFailure(uia(...args, '--passphrase-file', passFile(PASS)), /already exists/);
  });

  it('a signed package shows its signer on import, and a required signer is enforced', () => {
    const key = join(dir, 'trainer-key.pem');
    const kg = uia('package', 'keygen', '--out', key);
    expect(kg.code, kg.err).toBe(0);
    const fingerprint = /(SHA256:[0-9a-f]{64})/.exec(kg.out)![1]!;
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const signed = join(dir, 'signed.uiapkg');
    const ex = uia('package', 'export', '--dataset', CITY, '--operation', String(opA), '--briefing', join(dir, 'briefing.md'), '--out', signed,
      '--passphrase-file', passFile(PASS), '--signing-key', key, '--db', trainer());
    expect(ex.code, ex.err).toBe(0);
    const im = uia('package', 'import', signed, '--signer', fingerprint, '--db', join(dir, 'signed-trainee.sqlite'));
    expect(im.code, im.err).toBe(0);
    expect(im.out).toContain(`signed by ${fingerprint}`);
    expect(uia('package', 'import', pkg(), '--db', join(dir, 'signed-trainee.sqlite')).out).toContain('NOT signed');
    expectOneLineFailure(uia('package', 'import', pkg(), '--signer', fingerprint, '--db', join(dir, 'signed-trainee.sqlite')), /not signed, and a signature by SHA256:/);
  });
});

describe('uia operations, observations compare and calibrate: the API figures, scriptable', () => {
  const db = () => join(dir, 'review.sqlite');
  let opIds: number[] = [];

  beforeAll(async () => {
    // Two operations on the training city, each with a casualty report and an assessment.
    const b = openBackend(db());
    try {
      const square = (lon: number, lat: number, d: number) => ({ type: 'Polygon' as const, coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] });
      const ok = <T,>(r: { ok: boolean; value?: unknown; error?: unknown }) => { expect(r.ok, JSON.stringify(r)).toBe(true); return r.value as T; };
      for (const [name, lon, killed, injured] of [['North block', 2.995, 9, 35], ['West block', 2.99, 4, 22]] as const) {
        const id = ok<{ id: number }>(await b.call('operations.save', { datasetId: 1, operation: {
          name, settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 }, areas: [{ id: 'a1', name, geometry: square(lon, 0.505, 0.001), profileId: 'medium' }],
        } })).id;
        ok(await b.call('observations.recordCasualtyReport', { dataset: 1, operationId: id, killed, injured, source: 'hospital registers' }));
        ok(await b.call('postop.compare', { operationId: id, assessIfMissing: true }));
        opIds.push(id);
      }
    } finally { b.close(); }
  });

  const api = async (name: string, input: unknown) => {
    const b = openBackend(db());
    try {
      const r = await b.call(name, input);
      if (!r.ok) throw new Error(r.error.message);
      return JSON.parse(JSON.stringify(r.value));
    } finally { b.close(); }
  };

  it('uia operations --json lists the saved operations with their ids', () => {
    const r = uia('operations', '--json', '--db', db());
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).map((o: { id: number; name: string; dataset: string }) => [o.id, o.name, o.dataset])).toEqual([
      [opIds[0], 'North block', CITY], [opIds[1], 'West block', CITY],
    ]);
    const text = uia('operations', '--db', db());
    expect(text.out).toMatch(new RegExp(`^\\s*${opIds[0]}  North block  \\(${CITY.replace(/[()]/g, '\\$&')}; 1 area\\)`, 'm'));
  });

  it('uia observations compare --json gives the API\'s comparison, figure for figure', async () => {
    const r = uia('observations', 'compare', '--operation', String(opIds[0]), '--json', '--db', db());
    expect(r.code, r.err).toBe(0);
    const fromCli = JSON.parse(r.out);
    expect(fromCli).toEqual(await api('postop.compare', { operationId: opIds[0] }));
    expect(fromCli.comparison.figures.find((f: { key: string }) => f.key === 'casualties.killed')?.observed).toBe(9);
    const text = uia('observations', 'compare', '--operation', String(opIds[0]), '--db', db());
    expect(text.out).toMatch(/Coverage: \d+ of \d+ inside the 90% interval/);
    expectOneLineFailure(uia('observations', 'compare', '--db', db()), /--operation is required/);
  });

  it('uia calibrate --dry-run --json gives the API\'s calibration and stores nothing', async () => {
    const r = uia('calibrate', '--dry-run', '--json', '--db', db());
    expect(r.code, r.err).toBe(0);
    const fromCli = JSON.parse(r.out);
    expect(fromCli).toEqual(await api('postop.calibrate', { dryRun: true }));
    expect(fromCli.used.map((u: { operationId: number }) => u.operationId)).toEqual(opIds);
    expect(fromCli.savedAs).toBeNull();
    const stored = uia('calibrate', '--name', 'after-review', '--db', db());
    expect(stored.code, stored.err).toBe(0);
    expect(stored.out).toMatch(/Stored as parameter set "after-review"/);
    expect((await api('parameters.sets.list', {})).map((s: { name: string }) => s.name)).toContain('after-review');
  });
});
