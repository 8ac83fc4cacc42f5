/**
 * Calibration (METHOD.md §7): the calibrated multipliers beside the default (all 1) with their 90%
 * posterior interval and leave-one-out error, a chart of that error, and the choice of the parameter
 * set future assessments use (recorded in their provenance).
 */
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi, useApiMutation } from '../api/queries';
import type { Output } from '../../core/api/contract';
import type { Multiplier } from '../../core/postop/calibrate';
import { ENGLISH, type Locale } from '../../core/i18n/locale';
import { useLocale } from '../i18n';
import { errorInWords, type ErrorKey } from '../../core/model/errors';
import { nsT } from '../editing/enum-words';

type Calibration = Output<'postop.calibrate'>;

const NO_SETS: Output<'parameters.sets.list'> = [];
/** A multiplier or error with `d` decimals in the reader's digits, '–' when there is none. */
const fixed = (loc: Locale, x: number | null | undefined, d = 2) =>
  (x === null || x === undefined ? '–' : loc.number({ minimumFractionDigits: d, maximumFractionDigits: d }).format(x));

/** Rows of the calibration table: casualty multipliers, the pooled damage multiplier, then one per zone key. */
export function multiplierRows(c: Calibration['calibration'], loc: Locale = ENGLISH): { key: string; label: string; m: Multiplier }[] {
  const t = nsT(loc);
  const m = c.multipliers;
  return [
    { key: 'casualtyKilled', label: t('review:calibration.row.killed'), m: m.casualtyKilled },
    { key: 'casualtyInjured', label: t('review:calibration.row.injured'), m: m.casualtyInjured },
    { key: 'damage', label: t('review:calibration.row.damage'), m: m.damage },
    ...Object.entries(m.damageByZone).map(([k, v]) => ({ key: `damage.${k}`, label: t('review:calibration.row.damageZone', { zone: k }), m: v })),
  ];
}

