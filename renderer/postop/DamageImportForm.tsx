/**
 * Import observed building damage files (paths on this computer, UNOSAT or Copernicus EMS). Damage
 * far from the dataset or the operation is refused naming how many, and the user may then confirm.
 */
import { useState } from 'react';
import { ApiCallError } from '../api/client';
import { useApiMutation } from '../api/queries';
import type { Output } from '../../core/api/contract';
import { DAMAGE_CLASS_LABELS, OBSERVED, parsePaths } from './forms';
import { FileChooser } from '../api/FileChooser';

export function DamageImportForm({ ctx }: { ctx: { datasetId: number; operationId: number } }) {
  const [files, setFiles] = useState('');
  const [footprint, setFootprint] = useState('');
  const [sensorDate, setSensorDate] = useState('');
  const importing = useApiMutation('observations.import', OBSERVED);
  const busy = importing.isPending;
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<Output<'observations.import'> | null>(null);
  // Damage far from the dataset or the operation is refused naming how many; the user may then confirm.
  const [outside, setOutside] = useState<string | null>(null);
  const run = async (confirmOutside = false) => {
    const list = parsePaths(files);
    if (!list.length) { setError('give at least one file path'); return; }
    setError(null); setSummary(null); setOutside(null);
    try {
      const s = await importing.mutateAsync({
        files: [...list, ...parsePaths(footprint)], dataset: ctx.datasetId, operationId: ctx.operationId, ...(sensorDate ? { sensorDate } : {}),
        ...(confirmOutside ? { confirmOutside: true } : {}),
      });
      setSummary(s);
    } catch (e) {
      if (e instanceof ApiCallError && e.body.field === 'confirmOutside') setOutside(e.body.message);
      else setError((e as Error).message);
    }
  };
  return (
    <div className="postop-form" data-testid="damage-import">
      <label>Damage files on this computer, one path per line (UNOSAT or Copernicus EMS: GeoJSON, shapefile, CSV)
        <textarea rows={3} value={files} onChange={(e) => setFiles(e.target.value)} data-testid="damage-files" />
      </label>
      <FileChooser multiple onChosen={(ps) => setFiles((f) => [...parsePaths(f), ...ps].join('\n'))} testId="damage-file-chooser" />
      <label>Observed footprint (area analysed), if not in the product — only damage inside it counts
        <input value={footprint} onChange={(e) => setFootprint(e.target.value)} placeholder="path to a polygon file (optional)" />
      </label>
      <label>Sensor date, for products whose files carry none (CEMS)
        <input type="date" value={sensorDate} onChange={(e) => setSensorDate(e.target.value)} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      {outside && (
        <div className="area-card" data-testid="damage-outside-refusal">
          <p className="error" role="alert">{outside}</p>
          <button onClick={() => void run(true)} disabled={busy} data-testid="damage-confirm-outside">Store them anyway</button>
        </div>
      )}
      <button onClick={() => void run()} disabled={busy} data-testid="damage-import-start">{busy ? 'Importing…' : 'Import damage'}</button>
      {summary && (
        <div className="area-card postop-summary" data-testid="damage-summary">
          <table className="table">
            <tbody>
              {[4, 3, 2, 1, 0].map((c) => <tr key={c}><td>{DAMAGE_CLASS_LABELS[c]}</td><td className="num">{summary.byClass[c as 0 | 1 | 2 | 3 | 4].toLocaleString('en-GB')}</td></tr>)}
              <tr><td>Outside the observed footprint (not stored)</td><td className="num" data-testid="damage-outside">{summary.outsideFootprint.toLocaleString('en-GB')}</td></tr>
            </tbody>
          </table>
          {summary.products.map((p) => <p key={p.product} className="muted">{p.product} {p.versionLabel}: {p.stored.toLocaleString('en-GB')} stored, {p.replaced.toLocaleString('en-GB')} replaced; footprint {p.footprint}</p>)}
          {summary.products.every((p) => p.footprint === 'none') && <p className="hint">No observed footprint: building damage cannot be scored, because outside an analysed area no record is not evidence of no damage.</p>}
          {summary.skipped.map((s) => <p key={s.reason} className="muted">Skipped {s.count}: {s.reason}</p>)}
        </div>
      )}
    </div>
  );
}
