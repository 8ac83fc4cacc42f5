/** Edit, move or delete the selected facility; only the fields changed are sent. */
import { useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Input } from '../../core/api/contract';
import { useApiMutation } from '../api/queries';
import { useLocale } from '../i18n';
import { FacilityFields } from './FacilityFields';
import { ErrorLine } from './ErrorLine';
import { capacityOf, draftOf, localCheck, pointOf, type FacilityDraft } from './facility-draft';
import { callSaving } from './saving';
import { EDITED, failure, type Detail, type Failure, type Pick } from './types';

/** Where the API's field paths of a facility update start (an error's field names the box to mark). */
const FIELDS = 'changes.';

export function FacilityForm({ datasetId, detail, pick, onSaved, onDeleted }: {
  datasetId: number; detail: Detail; pick?: Pick; onSaved(): void; onDeleted(): void;
}) {
  const { t } = useTranslation('editing');
  const loc = useLocale();
  const f = detail.facility;
  const original = useMemo(() => draftOf(f), [f]);
  const [draft, setDraft] = useState<FacilityDraft>(original);
  const [error, setError] = useState<Failure | null>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(original);

  const updating = useApiMutation('facilities.update', EDITED, callSaving);
  const deleting = useApiMutation('facilities.delete', EDITED, callSaving);
  const save = async () => {
    const local = localCheck(draft, FIELDS, loc);
    if (local) { setError(local); return; }
    const changes: Input<'facilities.update'>['changes'] = {};
    if (draft.name !== original.name) changes.name = draft.name;
    if (draft.sector !== original.sector) changes.sector = draft.sector;
    if (draft.kind !== original.kind) changes.kind = draft.kind;
    if (draft.construction !== original.construction) changes.construction = draft.construction;
    if (draft.beds !== original.beds || draft.peopleServed !== original.peopleServed || draft.mw !== original.mw) changes.capacity = capacityOf(draft);
    if (draft.lon !== original.lon || draft.lat !== original.lat) changes.geometry = pointOf(draft);
    try {
      await updating.mutateAsync({ datasetId, id: f.id, changes });
      setError(null);
      onSaved();
    } catch (e) { setError(failure(e)); }
  };
  const remove = async () => {
    const n = detail.dependencies.length; const a = detail.serviceAreas.length;
    const question = n || a
      ? t('facility.confirmDeleteWith', { name: f.name || f.id, dependencies: t('facility.dependencies', { count: n, n: loc.number().format(n) }), areas: t('facility.serviceAreas', { count: a, n: loc.number().format(a) }) })
      : t('facility.confirmDelete', { name: f.name || f.id });
    if (!window.confirm(question)) return;
    try { await deleting.mutateAsync({ datasetId, id: f.id }); setError(null); onDeleted(); } catch (e) { setError(failure(e)); }
  };
  return (
    <section className="edit-card" data-testid="facility-form">
      <h2><bdi translate="no">{f.name || f.id}</bdi> <span className="muted"><Trans t={t} i18nKey="facility.idAndSource" values={{ id: f.id, source: f.source }} components={{ id: <bdi translate="no" />, origin: <bdi translate="no" /> }} /></span></h2>
      <FacilityFields draft={draft} set={(p) => setDraft((d) => ({ ...d, ...p }))} error={error} prefix={FIELDS} pick={pick} pickLabel={t('facility.pickMoved', { name: f.name || f.id })} />
      <ErrorLine error={error} testId="facility-error" />
      <div className="row right">
        <button className="plain danger" onClick={remove} data-testid="delete-facility">{t('common.delete')}</button>
        <button className="plain" onClick={() => { setDraft(original); setError(null); }} disabled={!dirty}>{t('facility.reset')}</button>
        <button onClick={save} disabled={!dirty} data-testid="save-facility">{t('facility.save')}</button>
      </div>
    </section>
  );
}
