/**
 * "Run and save" for one saved option: a full Monte Carlo (the parameter set's 1,000 runs) as a job,
 * stored and linked to the option, so the after-action comparison finds it. The live estimate is a
 * preview and is never stored; this is the explicit, recorded run.
 */
import { useEffect, useState } from 'react';
import { useApiMutation, useJob } from '../api/queries';
import { formatCount } from '../../core/model/format';

export function RunAndSave({ operationId }: { operationId: number }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const starting = useApiMutation('assess.save');
  const cancelling = useApiMutation('jobs.cancel');
  const status = useJob(jobId, 250).data;

  useEffect(() => {
    if (!status || status.state === 'running') return;
    setJobId(null);
    const saved = status.kind === 'savedRun' ? status.result : null;
    setMessage(status.state === 'done' && saved ? `Saved run #${saved.assessmentId} (${formatCount(saved.result.provenance.runs)} runs).` : status.state === 'cancelled' ? 'Cancelled.' : `Failed: ${status.error}`);
  }, [status]);

  const start = async () => {
    setMessage(null);
    try { setJobId((await starting.mutateAsync({ operationId })).jobId); } catch (e) { setMessage((e as Error).message); }
  };

  if (jobId) {
    const progress = status?.state === 'running' ? status.progress : null;
    return (
      <span className="muted" data-testid="run-save-progress">
        {progress?.total ? `${formatCount(progress.done)} of ${formatCount(progress.total)} runs` : 'starting…'}{' '}
        <button className="link" onClick={() => cancelling.mutate({ jobId })}>Cancel</button>
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
