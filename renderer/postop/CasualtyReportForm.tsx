/** Record a casualty report: killed, injured, seriously injured, and a breakdown by group where the source gives one. */
import { useState } from 'react';
import { GROUPS, type Group } from '../../core/model/assessment';
import { ObservationForm, TextField } from './fields';
import { emptyCasualty, parseCasualty, type CasualtyValues } from './forms';
import { useObservationForm } from './useObservationForm';

export function CasualtyReportForm({ ctx }: { ctx: { datasetId: number; operationId: number } }) {
  const f = useObservationForm('observations.recordCasualtyReport', emptyCasualty, (v: CasualtyValues) => parseCasualty(v, ctx), 'Casualty report');
  const { v, set, errors } = f;
  const [groups, setGroups] = useState(false);
  const setGroup = (g: Group, k: 'killed' | 'injured', value: string) =>
    set({ byGroup: { ...v.byGroup, [g]: { killed: '', injured: '', ...v.byGroup[g], [k]: value } } });
  return (
    <ObservationForm testId="casualty" submitLabel="Record casualty report" form={f}>
      <div className="postop-grid">
        <TextField label="Killed" name="killed" inputMode="numeric" value={v.killed} onChange={(killed) => set({ killed })} errors={errors} testId="casualty-killed" />
        <TextField label="Injured (all)" name="injured" inputMode="numeric" value={v.injured} onChange={(injured) => set({ injured })} errors={errors} testId="casualty-injured" />
        <TextField label="of whom seriously" name="seriouslyInjured" inputMode="numeric" value={v.seriouslyInjured} onChange={(seriouslyInjured) => set({ seriouslyInjured })} errors={errors} testId="casualty-serious" />
      </div>
      <button type="button" className="link" onClick={() => setGroups(!groups)}>{groups ? 'Hide' : 'Add'} breakdown by group (where the source gives it)</button>
      {groups && (
        <table className="table postop-groups">
          <thead><tr><th>Group</th><th>Killed</th><th>Injured</th></tr></thead>
          <tbody>
            {GROUPS.map((g) => (
              <tr key={g}>
                <td>{g}</td>
                {(['killed', 'injured'] as const).map((k) => (
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
