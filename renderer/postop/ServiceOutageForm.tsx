/** Record a service outage: which service, how many people lost it, for how many days. */
import { useTranslation } from 'react-i18next';
import { SECTORS } from '../../core/model/dataset';
import { useLocale } from '../i18n';
import { ChoiceField, ObservationForm, TextField } from './fields';
import { emptyOutage, parseOutage, type OutageValues } from './forms';
import { useObservationForm } from './useObservationForm';
import { sectorWord } from '../editing/enum-words';

export function ServiceOutageForm({ ctx }: { ctx: { datasetId: number; operationId: number } }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const f = useObservationForm('observations.recordServiceOutage', emptyOutage, (v: OutageValues) => parseOutage(v, ctx, loc), t('record.saved.outage'));
  const { v, set, errors } = f;
  return (
    <ObservationForm testId="outage" submitLabel={t('record.submit.outage')} form={f}>
      <div className="postop-grid">
        <ChoiceField label={t('record.outage.service')} name="sector" value={v.sector} options={SECTORS} word={(s) => sectorWord(s, loc)} blank={t('form.choose')}
          onChange={(sector) => set({ sector })} errors={errors} testId="outage-sector" />
        <TextField label={t('record.outage.people')} name="people" inputMode="numeric" value={v.people} onChange={(people) => set({ people })} errors={errors} testId="outage-people" />
        <TextField label={t('record.outage.days')} name="days" inputMode="decimal" value={v.days} onChange={(days) => set({ days })} errors={errors} testId="outage-days" />
      </div>
    </ObservationForm>
  );
}
