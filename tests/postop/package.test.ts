/**
 * Scenario packages: a trainer's export of the synthetic training city is imported into another
 * store, the outcomes stay sealed until the passphrase is given, and altered files are refused.
 */
import { generateKeyPairSync, createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Operation } from '../../core/model/operation';
import { PostopError } from '../../core/postop/errors';
import type { ObservedOutcomes } from '../../core/postop/observations';
import { listObservations } from '../../core/postop/observations';
import { exportPackage, importPackage, readPackage, revealOutcomes } from '../../core/postop/package';
import { bundleHash, listDatasets, loadDataset, saveDataset } from '../../core/store/datasets';
import type { Db } from '../../core/store/db';
import { generateTrainingCity } from '../../core/synth/training-city';
import { iv, makeResult } from './fixtures';
import { tableHashes, tempDir, tempStore } from './helpers';

const open: Db[] = [];
afterEach(() => { while (open.length) open.pop()!.close(); });
const store = () => { const s = tempStore(); open.push(s.db); return s.db; };

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const, coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});
const option = (name: string, lon: number, lat: number, profileId: string): Operation => ({
  name, settings: { timeOfDay: 'night', warningShare: 0.2, horizonDays: 30 },
  areas: [{ id: 'a1', name: 'target block', geometry: square(lon, lat, 0.001), profileId }],
});
const OPTIONS = [option('Option A: north block, medium', 2.995, 0.505, 'medium'), option('Option B: west block, low', 2.99, 0.5, 'low')];
const OUTCOMES: ObservedOutcomes = {
  damage: [{ lonLat: [2.9951, 0.5051], damageClass: 4, product: 'after-action survey' }],
  footprints: [square(2.995, 0.505, 0.002)],
  facilities: [{ facilityId: 'substation-2', down: true, daysToRestore: 6, damage: 'moderate', lonLat: [3, 0.5162787], source: 'utility', confidence: 'high' }],
  outages: [{ sector: 'power', people: 8_000, days: 6, source: 'utility', confidence: 'medium' }],
  casualties: [{ killed: 11, injured: 40, seriouslyInjured: null, byGroup: {}, source: 'Meridia General Hospital registers', confidence: 'high', observedAt: '2024-05-02' }],
};
const PASS = 'debrief-0900-sharp';

function trainerExport(extra: { hmacKey?: string; signingKeyPem?: string } = {}) {
  const db = store();
  const datasetId = saveDataset(db, generateTrainingCity());
  const path = join(tempDir(), 'meridia-north.uiapkg');
  exportPackage(db, { path, title: 'Meridia north', dataset: datasetId, operations: OPTIONS, briefing: 'Choose between A and B. Estimate harm.', outcomes: { operation: OPTIONS[0]!.name, observed: OUTCOMES }, revealPassphrase: PASS, ...extra });
  return { path, full: loadDataset(db, datasetId) };
}

/** Re-gzips the package after editing its outer JSON. */
function edit(path: string, fn: (outer: { manifest: Record<string, unknown>; payload: string; sealed: unknown; signature?: Record<string, string> }) => void): string {
  const outer = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8'));
  fn(outer);
  const out = path.replace(/\.uiapkg$/, `-${Math.random().toString(36).slice(2)}.uiapkg`);
  writeFileSync(out, gzipSync(JSON.stringify(outer)));
  return out;
}

