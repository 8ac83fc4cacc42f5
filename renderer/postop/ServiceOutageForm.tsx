/** Record a service outage: which service, how many people lost it, for how many days. */
import { SECTORS } from '../../core/model/dataset';
import { ChoiceField, ObservationForm, TextField } from './fields';
import { emptyOutage, parseOutage, type OutageValues } from './forms';
import { useObservationForm } from './useObservationForm';

export function ServiceOutageForm({ ctx }: { ctx: { datasetId: number; operationId: number } }) {
  const f = useObservationForm('observations.recordServiceOutage', emptyOutage, (v: OutageValues) => parseOutage(v, ctx), 'Service outage');
  const { v, set, errors } = f;
  return (
    <ObservationForm testId="outage" submitLabel="Record outage" form={f}>
      <div className="postop-grid">
        <ChoiceField label="Service" name="sector" value={v.sector} options={SECTORS} blank="choose…" onChange={(sector) => set({ sector })} errors={errors} testId="outage-sector" />
        <TextField label="People without it" name="people" inputMode="numeric" value={v.people} onChange={(people) => set({ people })} errors={errors} testId="outage-people" />
        <TextField label="Days (mean)" name="days" inputMode="decimal" value={v.days} onChange={(days) => set({ days })} errors={errors} testId="outage-days" />
      </div>
    </ObservationForm>
  );
}
