/**
 * Long work as jobs through the API: an assessment job reports progress in runs, can be cancelled
 * (nothing stored), and otherwise gives the same figures as the synchronous call for the same seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../core/api/backend';

let dir: string; let backend: Backend;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'uia-jobs-')); backend = openBackend(join(dir, 'jobs.sqlite')); });
afterAll(() => { backend.close(); rmSync(dir, { recursive: true, force: true }); });

const operation = {
  name: 'Job', settings: { timeOfDay: 'day', warningShare: 0.2, horizonDays: 30 },
  areas: [{ id: 'a', name: 'A', profileId: 'high', geometry: { type: 'Polygon', coordinates: [[[2.996, 0.496], [3.004, 0.496], [3.004, 0.504], [2.996, 0.504], [2.996, 0.496]]] } }],
};
async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await backend.call(name, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}
type Status = { state: string; progress: { done: number; total: number; unit: string }; result: { casualties: unknown; provenance: { runs: number } } | null; error: string | null };
async function until(jobId: string, done: (s: Status) => boolean): Promise<Status> {
  for (;;) {
    const s = await call<Status>('jobs.status', { jobId });
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}
const assessments = () => (backend.db.prepare('SELECT COUNT(*) AS n FROM assessments').get() as { n: number }).n;

describe('assessment jobs', () => {
  it('reports progress in runs and ends with the same figures as assess.run', async () => {
    const { jobId } = await call<{ jobId: string }>('assess.start', { datasetId: 1, operation, runs: 2000, seed: 9 });
    const seen = await until(jobId, (s) => s.progress.done > 0 || s.state !== 'running');
    expect(seen.progress.unit).toBe('runs');
    expect(seen.progress.total).toBe(2000);
    const end = await until(jobId, (s) => s.state !== 'running');
    expect(end.state).toBe('done');
    const sync = await call<{ casualties: unknown }>('assess.run', { datasetId: 1, operation, runs: 2000, seed: 9 });
    expect(end.result!.casualties).toEqual(sync.casualties);
    expect(assessments()).toBe(2);
  });

  it('cancels: the job ends cancelled and stores nothing', async () => {
    const before = assessments();
    const { jobId } = await call<{ jobId: string }>('assess.start', { datasetId: 1, operation, runs: 100_000, seed: 1 });
    await until(jobId, (s) => s.progress.done > 0);
    expect(await call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    const end = await until(jobId, (s) => s.state !== 'running');
    expect(end.state).toBe('cancelled');
    expect(end.progress.done).toBeLessThan(100_000);
    expect(assessments()).toBe(before);
  });
});
