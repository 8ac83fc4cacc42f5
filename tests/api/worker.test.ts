/**
 * The backend in its worker thread (core/worker/), reached through the real HTTP transport on a real
 * temp SQLite file: the live preview equals the engine's expectation mode and stores nothing; "run
 * and save" is stored, linked to its operation and found by id; the transport answers a cheap call
 * while a 100,000-run job runs; a crash of the worker mid-assessment reaches the caller as an error
 * and the next call succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openWorkerBackend, type WorkerBackend } from '../../core/worker/worker-backend';
import { startHttpTransport, type HttpTransport } from '../../core/server/http';
import { PREVIEW_RUNS } from '../../core/engine/preview';
import { latToY, lonToX } from '../../core/basemap/tiler';
import type { ApiReply } from '../../core/api/dispatch';
import type { AssessmentResult, Interval } from '../../core/model/assessment';

let dir: string; let dbPath: string; let backend: WorkerBackend; let http: HttpTransport;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uia-worker-'));
  dbPath = join(dir, 'worker.sqlite');
  backend = openWorkerBackend(dbPath, { testHooks: true });
  await backend.ready();
  http = await startHttpTransport(backend, { staticDir: dir });
});
afterAll(async () => { await http.close(); await backend.close(); rmSync(dir, { recursive: true, force: true }); });

async function post(name: string, input: unknown): Promise<ApiReply> {
  const res = await fetch(`http://127.0.0.1:${http.port}/api/${name}`, {
    method: 'POST', headers: { Authorization: `Bearer ${http.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input),
  });
  return (await res.json()) as ApiReply;
}
async function ok<T>(name: string, input: unknown): Promise<T> {
  const r = await post(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
/** Rows counted through a second, read-only connection: what the worker's connection wrote. */
function count(table: string): number {
  const db = new Database(dbPath, { readonly: true });
  try { return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n; } finally { db.close(); }
}
type Status = { state: string; kind: string; progress: { done: number; total: number }; result: unknown; error: string | null };
async function until(jobId: string, done: (s: Status) => boolean): Promise<Status> {
  for (;;) {
    const s = await ok<Status>('jobs.status', { jobId });
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const operation = {
  name: 'Worker', settings: { timeOfDay: 'day', warningShare: 0.2, horizonDays: 30 },
  areas: [{ id: 'a', name: 'A', profileId: 'high', geometry: { type: 'Polygon', coordinates: [[[2.996, 0.496], [3.004, 0.496], [3.004, 0.504], [2.996, 0.504], [2.996, 0.496]]] } }],
};

/** Every interval of a result with its path. */
function intervals(x: unknown, path = ''): [string, Interval][] {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return [];
  if ('mean' in x && 'p05' in x && 'p95' in x) return [[path, x as Interval]];
  return Object.entries(x).flatMap(([k, v]) => intervals(v, `${path}.${k}`));
}

describe('the backend in a worker thread', () => {
  it('previews with the expectation mode\'s figures and bounds from a short run, and stores nothing', async () => {
    const before = count('assessments');
    const preview = await ok<AssessmentResult>('assess.preview', { datasetId: 1, operation });
    expect(count('assessments')).toBe(before);
    const expected = await ok<AssessmentResult>('assess.run', { datasetId: 1, operation, mode: 'expectation' });
    expect(preview.provenance).toMatchObject({ mode: 'preview', runs: PREVIEW_RUNS, seed: expected.provenance.seed, datasetHash: expected.provenance.datasetHash });
    for (const key of ['exposed', 'protectedSites', 'infrastructure'] as const) {
      if (key !== 'infrastructure') expect(preview[key]).toEqual(expected[key]);
    }
    expect(preview.infrastructure.facilities).toEqual(expected.infrastructure.facilities);
    expect(preview.infrastructure.beds.total).toBe(expected.infrastructure.beds.total);
    const mine = intervals(preview); const theirs = new Map(intervals(expected));
    expect(mine.length).toBe(theirs.size);
    for (const [path, i] of mine) {
      expect(i.mean, path).toBe(theirs.get(path)!.mean);
      expect(i.p05, path).toBeLessThanOrEqual(i.p95);
    }
    // The bounds are real intervals, not the expectation repeated.
    expect(preview.casualties.killed.p95).toBeGreaterThan(preview.casualties.killed.p05);
    expect(preview.casualties.killed.mean).toBeGreaterThan(0);
  });

  it('runs and saves a saved operation: stored, linked to it, found by id and used by the comparison', async () => {
    const { id: operationId } = await ok<{ id: number }>('operations.save', { datasetId: 1, operation });
    const before = count('assessments');
    const { jobId } = await ok<{ jobId: string }>('assess.save', { operationId, runs: 1000, seed: 4 });
    const end = await until(jobId, (s) => s.state !== 'running');
    expect(end.state).toBe('done');
    const saved = end.result as { assessmentId: number; operationId: number; result: AssessmentResult };
    expect(saved.operationId).toBe(operationId);
    expect(saved.result.provenance).toMatchObject({ runs: 1000, seed: 4, mode: 'montecarlo' });
    expect(count('assessments')).toBe(before + 1);
    const got = await ok<{ id: number; operationId: number; result: AssessmentResult }>('assessments.get', { id: saved.assessmentId });
    expect(got.id).toBe(saved.assessmentId);
    expect(got.operationId).toBe(operationId);
    expect(got.result).toEqual(saved.result);
    // A later unlinked run of the same inputs does not displace the linked one.
    await ok('assess.run', { datasetId: 1, operation, runs: 50 });
    const cmp = await ok<{ assessmentId: number; assessmentMatchedBy: string }>('postop.compare', { operationId });
    expect(cmp).toMatchObject({ assessmentId: saved.assessmentId, assessmentMatchedBy: 'operationId' });
    const missing = await post('assessments.get', { id: 99_999 });
    expect(missing.ok === false && missing.error.code).toBe('not_found');
  });

  it('parses requests and serialises replies in the worker with the in-process transport\'s statuses and words', async () => {
    const raw = (name: string, body: string) => fetch(`http://127.0.0.1:${http.port}/api/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${http.token}` }, body });
    const notJson = await raw('datasets.layers', '{"datasetId": ');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(/^body: /);
    const badField = await raw('datasets.layers', '{"datasetId": "x"}');
    expect(badField.status).toBe(400);
    expect(((await badField.json()) as { error: { field: string } }).error.field).toBe('datasetId');
    expect((await raw('datasets.drop', '{}')).status).toBe(404);
    expect((await raw('operations.delete', '{"id": 999}')).status).toBe(404);
    const list = await raw('datasets.list', '');
    expect(list.status).toBe(200);
    expect(((await list.json()) as ApiReply).ok).toBe(true);
    // binary values (map tiles) still go as bytes
    const centre = { datasetId: 1, z: 14, x: lonToX(3, 14), y: latToY(0.5, 14) }; // the training city's centre
    const tile = await raw('basemap.tile', JSON.stringify(centre));
    expect(tile.headers.get('Content-Type')).toBe('application/x-protobuf');
    const viaCall = await backend.call('basemap.tile', centre);
    expect(Buffer.from(await tile.arrayBuffer()).equals(Buffer.from((viaCall as { value: Uint8Array }).value))).toBe(true);
    expect((viaCall as { value: Uint8Array }).value.byteLength).toBeGreaterThan(0);
  });

  it('answers a preview asked during a first view\'s tile builds after at most a couple of tiles, not after all of them', async () => {
    // 16 tiles of the training city at z13 that nothing has asked for yet (each is built on this
    // first ask), then a preview: tiles are built one per turn of the worker's event loop, so the
    // preview is taken in between; one after another it came last.
    const done: string[] = [];
    const x0 = lonToX(3, 13) - 2, y0 = latToY(0.5, 13) - 2;
    const asked = [];
    for (let i = 0; i < 16; i++) {
      asked.push(backend.call('basemap.tile', { datasetId: 1, z: 13, x: x0 + (i % 4), y: y0 + Math.floor(i / 4) }).then((r) => { expect(r.ok).toBe(true); done.push('tile'); }));
    }
    asked.push(backend.call('assess.preview', { datasetId: 1, operation }).then((r) => { expect(r.ok).toBe(true); done.push('preview'); }));
    await Promise.all(asked);
    expect(done).toHaveLength(17);
    expect(done.indexOf('preview')).toBeLessThanOrEqual(2);
    // the tiles came whole: the centre one is the same bytes when asked again (now kept)
    const centre = { datasetId: 1, z: 13, x: x0 + 2, y: y0 + 2 };
    const [a, b] = [await backend.call('basemap.tile', centre), await backend.call('basemap.tile', centre)] as { value: Uint8Array }[];
    expect(a!.value.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(a!.value).equals(Buffer.from(b!.value))).toBe(true);
  });

  it('answers a cheap call over HTTP while a 100,000-run job is running', async () => {
    const { jobId } = await ok<{ jobId: string }>('assess.start', { datasetId: 1, operation, runs: 100_000, seed: 2 });
    await until(jobId, (s) => s.progress.done > 0);
    const list = await ok<{ id: number }[]>('datasets.list', {});
    expect(list.map((d) => d.id)).toContain(1);
    const during = await ok<Status>('jobs.status', { jobId });
    expect(during.state).toBe('running');
    expect(during.progress.done).toBeLessThan(100_000);
    expect(await ok('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    expect((await until(jobId, (s) => s.state !== 'running')).state).toBe('cancelled');
  });

  it('reports a crash of the worker mid-assessment to the caller, and the next call succeeds', async () => {
    const first = await ok<AssessmentResult>('assess.preview', { datasetId: 1, operation });
    const { jobId } = await ok<{ jobId: string }>('assess.start', { datasetId: 1, operation, runs: 100_000, seed: 3 });
    const running = post('assess.run', { datasetId: 1, operation, runs: 100_000, seed: 3 });
    await until(jobId, (s) => s.progress.done > 0);
    backend.crashForTest();
    const reply = await running;
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatchObject({ code: 'internal' });
    expect(!reply.ok && reply.error.message).toMatch(/engine stopped unexpectedly \(engine worker crashed \(test hook\)\); it restarts/);
    const job = await ok<Status>('jobs.status', { jobId });
    expect(job).toMatchObject({ state: 'failed', kind: 'assessment' });
    expect(job.error).toMatch(/engine stopped unexpectedly/);
    // A fresh worker: the same preview, to the byte.
    const again = await ok<AssessmentResult>('assess.preview', { datasetId: 1, operation });
    expect({ ...again, provenance: { ...again.provenance, createdAt: '' } }).toEqual({ ...first, provenance: { ...first.provenance, createdAt: '' } });
  });
});
