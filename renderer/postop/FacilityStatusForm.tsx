/** Record a facility's status after the operation: chosen from the dataset's facilities by search or by a click on the map. */
import { useMemo, useState } from 'react';
import { useApi } from '../api/queries';
import { DAMAGE_CLASS_KEYS } from '../../core/model/observation';
import { ChoiceField, FieldError, ObservationForm, TextField } from './fields';
import { emptyFacility, parseFacility, searchFacilities, type FacilityValues } from './forms';
import { useObservationForm } from './useObservationForm';
import { PickFacilityButton } from '../map/PickFacilityButton';
import type { PickOnMap } from '../editing/types';

type Ctx = { datasetId: number; operationId: number };
type FacilityChoice = { id: string; name: string; sector: string; kind: string };
const NO_FACILITIES: FacilityChoice[] = [];

export function FacilityStatusForm({ ctx, pickOnMap }: { ctx: Ctx; pickOnMap?: PickOnMap }) {
  const f = useObservationForm('observations.recordFacilityStatus', emptyFacility, (v: FacilityValues) => parseFacility(v, ctx), 'Facility status');
  // The same read as the map's layers, so the cache serves both.
  const layers = useApi('datasets.layers', { datasetId: ctx.datasetId });
  const facilities = useMemo(() => layers.data?.facilities.features.map((x) => x.properties as FacilityChoice)
    .sort((a, b) => a.sector.localeCompare(b.sector) || a.name.localeCompare(b.name)) ?? NO_FACILITIES, [layers.data]);
  const [query, setQuery] = useState('');
  const { v, set } = f;
  const errors = layers.error ? { ...f.errors, facilityId: `cannot list the facilities: ${layers.error.message}` } : f.errors;
  const matches = searchFacilities(facilities, query);
  const chosen = facilities.find((x) => x.id === v.facilityId);
  // The chosen facility stays listed while the search narrows to others.
  const shown = chosen && !matches.includes(chosen) ? [chosen, ...matches] : matches;
  return (
    <ObservationForm testId="facility" submitLabel="Record facility status" form={{ ...f, errors }}>
      <label>Facility (search by name, sector or kind)
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. hospital, pumping" data-testid="facility-search" />
        <select value={v.facilityId} onChange={(e) => set({ facilityId: e.target.value })} data-testid="facility-select" aria-label="Facility">
          <option value="">{facilities.length ? `choose one of ${shown.length.toLocaleString('en-GB')} facilities…` : 'no facility in this dataset'}</option>
          {shown.map((x) => <option key={x.id} value={x.id}>{x.name} — {x.sector}, {x.kind}</option>)}
        </select>
        <FieldError errors={errors} name="facilityId" />
      </label>
      {pickOnMap && <PickFacilityButton pickOnMap={pickOnMap} onPicked={(facilityId) => { setQuery(''); set({ facilityId }); }} />}
      <div className="postop-grid">
        <label className="inline"><input type="checkbox" checked={v.down} onChange={(e) => set({ down: e.target.checked, ...(e.target.checked ? {} : { daysToRestore: '' }) })} data-testid="facility-down" /> Out of service after the operation</label>
        <TextField label="Days until restored (blank if still down or unknown)" name="daysToRestore" inputMode="decimal" value={v.daysToRestore} disabled={!v.down}
          onChange={(daysToRestore) => set({ daysToRestore })} errors={errors} testId="facility-days" />
        <ChoiceField label="Damage seen" name="damage" value={v.damage} options={DAMAGE_CLASS_KEYS} blank="not seen" onChange={(damage) => set({ damage })} errors={errors} />
      </div>
    </ObservationForm>
  );
}
