/** Edit, move or delete the selected facility; only the fields changed are sent. */
import { useMemo, useState } from 'react';
import type { Input } from '../../core/api/contract';
import { useApiMutation } from '../api/queries';
import { FacilityFields } from './FacilityFields';
import { ErrorLine } from './ErrorLine';
import { capacityOf, draftOf, localCheck, pointOf, type FacilityDraft } from './facility-draft';
import { callSaving } from './saving';
import { EDITED, failure, type Detail, type Failure, type Pick } from './types';

export function FacilityForm({ datasetId, detail, pick, onSaved, onDeleted }: {
  datasetId: number; detail: Detail; pick?: Pick; onSaved(): void; onDeleted(): void;
}) {
  const f = detail.facility;
  const original = useMemo(() => draftOf(f), [f]);
  const [draft, setDraft] = useState<FacilityDraft>(original);
  const [error, setError] = useState<Failure | null>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(original);

  const updating = useApiMutation('facilities.update', EDITED, callSaving);
  const deleting = useApiMutation('facilities.delete', EDITED, callSaving);
  const save = async () => {
    const local = localCheck(draft, 'changes.');
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
    if (!window.confirm(`Delete ${f.name || f.id}${n || a ? ` with its ${n} dependencies and ${a} service areas` : ''}? Undo restores them.`)) return;
    try { await deleting.mutateAsync({ datasetId, id: f.id }); setError(null); onDeleted(); } catch (e) { setError(failure(e)); }
  };
  return (
    <section className="edit-card" data-testid="facility-form">
      <h2>{f.name || f.id} <span className="muted">{f.id} · source: {f.source}</span></h2>
      <FacilityFields draft={draft} set={(p) => setDraft((d) => ({ ...d, ...p }))} error={error} prefix="changes." pick={pick} pickLabel={`Click on the map where ${f.name || f.id} is now.`} />
      <ErrorLine error={error} testId="facility-error" />
      <div className="row right">
        <button className="plain danger" onClick={remove} data-testid="delete-facility">Delete</button>
        <button className="plain" onClick={() => { setDraft(original); setError(null); }} disabled={!dirty}>Reset</button>
        <button onClick={save} disabled={!dirty} data-testid="save-facility">Save changes</button>
      </div>
    </section>
  );
}
