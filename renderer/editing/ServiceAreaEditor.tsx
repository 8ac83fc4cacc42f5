/** The selected facility's service areas: add the polygon drawn on the map, replace or delete one. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api/queries';
import { useLocale } from '../i18n';
import type { ArealGeometry } from '../../core/model/dataset';
import { ErrorLine } from './ErrorLine';
import { callSaving } from './saving';
import { EDITED, failure, type Detail, type Failure } from './types';

export function ServiceAreaEditor({ datasetId, detail, drawnArea, onChanged }: { datasetId: number; detail: Detail; drawnArea: ArealGeometry | null; onChanged(): void }) {
  const { t } = useTranslation('editing');
  const loc = useLocale();
  const count = (n: number) => ({ count: n, n: loc.number().format(n) });
  const [error, setError] = useState<Failure | null>(null);
  const upserting = useApiMutation('serviceAreas.upsert', EDITED, callSaving);
  const deleting = useApiMutation('serviceAreas.delete', EDITED, callSaving);
  const guard = async (f: () => Promise<unknown>) => {
    try { await f(); setError(null); onChanged(); } catch (e) { setError(failure(e)); }
  };
  const areas = detail.serviceAreas;
  const saveDrawn = (id?: string) => drawnArea && guard(() => upserting.mutateAsync({ datasetId, facilityId: detail.facility.id, geometry: drawnArea, ...(id ? { id } : {}) }));
  return (
    <section data-testid="service-areas">
      <h2>{t('areas.title')}</h2>
      {areas.length === 0 && <p className="muted">{t('areas.none')}</p>}
      {areas.map((a) => (
        <div key={a.id} className="row area-row" data-testid="service-area-row">
          <span><bdi translate="no">{a.id}</bdi> <span className="muted">{a.geometry.type === 'Polygon' ? t('areas.vertices', count(a.geometry.coordinates[0]!.length - 1)) : t('areas.parts', count(a.geometry.coordinates.length))}</span>
            {a.inferred && <span className="flag"> {t('dependencies.inferred')}</span>}</span>
          <span className="spacer" />
          {drawnArea && <button className="link" onClick={() => saveDrawn(a.id)} data-testid="replace-area">{t('areas.replace')}</button>}
          <button className="link" onClick={() => guard(() => deleting.mutateAsync({ datasetId, id: a.id }))} data-testid="delete-area">{t('common.delete')}</button>
        </div>
      ))}
      {drawnArea
        ? <button className="plain" onClick={() => saveDrawn()} data-testid="add-area">{t('areas.add')}</button>
        : <p className="hint">{t('areas.drawHint')}</p>}
      <ErrorLine error={error} testId="service-area-error" />
    </section>
  );
}
