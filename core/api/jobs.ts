/**
 * Long work (imports, large Monte Carlo runs) as jobs: started, polled for progress, cancellable.
 * A cancelled import rolls back (the importer writes in one transaction at its end).
 */
import { randomUUID } from 'node:crypto';

export interface JobProgress { phase: string; done: number; total: number; unit: string }
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';
export interface JobStatus { id: string; kind: string; state: JobState; progress: JobProgress; result: unknown; error: string | null }

interface Job extends JobStatus { controller: AbortController }

export class Jobs {
  private jobs = new Map<string, Job>();

  start(kind: string, run: (signal: AbortSignal, progress: (p: JobProgress) => void) => Promise<unknown>): string {
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
        });
    });
    return id;
  }

  status(id: string): JobStatus | undefined {
    const j = this.jobs.get(id);
    return j && { id: j.id, kind: j.kind, state: j.state, progress: j.progress, result: j.result, error: j.error };
  }

  cancel(id: string): boolean {
    const j = this.jobs.get(id);
    if (!j || j.state !== 'running') return false;
    j.controller.abort();
    return true;
  }
}
