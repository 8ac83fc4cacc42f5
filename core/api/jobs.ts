/**
 * Long work (imports, large Monte Carlo runs) as jobs: started, polled for progress, cancellable.
 * A cancelled import rolls back (the importer writes in one transaction at its end).
 */
import { randomUUID } from 'node:crypto';

import type { JobKind, JobProgress, JobResult, JobState, JobStatus } from './job-results';

export type { JobKind, JobProgress, JobState, JobStatus } from './job-results';

/** Kept loosely typed: start's signature pairs each kind with its result, so status() reports a member of the JobStatus union. */
interface Job {
  id: string; kind: JobKind; state: JobState; progress: JobProgress; result: JobResult<JobKind> | null; error: string | null;
  controller: AbortController; finishedAt?: number;
}

/** A finished job's outcome stays readable this long (the window polls every second or so), and at most this many are kept. */
export const FINISHED_JOB_TTL_MS = 10 * 60_000;
export const MAX_FINISHED_JOBS = 50;

export class Jobs {
  private jobs = new Map<string, Job>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Forgets finished jobs past their TTL, and the oldest beyond MAX_FINISHED_JOBS (their results can be large). */
  private prune(): void {
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== undefined).sort((a, b) => a.finishedAt! - b.finishedAt!);
    const cutoff = this.now() - FINISHED_JOB_TTL_MS;
    finished.forEach((j, i) => { if (j.finishedAt! < cutoff || i < finished.length - MAX_FINISHED_JOBS) this.jobs.delete(j.id); });
  }

  /** `run` resolves to the result of its kind (job-results.ts), which jobs.status reports once done. */
  start<K extends JobKind>(kind: K, run: (signal: AbortSignal, progress: (p: JobProgress) => void) => Promise<JobResult<K>>): string {
    this.prune();
    const id = randomUUID();
    const job: Job = { id, kind, state: 'running', progress: { phase: 'starting', done: 0, total: 0, unit: '' }, result: null, error: null, controller: new AbortController() };
    this.jobs.set(id, job);
    // Let the caller receive the id before any work (and any progress) happens.
    setImmediate(() => {
      run(job.controller.signal, (p) => { job.progress = p; })
        .then((result) => { job.state = 'done'; job.result = result; })
        .catch((e: Error) => {
          job.state = job.controller.signal.aborted ? 'cancelled' : 'failed';
          job.error = job.controller.signal.aborted ? 'cancelled; nothing was stored' : e.message;
        })
        .finally(() => { job.finishedAt = this.now(); });
    });
    return id;
  }

  status(id: string): JobStatus | undefined {
    this.prune();
    const j = this.jobs.get(id);
    return j && ({ id: j.id, kind: j.kind, state: j.state, progress: j.progress, result: j.result, error: j.error } as JobStatus);
  }

  cancel(id: string): boolean {
    const j = this.jobs.get(id);
    if (!j || j.state !== 'running') return false;
    j.controller.abort();
    return true;
  }
}
