/**
 * The post-operation workspace (METHOD.md §7, issue 6): pick a saved operation, record what happened
 * (damage files, facility status, service outages, casualty reports), compare it with the estimate,
 * and calibrate. Reads and changes go through the query hooks of renderer/api/queries.ts; publishes the hits / misses / false alarms
 * of the comparison on screen to useOutcomeMap for the map.
 */
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';
import { apiKey, useApi, useApiMutation, useInvalidate } from '../api/queries';
import type { Output } from '../../core/api/contract';
import { useLocale } from '../i18n';
import { ComparisonView } from './ComparisonView';
import { CalibrationView } from './CalibrationView';
import { CasualtyReportForm } from './CasualtyReportForm';
import { DamageImportForm } from './DamageImportForm';
import { FacilityStatusForm } from './FacilityStatusForm';
import { DisplacementReportForm } from './DisplacementReportForm';
import type { PickOnMap } from '../editing/types';
import { ServiceOutageForm } from './ServiceOutageForm';
import { reviewedOperation, useOutcomeMap } from './outcome-map';
import { OBSERVED, describeRecorded, observationKindWord } from './forms';
import './postop.css';

type Tab = 'damage' | 'facility' | 'outage' | 'casualty' | 'displacement';

const TABS: readonly Tab[] = ['damage', 'facility', 'outage', 'casualty', 'displacement'];
const NO_OPERATIONS: Output<'operations.list'> = [];

/** The comparison was refused only because no assessment of the operation is stored yet. */
const needsAssessmentOf = (e: Error | null) => e instanceof ApiCallError && e.body.code === 'not_assessed';

