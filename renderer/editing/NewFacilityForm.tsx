/** Add a facility: its fields, with the location asked on the map straight away when map clicks are wired. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api/queries';
import { useLocale } from '../i18n';
import { FacilityFields } from './FacilityFields';
import { ErrorLine } from './ErrorLine';
import { capacityOf, localCheck, pointOf, type FacilityDraft } from './facility-draft';
import { callSaving } from './saving';
import { EDITED, failure, type Failure, type Pick } from './types';

/** Where the API's field paths of a new facility start (an error's field names the box to mark). */
const FIELDS = 'facility.';

export function NewFacilityForm({ datasetId, pick, onCancel, onCreated }: {
  datasetId: number; pick?: Pick; onCancel(): void; onCreated(id: string): void;
}) {
  const { t } = useTranslation('editing');
  const loc = useLocale();
  const [draft, setDraft] = useState<FacilityDraft>({ name: '', sector: 'health', kind: 'clinic', construction: 'rc', beds: '', peopleServed: '', mw: '', lon: '', lat: '' });
  const [error, setError] = useState<Failure | null>(null);
  const asked = useRef(false);
  useEffect(() => {
    // Ask for the location on the map straight away when the app wired map clicks.
    if (pick && !asked.current) { asked.current = true; pick(t('facility.pickNew'), (p) => setDraft((d) => ({ ...d, lon: p.lonLat[0].toFixed(6), lat: p.lonLat[1].toFixed(6) }))); }
  }, [pick]);
  const creating = useApiMutation('facilities.create', EDITED, callSaving);
  const create = async () => {
    const local = localCheck(draft, FIELDS, loc);
    if (local) { setError(local); return; }
    try {
      const r = await creating.mutateAsync({ datasetId, facility: {
        name: draft.name.trim(), sector: draft.sector, kind: draft.kind, construction: draft.construction,
        capacity: capacityOf(draft), geometry: pointOf(draft),
      } });
      setError(null);
      onCreated(r.facility.id);
    } catch (e) { setError(failure(e)); }
  };
  return (
    <div className="edit-card" data-testid="new-facility">
      <h3>{t('facility.new')}</h3>
      <FacilityFields draft={draft} set={(p) => setDraft((d) => ({ ...d, ...p }))} error={error} prefix={FIELDS} pick={pick} pickLabel={t('facility.pickNew')} />
      <ErrorLine error={error} testId="new-facility-error" />
      <div className="row right">
        <button className="plain" onClick={onCancel}>{t('common.cancel')}</button>
        <button onClick={create} data-testid="create-facility">{t('facility.add')}</button>
      </div>
    </div>
  );
}
