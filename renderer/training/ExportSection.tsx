/** Trainer: export saved operations of this dataset as a scenario package (briefing, passphrase, optional signing key, later phases). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation } from '../api/queries';
import type { Output } from '../../core/api/contract';
import { formatCount } from '../../core/model/format';
import { useLocale } from '../i18n';
import { parsePaths } from '../postop/forms';
import { MIN_PASSPHRASE_CHARS } from './exercise';
import { LaterPhaseFields } from './LaterPhaseFields';
import { emptyLaterPhase, parseLaterPhase, type LaterPhaseDraft, type LaterPhaseInput } from './phases';
import type { FieldErrors } from '../postop/forms';
import { PACKAGE_EXAMPLE, message, idOf } from './shared';
import '../postop/postop.css';

const NO_OPERATIONS: Output<'operations.list'> = [];

export function ExportSection({ datasetId }: { datasetId: number }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const phaseOne = t('training.phase', { n: loc.number().format(1) });
  const listed = useApi('operations.list', { datasetId });
  const operations = listed.data ?? NO_OPERATIONS;
  const exporting = useApiMutation('package.export');
  const [included, setIncluded] = useState<Set<number>>(new Set());
  const [carriedOut, setCarriedOut] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [briefing, setBriefing] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [out, setOut] = useState('');
  const [firstTitle, setFirstTitle] = useState(phaseOne);
  const [later, setLater] = useState<LaterPhaseDraft[]>([]);
  const [phaseErrors, setPhaseErrors] = useState<FieldErrors[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = exporting.isPending;
  useEffect(() => { setIncluded(new Set()); setCarriedOut(null); setLater([]); }, [datasetId]);

  const toggle = (id: number) => setIncluded((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const run = async () => {
    setError(null); setStatus(null);
    if (carriedOut === null) return setError(t('training.export.error.carriedOut'));
    if (!briefing.trim()) return setError(t('training.export.error.briefing'));
    if (passphrase.length < MIN_PASSPHRASE_CHARS) return setError(t('training.export.error.passphrase', { n: loc.number().format(MIN_PASSPHRASE_CHARS) }));
    const path = parsePaths(out)[0];
    if (!path) return setError(t('training.export.error.path', { example: PACKAGE_EXAMPLE }));
    const parsed = later.map((d, i) => parseLaterPhase(d, i + 2, passphrase, loc));
    setPhaseErrors(parsed.map((p) => (p.ok ? {} : p.errors)));
    if (parsed.some((p) => !p.ok)) return setError(t('training.export.error.phases'));
    const laterPhases = parsed.map((p) => (p as { value: LaterPhaseInput }).value);
    try {
      const r = await exporting.mutateAsync({
        dataset: datasetId, operationId: carriedOut, optionIds: [...included].filter((id) => id !== carriedOut),
        briefing, passphrase, out: path, ...(title.trim() ? { title: title.trim() } : {}),
        ...(laterPhases.length ? { laterPhases, firstPhaseTitle: firstTitle.trim() || phaseOne } : {}),
      });
      setStatus(t(r.phases > 1 ? 'training.export.wrotePhases' : 'training.export.wrote', {
        path: r.path, bytes: t('training.export.bytes', { count: r.bytes, n: formatCount(r.bytes, loc) }), title: r.title,
        phases: loc.number().format(r.phases), options: r.operations.join(t('training.listSeparator')),
      }));
    } catch (e) { setError(message(e)); }
  };

  return (
    <section data-testid="training-export">
      <h3>{t('training.export.title')}</h3>
      {operations.length === 0 ? <p className="hint">{t('training.export.noOperation')}</p> : (
        <table className="table">
          <thead><tr><th>{t('training.export.offer')}</th><th>{t('training.export.carriedOut')}</th><th>{t('training.export.operation')}</th></tr></thead>
          <tbody>
            {operations.map((o) => (
              <tr key={o.id}>
                <td><input type="checkbox" checked={included.has(o.id) || carriedOut === o.id} disabled={carriedOut === o.id} onChange={() => toggle(o.id)} aria-label={t('training.export.offerLabel', { name: o.operation.name })} data-testid={`export-offer-${o.id}`} /></td>
                <td><input type="radio" name="carried-out" checked={carriedOut === o.id} onChange={() => setCarriedOut(o.id)} aria-label={t('training.export.carriedOutLabel', { name: o.operation.name })} data-testid={`export-carried-${o.id}`} /></td>
                <td><bdi translate="no">{o.operation.name}</bdi> <span className="muted">{t('training.operationId', { id: idOf(loc, o.id) })}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="postop-form">
        <label>{t('training.export.packageTitle')}<input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="export-title" /></label>
        {later.length > 0 && <label>{t('training.export.firstPhaseTitle', { n: loc.number().format(1) })}<input value={firstTitle} onChange={(e) => setFirstTitle(e.target.value)} data-testid="export-first-phase-title" /></label>}
        <label>{later.length > 0 ? t('training.export.briefingPhaseOne', { n: loc.number().format(1) }) : t('training.export.briefing')}<textarea rows={5} value={briefing} onChange={(e) => setBriefing(e.target.value)} data-testid="export-briefing" /></label>
        <label>{t('training.export.passphrase', { n: loc.number().format(MIN_PASSPHRASE_CHARS) })}
          <input type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="export-passphrase" />
        </label>
        {later.map((d, i) => (
          <LaterPhaseFields key={i} n={i + 2} draft={d} operations={operations} errors={phaseErrors[i] ?? {}}
            onChange={(p) => setLater((all) => all.map((x, j) => (j === i ? { ...x, ...p } : x)))}
            onRemove={() => { setLater((all) => all.filter((_, j) => j !== i)); setPhaseErrors([]); }} />
        ))}
        <button className="link" onClick={() => setLater((all) => [...all, emptyLaterPhase(all.length + 2, loc)])} disabled={operations.length === 0 || later.length >= 9} data-testid="export-add-phase">
          {t('training.export.addPhase')}
        </button>
        <label>{t('training.export.saveAs')}<input value={out} onChange={(e) => setOut(e.target.value)} placeholder={PACKAGE_EXAMPLE} dir="ltr" data-testid="export-out" /></label>
        {(error ?? listed.error) && <p className="error" role="alert">{error ?? listed.error?.message}</p>}
        {status && <p className="hint" role="status" data-testid="export-status">{status}</p>}
        <button onClick={() => void run()} disabled={busy || operations.length === 0} data-testid="export-package">{busy ? t('training.export.exporting') : t('training.export.run')}</button>
      </div>
    </section>
  );
}
