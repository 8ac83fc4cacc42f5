/**
 * Import a city: files (paths on this machine), a dataset name, a progress bar with bytes and
 * features, cancel (rolls back), and the import report when done.
 */
import { FileChooser } from '../api/FileChooser';
import { useEffect, useState } from 'react';
import { useApiMutation, useJob } from '../api/queries';

export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(datasetName: string): void }) {
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
  const report = status?.state === 'done' ? (status.result as { summary?: string }).summary : null;

  return (
    <div className="modal-backdrop" role="dialog" aria-label="Import data">
      <div className="modal">
        <h2>Import city data</h2>
        <label>Files on this computer, one path per line (OSM .pbf, census .gpkg/.geojson/.shp, population .tif, facilities .csv)
          <textarea rows={3} value={files} onChange={(e) => setFiles(e.target.value)} data-testid="import-files" />
        </label>
        <FileChooser multiple onChosen={(ps) => setFiles((f) => [...f.split('\n').map((x) => x.trim()).filter(Boolean), ...ps].join('\n'))} testId="import-file-chooser" />
        <label>Dataset (new or existing name)
          <input value={dataset} onChange={(e) => setDataset(e.target.value)} data-testid="import-dataset" />
        </label>
        <label>Licence and attribution (detected for OpenStreetMap)
          <input value={licence} onChange={(e) => setLicence(e.target.value)} placeholder="e.g. INE, Censos 2021 – BGRI" />
        </label>
        {status && (
          <div className="progress" data-testid="import-progress">
            <div className="bar"><span style={{ width: `${pct}%` }} /></div>
            <div className="muted">{status.state === 'done' ? 'Imported: the dataset is on the map.' : `${status.progress.phase} · ${Math.round(pct)}% · ${status.progress.unit.replace(/^bytes, /, '')}`}</div>
          </div>
        )}
        {status?.state === 'failed' && <p className="error" role="alert" data-testid="import-error">{status.error} The database is unchanged.</p>}
        {status?.state === 'cancelled' && <p className="warn" role="status">Import cancelled; nothing was stored.</p>}
        {error && <p className="error" role="alert" data-testid="import-error">{error}</p>}
        {report && <pre className="report" data-testid="import-report">{report}</pre>}
        <div className="row right">
          {status?.state === 'running'
            ? <button onClick={() => cancelling.mutate({ jobId: status.id })} data-testid="import-cancel">Cancel</button>
            : <button onClick={start} disabled={!files.trim() || !dataset.trim() || running} data-testid="import-start">Import</button>}
          <button onClick={onClose}>Close</button>
        </div>
      </div>
    </div>
  );
}
