/**
 * The post-operation workspace (METHOD.md §7, issue 6): pick a saved operation, record what happened
 * (damage files, facility status, service outages, casualty reports), compare it with the estimate,
 * and calibrate. Talks to the backend only through call(); publishes the hits / misses / false alarms
 * of the comparison on screen to useOutcomeMap for the map.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiCallError, call } from '../api/client';
import type { Output } from '../../core/api/contract';
import { ComparisonView } from './ComparisonView';
import { CalibrationView } from './CalibrationView';
import { CasualtyReportForm, DamageImportForm, FacilityStatusForm, ServiceOutageForm } from './ObservationForms';
import { reviewedOperation, useOutcomeMap } from './outcome-map';
import { describeRecorded } from './forms';
import './postop.css';

type Saved = Output<'operations.list'>[number];
type Reply = Output<'postop.compare'>;
type List = Output<'observations.list'>;
type Tab = 'damage' | 'facility' | 'outage' | 'casualty';

const TABS: [Tab, string][] = [['damage', 'Building damage'], ['facility', 'Facility status'], ['outage', 'Service outage'], ['casualty', 'Casualties']];

export function PostopPanel({ datasetId }: { datasetId: number }) {
  const [operations, setOperations] = useState<Saved[]>([]);
  const [operationId, setOperationId] = useState<number | null>(null);
  const [tab, setTab] = useState<Tab>('casualty');
  const [reply, setReply] = useState<Reply | null>(null);
  const [needsAssessment, setNeedsAssessment] = useState(false);
  const [list, setList] = useState<List | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const setOutcomes = useOutcomeMap((s) => s.setOutcomes);
  const setReviewed = useOutcomeMap((s) => s.setReviewed);
  const [profiles, setProfiles] = useState<Output<'profiles.list'>>([]);
  useEffect(() => { call('profiles.list', {}).then(setProfiles).catch((e) => setError((e as Error).message)); }, []);

  useEffect(() => {
    let live = true;
    setReply(null); setList(null); setOperationId(null);
    call('operations.list', { datasetId }).then((ops) => {
      if (!live) return;
      setOperations(ops);
      setOperationId(ops.length ? ops[ops.length - 1]!.id : null);
    }).catch((e) => live && setError((e as Error).message));
    return () => { live = false; };
  }, [datasetId]);

  const refresh = useCallback(async (opts: { assess?: boolean } = {}) => {
    if (operationId === null) return;
    setBusy(true); setError(null);
    try {
      setList(await call('observations.list', { dataset: datasetId, operationId }));
      const r = await call('postop.compare', { operationId, ...(opts.assess ? { assessIfMissing: true } : {}) });
      setReply(r); setNeedsAssessment(false);
      setOutcomes(operationId, r.comparison.map);
    } catch (e) {
      setReply(null); setOutcomes(null, null);
      if (e instanceof ApiCallError && e.body.code === 'not_found' && /assess it first/.test(e.body.message)) setNeedsAssessment(true);
      else setError((e as Error).message);
    } finally { setBusy(false); }
  }, [datasetId, operationId, setOutcomes]);

  useEffect(() => { void refresh(); }, [refresh]);
  useEffect(() => () => setOutcomes(null, null), [setOutcomes]);
  // The map shows the reviewed operation's areas and zones while this panel is open.
  const reviewing = operations.find((o) => o.id === operationId) ?? null;
  useEffect(() => { setReviewed(reviewing ? reviewedOperation(reviewing.id, reviewing.operation, profiles) : null); }, [reviewing, profiles, setReviewed]);
  useEffect(() => () => setReviewed(null), [setReviewed]);

  const remove = async (id: number) => {
    try { await call('observations.delete', { id }); await refresh(); } catch (e) { setError((e as Error).message); }
  };

  if (!operations.length) {
    return (
      <div className="postop" data-testid="postop-panel">
        {error && <p className="error" role="alert">{error}</p>}
        <p className="hint">No saved operation in this dataset. Save an option in the planner first; what happened is recorded against it.</p>
        <CalibrationView datasetId={datasetId} />
      </div>
    );
  }
  const ctx = operationId === null ? null : { datasetId, operationId };
  const recorded = list?.items.filter((o) => o.kind === 'facility_status' || o.kind === 'service_outage' || o.kind === 'casualty_report') ?? [];

  return (
    <div className="postop" data-testid="postop-panel">
      <section>
        <h3>Operation</h3>
        <div className="row">
          <select value={operationId ?? ''} onChange={(e) => setOperationId(Number(e.target.value))} data-testid="postop-operation" aria-label="Saved operation">
            {operations.map((o) => <option key={o.id} value={o.id}>{o.operation.name} — operation id {o.id}</option>)}
          </select>
          <button onClick={() => void refresh()} disabled={busy}>{busy ? 'Comparing…' : 'Refresh'}</button>
        </div>
        {operationId !== null && (
          <p className="muted" data-testid="operation-id">
            Operation id <strong>{operationId}</strong> (command line: <code>uia observations compare --operation {operationId}</code>). The map shows this operation's areas and zones.
          </p>
        )}
        {list && (
          <p className="muted" data-testid="observation-counts">
            Recorded: {Object.entries(list.byKind).map(([k, n]) => `${n.toLocaleString('en-GB')} ${k.replace(/_/g, ' ')}`).join(', ') || 'nothing yet'}
          </p>
        )}
      </section>

      {ctx && (
        <section>
          <h3>Record what happened</h3>
          <div className="tabs postop-tabs" role="tablist">
            {TABS.map(([t, label]) => <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => setTab(t)}>{label}</button>)}
          </div>
          {tab === 'damage' && <DamageImportForm ctx={ctx} onImported={() => void refresh()} />}
          {tab === 'facility' && <FacilityStatusForm ctx={ctx} onRecorded={() => void refresh()} />}
          {tab === 'outage' && <ServiceOutageForm ctx={ctx} onRecorded={() => void refresh()} />}
          {tab === 'casualty' && <CasualtyReportForm ctx={ctx} onRecorded={() => void refresh()} />}
          {recorded.length > 0 && (
            <table className="table postop-recorded" data-testid="recorded">
              <thead><tr><th>Kind</th><th>What</th><th>Source</th><th /></tr></thead>
              <tbody>
                {recorded.map((o) => (
                  <tr key={o.id}>
                    <td>{o.kind.replace(/_/g, ' ')}</td>
                    <td>{describeRecorded(o)}</td>
                    <td>{o.source}{o.operationId === null && <span className="muted"> (whole dataset)</span>}</td>
                    <td><button className="link" onClick={() => void remove(o.id)} aria-label={`Delete observation ${o.id}`}>delete</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      <section>
        <h3>Estimate against outcome</h3>
        {error && <p className="error" role="alert">{error}</p>}
        {needsAssessment && (
          <div className="area-card">
            <span>This operation has no stored assessment to compare with.</span>
            <button onClick={() => void refresh({ assess: true })} disabled={busy} data-testid="assess-now">Assess now</button>
          </div>
        )}
        {reply && <ComparisonView reply={reply} />}
      </section>

      <CalibrationView datasetId={datasetId} />
    </div>
  );
}
