/**
 * Saved options and their comparison: save the working operation under a name, load one back,
 * and compare several side by side (table and chart), marking those the data cannot tell apart.
 */
import { useState } from 'react';
import { useApi, useApiMutation } from '../api/queries';
import type { Output } from '../../core/api/contract';
import { toOperation, useWorkspace } from '../workspace/store';
import { IntervalText } from '../results/ResultsPanel';
import { SectorFigure } from '../results/SectorFigure';
import { GroupedIntervalChart } from '../results/charts';
import { RunAndSave } from './RunAndSave';
import type { AssessmentResult, Humanitarian, Interval } from '../../core/model/assessment';
import { SEVERITIES } from '../../core/model/assessment';
import { formatCount } from '../../core/model/format';
import { labelsFor } from '../../core/report/labels';
import { engineWords } from '../../core/report/engine-words';
import { useTranslation } from 'react-i18next';
import { fill, useLocale } from '../i18n';
import type { TFunction } from 'i18next';

/** The name a saved option gets when none is typed: Option A, B, … in the reader's words. */
const defaultName = (t: TFunction<'ui'>, n: number) => t('options.defaultName', { letter: String.fromCharCode(65 + n) });

const NO_OPERATIONS: Output<'operations.list'> = [];
type Comparison = Output<'assess.compare'>;

export function OptionsPanel({ datasetId }: { datasetId: number }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const listed = useApi('operations.list', { datasetId });
  const saved = listed.data ?? NO_OPERATIONS;
  const saving = useApiMutation('operations.save', ['operations.list']);
  const deleting = useApiMutation('operations.delete', ['operations.list']);
  const comparing = useApiMutation('assess.compare');
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const busy = comparing.isPending;
  const [error, setError] = useState<string | null>(null);
  const areas = useWorkspace((s) => s.areas);

  const save = async () => {
    const label = name.trim() || defaultName(t, saved.length);
    const operation = { ...toOperation(useWorkspace.getState()), name: label };
    try {
      await saving.mutateAsync({ datasetId, operation });
      setName(''); setError(null);
    } catch (e) { setError((e as Error).message); }
  };

  const compare = async () => {
    const ops = saved.filter((s) => selected.has(s.id)).map((s) => s.operation);
    setError(null);
    try { setComparison(await comparing.mutateAsync({ datasetId, operations: ops })); } catch (e) { setError((e as Error).message); }
  };

  const toggle = (id: number) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });

  return (
    <div className="options" data-testid="options">
      <div className="row">
        <input placeholder={defaultName(t, saved.length)} value={name} onChange={(e) => setName(e.target.value)} aria-label={t('options.nameLabel')} data-testid="option-name" />
        <button onClick={save} disabled={areas.length === 0} data-testid="save-option">{t('options.save')}</button>
      </div>
      {(error ?? listed.error) && <p className="error" role="alert">{error ?? listed.error?.message}</p>}
      <ul className="saved">
        {saved.map((s) => (
          <li key={s.id}>
            <label><input type="checkbox" checked={selected.has(s.id)} onChange={() => toggle(s.id)} data-testid="option-check" /> <span translate="no">{s.operation.name}</span></label>
            <span className="muted" data-testid="option-id">{fill((v) => t('options.summary', { ...v, count: s.operation.areas.length }), { id: String(s.id), areas: formatCount(s.operation.areas.length, loc), time: labelsFor(loc).time[s.operation.settings.timeOfDay].toLocaleLowerCase(loc.lang) })}</span>
            <button className="link" onClick={() => { useWorkspace.getState().load(s.operation); }}>{t('options.load')}</button>
            <RunAndSave operationId={s.id} />
            <button className="link" onClick={() => deleting.mutate({ id: s.id })}>{t('options.delete')}</button>
          </li>
        ))}
      </ul>
      <button onClick={compare} disabled={selected.size < 2 || busy} data-testid="compare">{busy ? t('options.comparing') : t('options.compare', { count: selected.size, n: formatCount(selected.size, loc) })}</button>
      {comparison && <ComparisonView c={comparison} />}
    </div>
  );
}

/** A humanitarian figure of an option (issue 17): its interval, "no data" and why, or "not assessed" for results stored before it. */
function HumanitarianFigure({ r, pick }: { r: AssessmentResult; pick: (h: Humanitarian) => Interval | string }) {
  const { t } = useTranslation();
  const loc = useLocale();
  if (!r.humanitarian) return <span className="muted">{t('options.notAssessed')}</span>;
  const v = pick(r.humanitarian);
  return typeof v === 'string' ? <span className="nodata" title={engineWords(v, loc)}>{t('options.noData')}</span> : <IntervalText i={v} />;
}

function ComparisonView({ c }: { c: Comparison }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const L = labelsFor(loc);
  const ranked = [...c.options].sort((a, b) => a.rank - b.rank);
  const tied = (n: string) => c.indistinguishable.filter((p) => p.a === n || p.b === n).map((p) => (p.a === n ? p.b : p.a));
  return (
    <div className="comparison" data-testid="comparison">
      {/* c.rankedBy names the one measure core/engine/compare.ts ranks by, said here in the reader's words. */}
      <h3>{t('options.rankedBy', { level: loc.number({ style: 'percent' }).format(0.9) })}</h3>
      <table className="table">
        <thead><tr><th>{t('options.rank')}</th><th>{t('options.option')}</th><th>{L.severity.killed}</th><th>{L.severity.seriouslyInjured}</th><th>{t('options.protectedSites')}</th><th>{t('options.withoutWater')}</th></tr></thead>
        <tbody>
          {ranked.map((o) => (
            <tr key={o.name}>
              <td><bdi>{formatCount(o.rank, loc)}</bdi></td>
              <th><span translate="no">{o.name}</span>{tied(o.name).length > 0 && <div className="flag" data-testid="indistinguishable">{fill((v) => t('options.tied', v), { names: <span translate="no">{tied(o.name).join(t('options.nameSeparator'))}</span> })}</div>}</th>
              <td><IntervalText i={o.result.casualties.killed} /></td>
              <td><IntervalText i={o.result.casualties.seriouslyInjured} /></td>
              <td><bdi>{formatCount(o.result.protectedSites.length, loc)}</bdi></td>
              <td><SectorFigure o={o.result.infrastructure.sectors.water} field="peopleWithoutService" /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table" data-testid="comparison-humanitarian">
        <thead><tr><th>{t('options.option')}</th><th>{t('options.displaced')}</th><th>{t('options.outOfSchool')}</th><th>{t('options.pupilDays')}</th></tr></thead>
        <tbody>
          {ranked.map((o) => (
            <tr key={o.name}>
              <th translate="no">{o.name}</th>
              <td data-testid="option-displaced"><HumanitarianFigure r={o.result} pick={(h) => h.displacement.displaced} /></td>
              <td><HumanitarianFigure r={o.result} pick={(h) => (h.education.status === 'estimated' ? h.education.pupils : h.education.reason)} /></td>
              <td><HumanitarianFigure r={o.result} pick={(h) => (h.education.status === 'estimated' ? h.education.pupilDays : h.education.reason)} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <GroupedIntervalChart
        categories={SEVERITIES.map((s) => L.severity[s])}
        series={ranked.map((o) => ({ name: o.name, values: [o.result.casualties.killed, o.result.casualties.seriouslyInjured, o.result.casualties.lightlyInjured] }))}
      />
      <p className="note">{t('options.overlapNote')}</p>
    </div>
  );
}
