/**
 * Import a city: files (paths on this machine), a dataset name, a progress bar with bytes and
 * features, cancel (rolls back), and the import report when done.
 */
import { FileChooser } from '../api/FileChooser';
import { useEffect, useState } from 'react';
import { useApiMutation, useJob } from '../api/queries';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n';
import { formatReport, phaseInWords, STARTING } from '../../core/import/words';
import { formatCount } from '../../core/model/format';

export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(datasetName: string): void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [files, setFiles] = useState('');
  const [dataset, setDataset] = useState('');
  const [licence, setLicence] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const starting = useApiMutation('import.start');
  const cancelling = useApiMutation('jobs.cancel');
  const status = useJob(jobId, 200).data ?? null;
  const state = status?.state;
  useEffect(() => { if (state === 'done') onImported(dataset.trim()); }, [jobId, state]); // once per finished job

  const start = async () => {
    setError(null); setJobId(null);
    const list = files.split('\n').map((f) => f.trim()).filter(Boolean);
    try {
      setJobId((await starting.mutateAsync({ files: list, dataset: dataset.trim(), ...(licence.trim() ? { licence: licence.trim() } : {}) })).jobId);
    } catch (e) { setError((e as Error).message); }
  };

  const running = starting.isPending || (jobId !== null && (status === null || status.state === 'running'));
  const pct = status?.state === 'done' ? 100 : status && status.progress.total > 0 ? Math.min(100, (100 * status.progress.done) / status.progress.total) : 0;
  // the report in the reader's language (the job carries it in English too, as the CLI prints it)
  const report = status?.state === 'done' && status.kind === 'import' && status.result ? formatReport(status.result, loc) : null;
  const progress = status?.progress;

  return (
    <div className="modal-backdrop" role="dialog" aria-label={t('import.label')}>
      <div className="modal">
        <h2>{t('import.title')}</h2>
        <label>{t('import.files')}
          <textarea rows={3} value={files} onChange={(e) => setFiles(e.target.value)} data-testid="import-files" translate="no" />
        </label>
        <FileChooser multiple onChosen={(ps) => setFiles((f) => [...f.split('\n').map((x) => x.trim()).filter(Boolean), ...ps].join('\n'))} testId="import-file-chooser" />
        <label>{t('import.dataset')}
          <input value={dataset} onChange={(e) => setDataset(e.target.value)} data-testid="import-dataset" translate="no" />
        </label>
        <label>{t('import.licence')}
          <input value={licence} onChange={(e) => setLicence(e.target.value)} placeholder={t('import.licenceExample')} translate="no" />
        </label>
        {status && (
          <div className="progress" data-testid="import-progress">
            <div className="bar"><span style={{ width: `${pct}%` }} /></div>
            <div className="muted">{status.state === 'done' ? t('import.done') : <>{phaseInWords(progress!.step ?? STARTING, loc)} · <bdi>{loc.number({ style: 'percent' }).format(Math.round(pct) / 100)}</bdi>{progress!.features !== undefined && <> · <bdi>{t('import.features', { count: progress!.features, n: formatCount(progress!.features, loc) })}</bdi></>}</>}</div>
          </div>
        )}
        {status?.state === 'failed' && <p className="error" role="alert" data-testid="import-error">{t('import.failed', { error: status.error })}</p>}
        {status?.state === 'cancelled' && <p className="warn" role="status">{t('import.cancelled')}</p>}
        {error && <p className="error" role="alert" data-testid="import-error">{error}</p>}
        {report && <pre className="report" data-testid="import-report">{report}</pre>}
        <div className="row right">
          {status?.state === 'running'
            ? <button onClick={() => cancelling.mutate({ jobId: status.id })} data-testid="import-cancel">{t('common.cancel')}</button>
            : <button onClick={start} disabled={!files.trim() || !dataset.trim() || running} data-testid="import-start">{t('import.start')}</button>}
          <button onClick={onClose}>{t('common.close')}</button>
        </div>
      </div>
    </div>
  );
}
