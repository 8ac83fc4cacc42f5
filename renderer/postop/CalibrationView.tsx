/**
 * Calibration (METHOD.md §7): the calibrated multipliers beside the default (all 1) with their 90%
 * posterior interval and leave-one-out error, a chart of that error, and the choice of the parameter
 * set future assessments use (recorded in their provenance).
 */
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi, useApiMutation } from '../api/queries';
import type { Output } from '../../core/api/contract';
import type { Multiplier } from '../../core/postop/calibrate';

type Calibration = Output<'postop.calibrate'>;

const NO_SETS: Output<'parameters.sets.list'> = [];
const fmt = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '–' : x.toFixed(d));

/** Rows of the calibration table: casualty multipliers, the pooled damage multiplier, then one per zone key. */
export function multiplierRows(c: Calibration['calibration']): { key: string; label: string; m: Multiplier }[] {
  const m = c.multipliers;
  return [
    { key: 'casualtyKilled', label: 'Killed rates', m: m.casualtyKilled },
    { key: 'casualtyInjured', label: 'Injured rates', m: m.casualtyInjured },
    { key: 'damage', label: 'Damage, all zones (pooled)', m: m.damage },
    ...Object.entries(m.damageByZone).map(([k, v]) => ({ key: `damage.${k}`, label: `Damage, zone ${k}`, m: v })),
  ];
}

export function CalibrationView({ datasetId }: { datasetId: number }) {
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
  const rows = shown ? multiplierRows(shown) : [];
  const loo = rows.filter((r) => r.m.loo.default !== null).map((r) => ({ label: r.label, Default: r.m.loo.default, Calibrated: r.m.loo.calibrated }));

  return (
    <section className="postop-calibration" data-testid="calibration">
      <h3>Calibration across recorded operations</h3>
      <div className="row">
        <select value={scope} onChange={(e) => setScope(e.target.value as 'dataset' | 'all')} aria-label="Operations to calibrate on">
          <option value="dataset">operations of this dataset</option>
          <option value="all">operations of every dataset</option>
        </select>
        <button onClick={run} disabled={busy} data-testid="calibrate">{busy ? 'Calibrating…' : 'Calibrate'}</button>
      </div>
      {(error ?? setsQuery.error) && <p className="error" role="alert">{error ?? setsQuery.error?.message}</p>}
      {result && (
        <p className="muted">
          Used {result.used.length} operation(s): {result.used.map((u) => u.name).join(', ')}.
          {result.skipped.length > 0 && ` Left out: ${result.skipped.map((s) => `${s.name} (${s.reason})`).join('; ')}.`}
          {result.savedAs && ` Stored as parameter set “${result.savedAs}”.`}
        </p>
      )}
      {shown && (
        <>
          <table className="table" data-testid="calibration-table">
            <thead><tr><th>Multiplier</th><th>Default</th><th>Calibrated (90%)</th><th>Evidence</th><th>Leave-one-out error: default / calibrated</th></tr></thead>
            <tbody>
              {rows.map(({ key, label, m }) => (
                <tr key={key}>
                  <td>{label}</td>
                  <td>1</td>
                  <td><strong>{fmt(m.calibrated)}</strong> <span className="muted">({fmt(m.p05)}–{fmt(m.p95)})</span></td>
                  <td>{m.n} {key.startsWith('casualty') ? 'operation(s)' : 'buildings'}</td>
                  <td>
                    {fmt(m.loo.default)} / {fmt(m.loo.calibrated)}
                    {m.loo.helps === true && <span className="postop-flag in"> calibration helps</span>}
                    {m.loo.helps === false && <span className="postop-flag out"> no better</span>}
                    {m.loo.operations < 2 && <span className="muted"> (needs 2+ operations)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Leave-one-out error: each operation predicted from the others, mean |ln((observed+1)/(predicted+1))|; 0 is exact, 0.69 is off by a factor of 2. Casualty intervals assume Poisson counts and are narrower than the truth.</p>
          {loo.length > 0 && (
            <ResponsiveContainer width="100%" height={40 + loo.length * 36}>
              <BarChart data={loo} layout="vertical" margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
                <CartesianGrid horizontal={false} stroke="#eee" />
                <XAxis type="number" fontSize={11} />
                <YAxis type="category" dataKey="label" width={130} fontSize={11} />
                <Tooltip formatter={(v) => Number(v).toFixed(3)} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="Default" fill="#999999" isAnimationActive={false} />
                <Bar dataKey="Calibrated" fill="#0072B2" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </>
      )}
      {!shown && <p className="hint">Record outcomes and assess at least one operation, then calibrate.</p>}

      <h4>Parameter set for future assessments</h4>
      <ul className="saved" data-testid="parameter-sets">
        {sets.map((s) => (
          <li key={s.name}>
            <label>
              <input type="radio" name="parameter-set" checked={s.chosen} onChange={() => void choose(s.name)} data-testid={`set-${s.name}`} />
              {' '}<strong>{s.name}</strong> <span className="muted">{s.kind === 'default' ? 'shipped with the app (values and sources in METHOD.md)' : `calibrated ${s.createdAt ? new Date(s.createdAt).toLocaleDateString('en-GB') : ''}`}</span>
            </label>
            {s.kind === 'calibrated' && <span className="muted">killed ×{fmt(s.multipliers.casualtyKilled)}, injured ×{fmt(s.multipliers.casualtyInjured)}, damage ×{fmt(s.multipliers.damage)}</span>}
          </li>
        ))}
      </ul>
      <p className="muted">The chosen set’s name is stored in each new assessment’s provenance.</p>
    </section>
  );
}
