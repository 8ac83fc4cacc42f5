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

const NO_OPERATIONS: Output<'operations.list'> = [];
type Comparison = Output<'assess.compare'>;

export function OptionsPanel({ datasetId }: { datasetId: number }) {
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
    const label = name.trim() || `Option ${String.fromCharCode(65 + saved.length)}`;
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
        <input placeholder={`Option ${String.fromCharCode(65 + saved.length)}`} value={name} onChange={(e) => setName(e.target.value)} aria-label="Option name" data-testid="option-name" />
        <button onClick={save} disabled={areas.length === 0} data-testid="save-option">Save current as option</button>
      </div>
      {(error ?? listed.error) && <p className="error" role="alert">{error ?? listed.error?.message}</p>}
      <ul className="saved">
        {saved.map((s) => (
          <li key={s.id}>
            <label><input type="checkbox" checked={selected.has(s.id)} onChange={() => toggle(s.id)} data-testid="option-check" /> {s.operation.name}</label>
            <span className="muted" data-testid="option-id">operation id {s.id}; {s.operation.areas.length} area(s), {s.operation.settings.timeOfDay}</span>
            <button className="link" onClick={() => { useWorkspace.getState().load(s.operation); }}>Load</button>
            <RunAndSave operationId={s.id} />
            <button className="link" onClick={() => deleting.mutate({ id: s.id })}>Delete</button>
          </li>
        ))}
      </ul>
      <button onClick={compare} disabled={selected.size < 2 || busy} data-testid="compare">{busy ? 'Comparing…' : `Compare ${selected.size} options`}</button>
      {comparison && <ComparisonView c={comparison} />}
    </div>
  );
}

/** A humanitarian figure of an option (issue 17): its interval, "no data" and why, or "not assessed" for results stored before it. */
function HumanitarianFigure({ r, pick }: { r: AssessmentResult; pick: (h: Humanitarian) => Interval | string }) {
  if (!r.humanitarian) return <span className="muted">not assessed</span>;
  const v = pick(r.humanitarian);
  return typeof v === 'string' ? <span className="nodata" title={v}>no data</span> : <IntervalText i={v} />;
}

function ComparisonView({ c }: { c: Comparison }) {
  const ranked = [...c.options].sort((a, b) => a.rank - b.rank);
  const tied = (n: string) => c.indistinguishable.filter((p) => p.a === n || p.b === n).map((p) => (p.a === n ? p.b : p.a));
  return (
    <div className="comparison" data-testid="comparison">
      <h3>Ranked by {c.rankedBy} (least harm first)</h3>
      <table className="table">
        <thead><tr><th>#</th><th>Option</th><th>Killed</th><th>Seriously inj.</th><th>Protected sites</th><th>People without water</th></tr></thead>
        <tbody>
          {ranked.map((o) => (
            <tr key={o.name}>
              <td>{o.rank}</td>
              <th>{o.name}{tied(o.name).length > 0 && <div className="flag" data-testid="indistinguishable">cannot be told apart from {tied(o.name).join(', ')}</div>}</th>
              <td><IntervalText i={o.result.casualties.killed} /></td>
              <td><IntervalText i={o.result.casualties.seriouslyInjured} /></td>
              <td>{o.result.protectedSites.length}</td>
              <td><SectorFigure o={o.result.infrastructure.sectors.water} field="peopleWithoutService" /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table" data-testid="comparison-humanitarian">
        <thead><tr><th>Option</th><th>People displaced</th><th>Pupils out of school</th><th>Pupil-days lost</th></tr></thead>
        <tbody>
          {ranked.map((o) => (
            <tr key={o.name}>
              <th>{o.name}</th>
              <td data-testid="option-displaced"><HumanitarianFigure r={o.result} pick={(h) => h.displacement.displaced} /></td>
              <td><HumanitarianFigure r={o.result} pick={(h) => (h.education.status === 'estimated' ? h.education.pupils : h.education.reason)} /></td>
              <td><HumanitarianFigure r={o.result} pick={(h) => (h.education.status === 'estimated' ? h.education.pupilDays : h.education.reason)} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <GroupedIntervalChart
        categories={['Killed', 'Seriously injured', 'Lightly injured']}
        series={ranked.map((o) => ({ name: o.name, values: [o.result.casualties.killed, o.result.casualties.seriouslyInjured, o.result.casualties.lightlyInjured] }))}
      />
      <p className="note">Where intervals overlap, the data cannot tell the options apart: choose on other grounds, or refine the data.</p>
    </div>
  );
}
