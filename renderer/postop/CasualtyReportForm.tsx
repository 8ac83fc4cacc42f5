/** Record a casualty report: killed, injured, seriously injured, and a breakdown by group where the source gives one. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUPS, type Group } from '../../core/model/assessment';
import { useLocale } from '../i18n';
import { ObservationForm, TextField } from './fields';
import { emptyCasualty, parseCasualty, type CasualtyValues } from './forms';
import { useObservationForm } from './useObservationForm';

/** The counts a group's row holds. */
const COUNTS = ['killed', 'injured'] as const;

export function CasualtyReportForm({ ctx }: { ctx: { datasetId: number; operationId: number } }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const f = useObservationForm('observations.recordCasualtyReport', emptyCasualty, (v: CasualtyValues) => parseCasualty(v, ctx, loc), t('record.saved.casualty'));
  const { v, set, errors } = f;
  const [groups, setGroups] = useState(false);
  const setGroup = (g: Group, k: 'killed' | 'injured', value: string) =>
    set({ byGroup: { ...v.byGroup, [g]: { killed: '', injured: '', ...v.byGroup[g], [k]: value } } });
  return (
    <ObservationForm testId="casualty" submitLabel={t('record.submit.casualty')} form={f}>
      <div className="postop-grid">
        <TextField label={t('record.casualty.killed')} name="killed" inputMode="numeric" value={v.killed} onChange={(killed) => set({ killed })} errors={errors} testId="casualty-killed" />
        <TextField label={t('record.casualty.injured')} name="injured" inputMode="numeric" value={v.injured} onChange={(injured) => set({ injured })} errors={errors} testId="casualty-injured" />
        <TextField label={t('record.casualty.serious')} name="seriouslyInjured" inputMode="numeric" value={v.seriouslyInjured} onChange={(seriouslyInjured) => set({ seriouslyInjured })} errors={errors} testId="casualty-serious" />
      </div>
      <button type="button" className="link" onClick={() => setGroups(!groups)}>{groups ? t('record.casualty.hideGroups') : t('record.casualty.addGroups')}</button>
      {groups && (
        <table className="table postop-groups">
          <thead><tr><th>{t('record.casualty.group')}</th><th>{t('record.casualty.killed')}</th><th>{t('record.casualty.injuredShort')}</th></tr></thead>
          <tbody>
            {GROUPS.map((g) => (
              <tr key={g}>
                <td>{t(`group.${g}`)}</td>
                {COUNTS.map((k) => (
                  <td key={k}><TextField name={`byGroup.${g}.${k}`} inputMode="numeric" value={v.byGroup[g]?.[k] ?? ''} onChange={(x) => setGroup(g, k, x)} errors={errors} /></td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ObservationForm>
  );
}