export function CalibrationView({ datasetId }: { datasetId: number }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const fmt = (x: number | null | undefined, d = 2) => fixed(loc, x, d);
  const count = (n: number) => loc.number().format(n);
  const setsQuery = useApi('parameters.sets.list', {});
  const sets = setsQuery.data ?? NO_SETS;
  const calibrating = useApiMutation('postop.calibrate', ['parameters.sets.list']);
  const choosing = useApiMutation('parameters.sets.choose', ['parameters.sets.list']);
  const [result, setResult] = useState<Calibration | null>(null);
  const [scope, setScope] = useState<'dataset' | 'all'>('dataset');
  const [error, setError] = useState<string | null>(null);
  const busy = calibrating.isPending;

  const run = async () => {
    setError(null);
    try { setResult(await calibrating.mutateAsync(scope === 'dataset' ? { datasetId } : {})); } catch (e) { setError((e as Error).message); }
  };
  const choose = async (name: string) => {
    setError(null);
    try { await choosing.mutateAsync({ name }); } catch (e) { setError((e as Error).message); }
  };

  const shown = result?.calibration ?? sets.find((s) => s.kind === 'calibrated')?.calibration ?? null;
  const rows = shown ? multiplierRows(shown, loc) : [];
  const loo = rows.filter((r) => r.m.loo.default !== null).map((r) => ({ label: r.label, default: r.m.loo.default, calibrated: r.m.loo.calibrated }));

  return (
    <section className="postop-calibration" data-testid="calibration">
      <h3>{t('calibration.title')}</h3>
      <div className="row">
        <select value={scope} onChange={(e) => setScope(e.target.value as 'dataset' | 'all')} aria-label={t('calibration.scope')}>
          <option value="dataset">{t('calibration.scopeDataset')}</option>
          <option value="all">{t('calibration.scopeAll')}</option>
        </select>
        <button onClick={run} disabled={busy} data-testid="calibrate">{busy ? t('calibration.running') : t('calibration.run')}</button>
      </div>
      {(error ?? setsQuery.error) && <p className="error" role="alert">{error ?? setsQuery.error?.message}</p>}
      {result && (
        <p className="muted">
          <Trans t={t} i18nKey="calibration.used" count={result.used.length} values={{ n: count(result.used.length), names: result.used.map((u) => u.name).join(t('calibration.nameSeparator')) }}
            components={{ n: <bdi />, names: <bdi translate="no" /> }} />
          {result.skipped.length > 0 && <>{' '}<Trans t={t} i18nKey="calibration.leftOut" values={{ list: result.skipped.map((s) => `${s.name} (${errorInWords({ message: s.reason, ...(s.key ? { key: s.key as ErrorKey, ...(s.params ? { params: s.params } : {}) } : {}) }, loc)})`).join('; ') }} components={{ list: <bdi translate="no" /> }} /></>}
          {result.savedAs && <>{' '}<Trans t={t} i18nKey="calibration.storedAs" values={{ name: result.savedAs }} components={{ name: <bdi translate="no" /> }} /></>}
        </p>
      )}
      {shown && (
        <>
          <table className="table" data-testid="calibration-table">
            <thead><tr><th>{t('calibration.table.multiplier')}</th><th>{t('calibration.table.default')}</th><th>{t('calibration.table.calibrated')}</th><th>{t('calibration.table.evidence')}</th><th>{t('calibration.table.loo')}</th></tr></thead>
            <tbody>
              {rows.map(({ key, label, m }) => (
                <tr key={key}>
                  <td>{label}</td>
                  <td><bdi>{count(1)}</bdi></td>
                  <td><strong><bdi>{fmt(m.calibrated)}</bdi></strong> <span className="muted"><bdi>({fmt(m.p05)}–{fmt(m.p95)})</bdi></span></td>
                  <td>{t(key.startsWith('casualty') ? 'calibration.evidenceOperations' : 'calibration.evidenceBuildings', { count: m.n, n: count(m.n) })}</td>
                  <td>
                    <bdi>{fmt(m.loo.default)} / {fmt(m.loo.calibrated)}</bdi>
                    {m.loo.helps === true && <span className="postop-flag in"> {t('calibration.helps')}</span>}
                    {m.loo.helps === false && <span className="postop-flag out"> {t('calibration.noBetter')}</span>}
                    {m.loo.operations < 2 && <span className="muted"> {t('calibration.needsTwo', { n: count(2) })}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('calibration.looHelp', { exact: count(0), ln2: fmt(0.69), two: count(2) })}</p>
          {loo.length > 0 && (
            // Charts stay left to right in every language (recharts has no right-to-left mode).
            <div dir="ltr"><ResponsiveContainer width="100%" height={40 + loo.length * 36}>
              <BarChart data={loo} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
                <CartesianGrid horizontal={false} stroke="#eee" />
                <XAxis type="number" fontSize={11} tickFormatter={(v: number) => loc.number().format(v)} />
                <YAxis type="category" dataKey="label" width={130} fontSize={11} />
                <Tooltip formatter={(v) => fmt(Number(v), 3)} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="default" name={t('calibration.table.default')} fill="#999999" isAnimationActive={false} />
                <Bar dataKey="calibrated" name={t('calibration.calibrated')} fill="#0072B2" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer></div>
          )}
        </>
      )}
      {!shown && <p className="hint">{t('calibration.nothing')}</p>}

      <h4>{t('calibration.setsTitle')}</h4>
      <ul className="saved" data-testid="parameter-sets">
        {sets.map((s) => (
          <li key={s.name}>
            <label>
              <input type="radio" name="parameter-set" checked={s.chosen} onChange={() => void choose(s.name)} data-testid={`set-${s.name}`} />
              {' '}<strong translate="no">{s.name}</strong> <span className="muted">{s.kind === 'default' ? t('calibration.shipped') : s.createdAt ? <Trans t={t} i18nKey="calibration.calibratedOn" values={{ date: loc.date({ dateStyle: 'medium' }).format(new Date(s.createdAt)) }} components={{ at: <bdi translate="no" /> }} /> : t('calibration.calibrated')}</span>
            </label>
            {s.kind === 'calibrated' && <span className="muted"><Trans t={t} i18nKey="calibration.setMultipliers" values={{ killed: fmt(s.multipliers.casualtyKilled), injured: fmt(s.multipliers.casualtyInjured), damage: fmt(s.multipliers.damage) }} components={{ n: <bdi /> }} /></span>}
          </li>
        ))}
      </ul>
      <p className="muted">{t('calibration.provenance')}</p>
    </section>
  );
}
