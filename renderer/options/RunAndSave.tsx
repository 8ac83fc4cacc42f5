/**
 * "Run and save" for one saved option: a full Monte Carlo (the parameter set's 1,000 runs) as a job,
 * stored and linked to the option, so the after-action comparison finds it. The live estimate is a
 * preview and is never stored; this is the explicit, recorded run.
 */
import { useEffect, useState } from 'react';
import { useApiMutation, useJob } from '../api/queries';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../core/model/format';
import { fill, useLocale } from '../i18n';

export function RunAndSave({ operationId }: { operationId: number }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [jobId, setJobId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const starting = useApiMutation('assess.save');
  const cancelling = useApiMutation('jobs.cancel');
  const status = useJob(jobId, 250).data;

  useEffect(() => {
    if (!status || status.state === 'running') return;
    setJobId(null);
    const saved = status.kind === 'savedRun' ? status.result : null;
    setMessage(status.state === 'done' && saved ? t('options.run.saved', { id: saved.assessmentId, count: saved.result.provenance.runs, n: formatCount(saved.result.provenance.runs, loc) })
      : status.state === 'cancelled' ? t('results.detailed.cancelled') : t('results.detailed.failed', { error: status.error }));
  }, [status, t, loc]);

  const start = async () => {
    setMessage(null);
    try { setJobId((await starting.mutateAsync({ operationId })).jobId); } catch (e) { setMessage((e as Error).message); }
  };

  if (jobId) {
    const progress = status?.state === 'running' ? status.progress : null;
    return (
      <span className="muted" data-testid="run-save-progress">
        {progress?.total ? fill((v) => t('results.detailed.progress', { ...v, count: progress.total }), { done: formatCount(progress.done, loc), total: formatCount(progress.total, loc) }) : t('options.run.starting')}{' '}
        <button className="link" onClick={() => cancelling.mutate({ jobId })}>{t('common.cancel')}</button>
      </span>
    );
  }
  return (
    <>
      <button className="link" onClick={start} data-testid="run-save" title={t('options.run.title')}>{t('options.run.label')}</button>
      {message && <span className="muted" role="status" data-testid="run-save-status">{message}</span>}
    </>
  );
}
