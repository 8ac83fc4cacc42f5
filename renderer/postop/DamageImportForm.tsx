/**
 * Import observed building damage files (paths on this computer, UNOSAT or Copernicus EMS). Damage
 * far from the dataset or the operation is refused naming how many, and the user may then confirm.
 */
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';
import { useApiMutation } from '../api/queries';
import { useLocale } from '../i18n';
import type { Output } from '../../core/api/contract';
import { damageClassLabel, OBSERVED, parsePaths } from './forms';
import { FileChooser } from '../api/FileChooser';

export function DamageImportForm({ ctx }: { ctx: { datasetId: number; operationId: number } }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const count = (n: number) => loc.number().format(n);
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
    if (!list.length) { setError(t('damage.error.noFile')); return; }
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
      <label>{t('damage.files')}
        <textarea rows={3} value={files} onChange={(e) => setFiles(e.target.value)} data-testid="damage-files" />
      </label>
      <FileChooser multiple onChosen={(ps) => setFiles((f) => [...parsePaths(f), ...ps].join('\n'))} testId="damage-file-chooser" label={t('files.chooseMany')} />
      <label>{t('damage.footprint')}
        <input value={footprint} onChange={(e) => setFootprint(e.target.value)} placeholder={t('damage.footprintPlaceholder')} />
      </label>
      <label>{t('damage.sensorDate')}
        <input type="date" value={sensorDate} onChange={(e) => setSensorDate(e.target.value)} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      {outside && (
        <div className="area-card" data-testid="damage-outside-refusal">
          <p className="error" role="alert">{outside}</p>
          <button onClick={() => void run(true)} disabled={busy} data-testid="damage-confirm-outside">{t('damage.storeAnyway')}</button>
        </div>
      )}
      <button onClick={() => void run()} disabled={busy} data-testid="damage-import-start">{busy ? t('damage.importing') : t('damage.import')}</button>
      {summary && (
        <div className="area-card postop-summary" data-testid="damage-summary">
          <table className="table">
            <tbody>
              {([4, 3, 2, 1, 0] as const).map((c) => <tr key={c}><td>{damageClassLabel(c, loc)}</td><td className="num"><bdi>{count(summary.byClass[c])}</bdi></td></tr>)}
              <tr><td>{t('damage.outsideFootprint')}</td><td className="num" data-testid="damage-outside"><bdi>{count(summary.outsideFootprint)}</bdi></td></tr>
            </tbody>
          </table>
          {summary.products.map((p) => (
            <p key={p.product} className="muted">
              <Trans t={t} i18nKey="damage.product" values={{ product: `${p.product} ${p.versionLabel}`, stored: count(p.stored), replaced: count(p.replaced), footprint: t(`damage.footprintKind.${p.footprint}`) }}
                components={{ product: <bdi translate="no" />, n: <bdi /> }} />
            </p>
          ))}
          {summary.products.every((p) => p.footprint === 'none') && <p className="hint">{t('damage.noFootprint')}</p>}
          {summary.skipped.map((s) => <p key={s.reason} className="muted"><Trans t={t} i18nKey="damage.skipped" values={{ n: count(s.count), reason: s.reason }} components={{ n: <bdi />, reason: <span translate="no" /> }} /></p>)}
        </div>
      )}
    </div>
  );
}
