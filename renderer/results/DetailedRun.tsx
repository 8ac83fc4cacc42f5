/**
 * A long Monte Carlo on demand (the live estimate uses the default 1,000 runs): started as a job,
 * with a progress bar and cancel; its result replaces the live one until the next change.
 */
import { useEffect, useRef, useState } from 'react';
import { call } from '../api/client';
import type { AssessmentResult } from '../../core/model/assessment';
import type { Operation } from '../../core/model/operation';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../core/model/format';
import { fill, useLocale } from '../i18n';

const RUN_CHOICES = [10_000, 50_000, 100_000];

export function DetailedRun({ datasetId, operation, onResult }: { datasetId: number; operation: Operation; onResult(r: AssessmentResult | null): void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [runs, setRuns] = useState(RUN_CHOICES[0]!);
  const [job, setJob] = useState<{ id: string; done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval>>(undefined);
  useEffect(() => () => clearInterval(timer.current), []);

  const start = async () => {
    setMessage(null);
    try {
      const { jobId } = await call('assess.start', { datasetId, operation, runs });
      setJob({ id: jobId, done: 0, total: runs });
      timer.current = setInterval(async () => {
        const s = await call('jobs.status', { jobId });
        setJob({ id: jobId, done: s.progress.done, total: s.progress.total || runs });
        if (s.state === 'running') return;
        clearInterval(timer.current);
        setJob(null);
        if (s.state === 'done' && s.kind === 'assessment' && s.result) { onResult(s.result); setMessage(t('results.detailed.showing', { count: runs, n: formatCount(runs, loc) })); }
        else setMessage(s.state === 'cancelled' ? t('results.detailed.cancelled') : t('results.detailed.failed', { error: s.error }));
      }, 250);
    } catch (e) { setMessage((e as Error).message); }
  };

  return (
    <div className="detailed-run" data-testid="detailed-run">
      {job ? (
        <>
          <div className="progress"><div className="bar"><span style={{ width: `${(100 * job.done) / job.total}%` }} /></div></div>
          <span className="muted" data-testid="detailed-progress">{fill((v) => t('results.detailed.progress', { ...v, count: job.total }), { done: formatCount(job.done, loc), total: formatCount(job.total, loc) })}</span>
          <button className="link" onClick={() => void call('jobs.cancel', { jobId: job.id })} data-testid="detailed-cancel">{t('common.cancel')}</button>
        </>
      ) : (
        <>
          <span className="muted">{t('results.detailed.moreRuns')}</span>
          <select value={runs} onChange={(e) => setRuns(Number(e.target.value))} aria-label={t('results.detailed.runsLabel')}>
            {RUN_CHOICES.map((r) => <option key={r} value={r}>{formatCount(r, loc)}</option>)}
          </select>
          <button onClick={start} disabled={operation.areas.length === 0} data-testid="detailed-start">{t('results.detailed.run')}</button>
          {message && <span className="muted" role="status">{message}</span>}
        </>
      )}
    </div>
  );
}
