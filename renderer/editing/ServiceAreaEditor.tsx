/** The selected facility's service areas: add the polygon drawn on the map, replace or delete one. */
import { useState } from 'react';
import { useApiMutation } from '../api/queries';
import type { ArealGeometry } from '../../core/model/dataset';
import { ErrorLine } from './ErrorLine';
import { callSaving } from './saving';
import { EDITED, failure, type Detail, type Failure } from './types';

export function ServiceAreaEditor({ datasetId, detail, drawnArea, onChanged }: { datasetId: number; detail: Detail; drawnArea: ArealGeometry | null; onChanged(): void }) {
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
      <h2>Service area</h2>
      {areas.length === 0 && <p className="muted">None stored: the engine uses the nearest facility of the kind (Voronoi) for this one.</p>}
      {areas.map((a) => (
        <div key={a.id} className="row area-row" data-testid="service-area-row">
          <span>{a.id} <span className="muted">{a.geometry.type === 'Polygon' ? `${a.geometry.coordinates[0]!.length - 1} vertices` : `${a.geometry.coordinates.length} parts`}</span>
            {a.inferred && <span className="flag"> inferred</span>}</span>
          <span className="spacer" />
          {drawnArea && <button className="link" onClick={() => saveDrawn(a.id)} data-testid="replace-area">Replace with drawn area</button>}
          <button className="link" onClick={() => guard(() => deleting.mutateAsync({ datasetId, id: a.id }))} data-testid="delete-area">Delete</button>
        </div>
      ))}
      {drawnArea
        ? <button className="plain" onClick={() => saveDrawn()} data-testid="add-area">Add the drawn area as a service area</button>
        : <p className="hint">Draw a polygon on the map to give this facility a service area.</p>}
      <ErrorLine error={error} testId="service-area-error" />
    </section>
  );
}
