/** Export the whole dataset (with every edit) to a GeoPackage or GeoJSON file on this computer. */
import { useState } from 'react';
import { useApiMutation } from '../api/queries';
import type { Input } from '../../core/api/contract';
import { ErrorLine } from '../editing/ErrorLine';
import { failure, type Failure } from '../editing/types';

type Format = Input<'datasets.export'>['format'];

export function DatasetExport({ datasetId }: { datasetId: number }) {
  const [format, setFormat] = useState<Format>('gpkg');
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const exporting = useApiMutation('datasets.export');
  const error: Failure | null = exporting.error ? failure(exporting.error) : null;
  const result = exporting.data ? `Written ${exporting.data.path}: ${exporting.data.features} features.` : null;
  const run = () => exporting.mutate({ datasetId, format, path: path.trim(), ...(overwrite ? { overwrite } : {}) });
  return (
    <section className="export-box" data-testid="dataset-export">
      <h2>Export dataset</h2>
      <div className="row">
        <select value={format} onChange={(e) => setFormat(e.target.value as Format)} aria-label="Export format" data-testid="export-format">
          <option value="gpkg">GeoPackage</option>
          <option value="geojson">GeoJSON</option>
        </select>
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder={format === 'gpkg' ? '/full/path/city.gpkg' : '/full/path/city.geojson'}
          aria-label="Export path" data-testid="export-path" aria-invalid={error?.field === 'path'} />
      </div>
      <div className="row">
        <label className="field"><input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> replace an existing file</label>
        <span className="spacer" />
        <button onClick={run} disabled={path.trim() === ''} data-testid="export-run">Export</button>
      </div>
      {result && <p className="muted" data-testid="export-result">{result}</p>}
      <ErrorLine error={error} testId="export-error" />
    </section>
  );
}
