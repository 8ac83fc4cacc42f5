/** Record a displacement report (e.g. displacement tracking): people displaced, of them in public shelter, and by group where the source gives it. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUPS } from '../../core/model/assessment';
import { useLocale } from '../i18n';
import { ObservationForm, TextField } from './fields';
import { emptyDisplacement, parseDisplacement, type DisplacementValues } from './forms';
import { useObservationForm } from './useObservationForm';

export function DisplacementReportForm({ ctx }: { ctx: { datasetId: number; operationId: number } }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const f = useObservationForm('observations.recordDisplacementReport', emptyDisplacement, (v: DisplacementValues) => parseDisplacement(v, ctx, loc), t('record.saved.displacement'));
  const { v, set, errors } = f;
  const [groups, setGroups] = useState(false);
  return (
    <ObservationForm testId="displacement" submitLabel={t('record.submit.displacement')} form={f}>
      <div className="postop-grid">
        <TextField label={t('record.displacement.displaced')} name="displaced" inputMode="numeric" value={v.displaced} onChange={(displaced) => set({ displaced })} errors={errors} testId="displacement-displaced" />
        <TextField label={t('record.displacement.shelter')} name="inPublicShelter" inputMode="numeric" value={v.inPublicShelter} onChange={(inPublicShelter) => set({ inPublicShelter })} errors={errors} testId="displacement-shelter" />
      </div>
      <button type="button" className="link" onClick={() => setGroups(!groups)}>{groups ? t('record.casualty.hideGroups') : t('record.casualty.addGroups')}</button>
      {groups && (
        <table className="table postop-groups">
          <thead><tr><th>{t('record.casualty.group')}</th><th>{t('record.displacement.displacedShort')}</th></tr></thead>
          <tbody>
            {GROUPS.map((g) => (
              <tr key={g}>
                <td>{t(`group.${g}`)}</td>
                <td><TextField name={`byGroup.${g}`} inputMode="numeric" value={v.byGroup[g] ?? ''} onChange={(x) => set({ byGroup: { ...v.byGroup, [g]: x } })} errors={errors} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ObservationForm>
  );
}
