/**
 * "Run and save" for one saved option: a full Monte Carlo (the parameter set's 1,000 runs) as a job,
 * stored and linked to the option, so the after-action comparison finds it. The live estimate is a
 * preview and is never stored; this is the explicit, recorded run.
 */
import { useEffect, useRef, useState } from 'react';
import { call } from '../api/client';
import { formatCount } from '../../core/model/format';

export function RunAndSave({ operationId }: { operationId: number }) {
  const [job, setJob] = useState<{ id: string; done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval>>(undefined);
  useEffect(() => () => clearInterval(timer.current), []);

  const start = async () => {
    setMessage(null);
    try {
      const { jobId } = await call('assess.save', { operationId });
      setJob({ id: jobId, done: 0, total: 0 });
      timer.current = setInterval(async () => {
        const s = await call('jobs.status', { jobId });
        if (s.state === 'running') { setJob({ id: jobId, done: s.progress.done, total: s.progress.total }); return; }
        clearInterval(timer.current);
        setJob(null);
        const saved = s.result as { assessmentId: number; result: { provenance: { runs: number } } } | null;
        setMessage(s.state === 'done' && saved ? `Saved run #${saved.assessmentId} (${formatCount(saved.result.provenance.runs)} runs).` : s.state === 'cancelled' ? 'Cancelled.' : `Failed: ${s.error}`);
      }, 250);
    } catch (e) { setMessage((e as Error).message); }
  };

  if (job) {
    return (
      <span className="muted" data-testid="run-save-progress">
        {job.total ? `${formatCount(job.done)} of ${formatCount(job.total)} runs` : 'starting…'}{' '}
        <button className="link" onClick={() => void call('jobs.cancel', { jobId: job.id })}>Cancel</button>
      </span>
    );
  }
  return (
    <>
      <button className="link" onClick={start} data-testid="run-save" title="A full Monte Carlo, stored with this option for the after-action comparison">Run and save</button>
      {message && <span className="muted" role="status" data-testid="run-save-status">{message}</span>}
    </>
  );
}