export function PostopPanel({ datasetId, pickOnMap }: { datasetId: number; pickOnMap?: PickOnMap }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const id = (n: number) => loc.number({ useGrouping: false }).format(n);
  const operationsQuery = useApi('operations.list', { datasetId });
  const operations = operationsQuery.data ?? NO_OPERATIONS;
  const [chosenId, setOperationId] = useState<number | null>(null);
  // The chosen operation if it is in this dataset's list, else the latest saved one.
  const reviewing = operations.find((o) => o.id === chosenId) ?? operations.at(-1) ?? null;
  const operationId = reviewing?.id ?? null;
  const [tab, setTab] = useState<Tab>('casualty');
  const setOutcomes = useOutcomeMap((s) => s.setOutcomes);
  const setReviewed = useOutcomeMap((s) => s.setReviewed);
  const profilesQuery = useApi('profiles.list', {});
  const listQuery = useApi('observations.list', operationId === null ? null : { dataset: datasetId, operationId });
  const compareQuery = useApi('postop.compare', operationId === null ? null : { operationId });
  const needsAssessment = needsAssessmentOf(compareQuery.error);
  const reply = compareQuery.error ? null : compareQuery.data ?? null;
  const list = listQuery.data ?? null;
  const queryClient = useQueryClient();
  const assessing = useApiMutation('postop.compare');
  const removing = useApiMutation('observations.delete', OBSERVED);
  const invalidate = useInvalidate();
  const refresh = () => void invalidate(...OBSERVED);
  const assessNow = () => {
    if (operationId === null) return;
    assessing.mutate({ operationId, assessIfMissing: true }, { onSuccess: (r) => queryClient.setQueryData(apiKey('postop.compare', { operationId }), r) });
  };
  const busy = listQuery.isFetching || compareQuery.isFetching || assessing.isPending;
  const error = [operationsQuery.error, profilesQuery.error, listQuery.error, needsAssessment ? null : compareQuery.error, assessing.error, removing.error].find(Boolean)?.message ?? null;

  useEffect(() => { setOutcomes(reply ? reply.operationId : null, reply ? reply.comparison.map : null); }, [reply, setOutcomes]);
  useEffect(() => () => setOutcomes(null, null), [setOutcomes]);
  // The map shows the reviewed operation's areas and zones while this panel is open.
  const profiles = profilesQuery.data;
  useEffect(() => { setReviewed(reviewing ? reviewedOperation(reviewing.id, reviewing.operation, profiles ?? []) : null); }, [reviewing, profiles, setReviewed]);
  useEffect(() => () => setReviewed(null), [setReviewed]);

  const remove = (id: number) => removing.mutate({ id });

  if (!operations.length) {
    return (
      <div className="postop" data-testid="postop-panel">
        {error && <p className="error" role="alert">{error}</p>}
        <p className="hint">{t('postop.noOperation')}</p>
        <CalibrationView datasetId={datasetId} />
      </div>
    );
  }
  const ctx = operationId === null ? null : { datasetId, operationId };
  const recorded = list?.items.filter((o) => o.kind === 'facility_status' || o.kind === 'service_outage' || o.kind === 'casualty_report') ?? [];

  return (
    <div className="postop" data-testid="postop-panel">
      <section>
        <h3>{t('postop.operation')}</h3>
        <div className="row">
          <select value={operationId ?? ''} onChange={(e) => setOperationId(Number(e.target.value))} data-testid="postop-operation" aria-label={t('postop.savedOperation')}>
            {operations.map((o) => <option key={o.id} value={o.id} translate="no">{t('postop.operationOption', { name: o.operation.name, id: id(o.id) })}</option>)}
          </select>
          <button onClick={refresh} disabled={busy}>{busy ? t('postop.comparing') : t('postop.refresh')}</button>
        </div>
        {operationId !== null && (
          <p className="muted" data-testid="operation-id">
            <Trans t={t} i18nKey="postop.operationId" values={{ id: id(operationId), command: `uia observations compare --operation ${operationId}` }}
              components={{ id: <strong />, command: <code dir="ltr" translate="no" /> }} />
          </p>
        )}
        {list && (
          <p className="muted" data-testid="observation-counts">
            {t('postop.recorded', { list: Object.entries(list.byKind).map(([k, n]) => t('postop.recordedKind', { n: loc.number().format(n), kind: observationKindWord(k, loc) })).join(t('postop.listSeparator')) || t('postop.nothingYet') })}
          </p>
        )}
      </section>

      {ctx && (
        <section>
          <h3>{t('postop.recordTitle')}</h3>
          <div className="tabs postop-tabs" role="tablist">
            {TABS.map((k) => <button key={k} role="tab" aria-selected={tab === k} className={tab === k ? 'active' : ''} onClick={() => setTab(k)} data-testid={`record-tab-${k}`}>{t(`postop.tab.${k}`)}</button>)}
          </div>
          {tab === 'damage' && <DamageImportForm ctx={ctx} />}
          {tab === 'facility' && <FacilityStatusForm ctx={ctx} pickOnMap={pickOnMap} />}
          {tab === 'outage' && <ServiceOutageForm ctx={ctx} />}
          {tab === 'casualty' && <CasualtyReportForm ctx={ctx} />}
          {tab === 'displacement' && <DisplacementReportForm ctx={ctx} />}
          {recorded.length > 0 && (
            <table className="table postop-recorded" data-testid="recorded">
              <thead><tr><th>{t('postop.recordedTable.kind')}</th><th>{t('postop.recordedTable.what')}</th><th>{t('postop.recordedTable.source')}</th><th /></tr></thead>
              <tbody>
                {recorded.map((o) => (
                  <tr key={o.id}>
                    <td>{observationKindWord(o.kind, loc)}</td>
                    <td>{describeRecorded(o, loc)}</td>
                    <td><span translate="no">{o.source}</span>{o.operationId === null && <span className="muted"> {t('postop.wholeDataset')}</span>}</td>
                    <td><button className="link" onClick={() => remove(o.id)} aria-label={t('postop.deleteObservation', { id: id(o.id) })}>{t('postop.delete')}</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      <section>
        <h3>{t('postop.compareTitle')}</h3>
        {error && <p className="error" role="alert">{error}</p>}
        {needsAssessment && (
          <div className="area-card">
            <span>{t('postop.noAssessment')}</span>
            <button onClick={assessNow} disabled={busy} data-testid="assess-now">{t('postop.assessNow')}</button>
          </div>
        )}
        {reply && <ComparisonView reply={reply} />}
      </section>

      <CalibrationView datasetId={datasetId} />
    </div>
  );
}
