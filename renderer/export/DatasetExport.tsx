/** Export the whole dataset (with every edit) to a GeoPackage or GeoJSON file on this computer. */
import { useState } from 'react';
import { useApiMutation } from '../api/queries';
import type { Input } from '../../core/api/contract';
import { ErrorLine } from '../editing/ErrorLine';
import { failure, type Failure } from '../editing/types';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../core/model/format';
import { useLocale } from '../i18n';

/** Format names and example paths: never translated. */
const FORMAT_NAMES = { gpkg: 'GeoPackage', geojson: 'GeoJSON' } as const;
const EXAMPLE_PATHS = { gpkg: '/full/path/city.gpkg', geojson: '/full/path/city.geojson' } as const;

type Format = Input<'datasets.export'>['format'];

export function DatasetExport({ datasetId }: { datasetId: number }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [format, setFormat] = useState<Format>('gpkg');
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const exporting = useApiMutation('datasets.export');
  const error: Failure | null = exporting.error ? failure(exporting.error) : null;
  const result = exporting.data ? t('datasetExport.written', { path: exporting.data.path, count: exporting.data.features, n: formatCount(exporting.data.features, loc) }) : null;
  const run = () => exporting.mutate({ datasetId, format, path: path.trim(), ...(overwrite ? { overwrite } : {}) });
  return (
    <section className="export-box" data-testid="dataset-export">
      <h2>{t('datasetExport.title')}</h2>
      <div className="row">
        <select value={format} onChange={(e) => setFormat(e.target.value as Format)} aria-label={t('datasetExport.format')} data-testid="export-format" translate="no">
          {(Object.keys(FORMAT_NAMES) as Format[]).map((f) => <option key={f} value={f}>{FORMAT_NAMES[f]}</option>)}
        </select>
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder={EXAMPLE_PATHS[format]} translate="no"
          aria-label={t('datasetExport.path')} data-testid="export-path" aria-invalid={error?.field === 'path'} />
      </div>
      <div className="row">
        <label className="field"><input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> {t('datasetExport.overwrite')}</label>
        <span className="spacer" />
        <button onClick={run} disabled={path.trim() === ''} data-testid="export-run">{t('datasetExport.run')}</button>
      </div>
      {result && <p className="muted" data-testid="export-result">{result}</p>}
      <ErrorLine error={error} testId="export-error" />
    </section>
  );
}