describe('scenario package', () => {
  it('exports the clipped dataset, imports it offline elsewhere, reveals sealed outcomes and scores the estimate', () => {
    const { path, full } = trainerExport();
    const raw = gunzipSync(readFileSync(path)).toString('utf8');
    expect(raw).not.toContain('Meridia General Hospital registers'); // outcomes are sealed
    const { payload, manifest } = readPackage(path);
    expect(manifest).toMatchObject({ format: 'uia-scenario', schemaVersion: 2, title: 'Meridia north' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const clipped = payload.dataset;
    expect(clipped.buildings.length).toBeGreaterThan(0);
    expect(clipped.buildings.length).toBeLessThan(full.buildings.length);
    // Every kept facility's suppliers are kept (cascades need them).
    const kept = new Set(clipped.facilities.map((f) => f.id));
    for (const d of full.dependencies) if (kept.has(d.consumerId)) expect(kept.has(d.supplierId)).toBe(true);
    const [w, s, e, n] = payload.clip.bbox;
    for (const b of clipped.buildings) {
      const xs = (b.geometry.coordinates as number[][][])[0]!.map((p) => p[0]!);
      expect(Math.max(...xs)).toBeGreaterThanOrEqual(w);
      expect(Math.min(...xs)).toBeLessThanOrEqual(e);
    }
    expect(s).toBeLessThan(n);

    const trainee = store();
    const imported = importPackage(trainee, path);
    expect(imported.briefing).toBe('Choose between A and B. Estimate harm.');
    expect(imported.operations.map((o) => o.name)).toEqual(OPTIONS.map((o) => o.name));
    expect(bundleHash(loadDataset(trainee, imported.datasetId))).toBe(payload.datasetHash);
    expect(listDatasets(trainee)[0]!.counts.buildings).toBe(clipped.buildings.length);
    // Importing the same package again reuses what is there.
    expect(importPackage(trainee, path)).toEqual(imported);

    expect(() => revealOutcomes(trainee, { path, passphrase: 'not-the-passphrase' })).toThrow(/wrong reveal passphrase/);
    const estimate = makeResult({ killed: iv(6, 2, 12), seriouslyInjured: iv(10, 4, 18), lightlyInjured: iv(20, 8, 40),
      facilities: [{ id: 'substation-2', name: 'Substation North', sector: 'power', kind: 'substation', pDown: 0.3 }] });
    const executed = imported.operations.find((o) => o.name === OPTIONS[0]!.name)!;
    const r = revealOutcomes(trainee, { path, passphrase: PASS, estimate: { result: estimate }, record: { datasetId: imported.datasetId, operationId: executed.id } });
    expect(r.operation).toBe(OPTIONS[0]!.name);
    expect(r.comparison!.figures.find((f) => f.key === 'casualties.killed')).toMatchObject({ observed: 11, inside: true });
    expect(r.comparison!.facilities).toMatchObject({ misses: 1, hits: 0 });
    expect(r.comparison!.biasRatio.casualties).toBeCloseTo((11 + 40) / (6 + 30), 12);
    const stored = listObservations(trainee, { dataset: imported.datasetId, operationId: executed.id });
    expect(stored.map((o) => o.kind).sort()).toEqual(['building_damage', 'casualty_report', 'facility_status', 'footprint', 'service_outage']);
  });

  it('refuses a corrupt, altered, truncated or newer-version package with a clear message and writes nothing', () => {
    const { path } = trainerExport();
    const bytes = readFileSync(path);
    const dir = tempDir();
    const write = (name: string, b: Buffer) => { const p = join(dir, name); writeFileSync(p, b); return p; };
    const flipped = Buffer.from(bytes); flipped[Math.floor(bytes.length / 2)]! ^= 0x01;
    const cases: [string, RegExp][] = [
      [write('flipped.uiapkg', flipped), /package refused: (the file is damaged or truncated|it was altered or damaged)/],
      [write('truncated.uiapkg', bytes.subarray(0, Math.floor(bytes.length * 0.6))), /package refused: the file is damaged or truncated/],
      [edit(path, (o) => { o.payload = o.payload.replace('Choose between A and B', 'Choose A'); }), /package refused: it was altered or damaged \(payload SHA-256 does not match the manifest\)/],
      [edit(path, (o) => { o.manifest.schemaVersion = 3; }), /package refused: schema version 3 is not supported by this app \(it reads version 2\)/],
      [edit(path, (o) => { o.manifest.schemaVersion = 1; }), /package refused: it is in format version 1, whose sealed outcomes were not bound to the package; re-export it with the current version of the app \(which writes format version 2\)/],
      [edit(path, (o) => { o.manifest.format = 'something-else'; }), /not a scenario package/],
      [write('plain.json', Buffer.from('{"manifest":{}}')), /the file is damaged or truncated/],
    ];
    const trainee = store();
    const before = tableHashes(trainee);
    for (const [p, msg] of cases) {
      let err: unknown = null;
      try { importPackage(trainee, p); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(PostopError);
      expect((err as Error).message).toMatch(msg);
      expect((err as Error).message).not.toContain('\n');
      expect(() => revealOutcomes(trainee, { path: p, passphrase: PASS })).toThrow(PostopError);
    }
    expect(tableHashes(trainee)).toEqual(before);
  });

  it('with an HMAC, a package whose hash was recomputed after editing is still refused', async () => {
    const { path } = trainerExport({ hmacKey: 'instructor-key' });
    const { createHash } = await import('node:crypto');
    const forged = edit(path, (o) => {
      o.payload = o.payload.replace('Choose between A and B', 'Choose A');
      o.manifest.payloadSha256 = createHash('sha256').update(o.payload, 'utf8').digest('hex');
    });
    const trainee = store();
    const before = tableHashes(trainee);
    expect(() => importPackage(trainee, forged, { hmacKey: 'instructor-key' })).toThrow(/the HMAC does not match/);
    expect(() => importPackage(trainee, path)).toThrow(/it carries an HMAC; give the shared key/);
    expect(() => importPackage(trainee, path, { hmacKey: 'other-key' })).toThrow(/the HMAC does not match/);
    expect(tableHashes(trainee)).toEqual(before);
    expect(importPackage(trainee, path, { hmacKey: 'instructor-key' }).operations).toHaveLength(2);
  });

  it('outcomes sealed for another package do not open in this one, even with the right passphrase', () => {
    const a = trainerExport(); const b = trainerExport();
    const outerB = JSON.parse(gunzipSync(readFileSync(b.path)).toString('utf8'));
    const swapped = edit(a.path, (o) => { o.sealed = outerB.sealed; });
    expect(() => revealOutcomes(store(), { path: swapped, passphrase: PASS })).toThrow(/do not belong to this package/);
    expect(revealOutcomes(store(), { path: a.path, passphrase: PASS }).operation).toBe(OPTIONS[0]!.name);
    // the KDF's parameters travel with the salt
    expect(outerB.sealed.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
  });

  it('an Ed25519-signed package names its signer; a payload re-hashed after editing fails the signature; a required signer is enforced', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const { path } = trainerExport({ signingKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    const fingerprint = `SHA256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
    const trainee = store();
    const before = tableHashes(trainee);
    const forged = edit(path, (o) => {
      o.payload = o.payload.replace('Choose between A and B', 'Choose A');
      o.manifest.payloadSha256 = createHash('sha256').update(o.payload, 'utf8').digest('hex');
    });
    expect(() => importPackage(trainee, forged)).toThrow(/the signature does not match/);
    const other = generateKeyPairSync('ed25519').publicKey;
    const resigned = edit(path, (o) => { o.signature!.publicKey = other.export({ type: 'spki', format: 'pem' }).toString(); });
    expect(() => importPackage(trainee, resigned)).toThrow(/the signature does not match/);
    expect(() => importPackage(trainee, path, { signer: `SHA256:${'0'.repeat(64)}` })).toThrow(/signed by SHA256:[0-9a-f]{64}, not by the required/);
    expect(tableHashes(trainee)).toEqual(before);
    expect(importPackage(trainee, path, { signer: fingerprint }).signedBy?.fingerprint).toBe(fingerprint);
  });

  it('refuses short passphrases, relative paths and existing files', () => {
    const db = store(); const datasetId = saveDataset(db, generateTrainingCity());
    const base = { title: 't', dataset: datasetId, operations: OPTIONS, briefing: 'b', outcomes: { operation: OPTIONS[0]!.name, observed: OUTCOMES }, revealPassphrase: PASS };
    expect(() => exportPackage(db, { ...base, path: join(tempDir(), 'p.uiapkg'), revealPassphrase: 'elevenchars' })).toThrow(/at least 12 characters/);
    expect(() => exportPackage(db, { ...base, path: 'relative.uiapkg' })).toThrow(/not an absolute path/);
    const existing = join(tempDir(), 'existing.uiapkg');
    writeFileSync(existing, 'keep me');
    expect(() => exportPackage(db, { ...base, path: existing })).toThrow(/already exists/);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
    exportPackage(db, { ...base, path: existing, overwrite: true });
    expect(readPackage(existing).manifest.title).toBe('t');
  });

  it('a gzip bomb is refused at the output cap without inflating it', () => {
    const bomb = join(tempDir(), 'bomb.uiapkg');
    // 320 MB of zeros compress to about 320 kB; streamed so the test itself stays small
    const chunk = Buffer.alloc(16 * 1024 * 1024);
    const parts: Buffer[] = [];
    const deflate = createGzip();
    deflate.on('data', (c: Buffer) => parts.push(c));
    for (let i = 0; i < 20; i++) deflate.write(chunk);
    return new Promise<void>((done) => deflate.end(() => {
      writeFileSync(bomb, Buffer.concat(parts));
      const before = process.memoryUsage().rss;
      expect(() => readPackage(bomb)).toThrow(/unpacks to more than \d+ bytes/);
      console.log(`bomb: ${statSync(bomb).size} bytes on disk; rss grew ${((process.memoryUsage().rss - before) / 1e6).toFixed(0)} MB while refusing it`);
      done();
    }));
  }, 120_000);
});
