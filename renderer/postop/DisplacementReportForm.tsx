/** Record a displacement report (e.g. displacement tracking): people displaced, of them in public shelter, and by group where the source gives it. */
import { useState } from 'react';
import { GROUPS } from '../../core/model/assessment';
import { ObservationForm, TextField } from './fields';
import { emptyDisplacement, parseDisplacement, type DisplacementValues } from './forms';
import { useObservationForm } from './useObservationForm';

export function DisplacementReportForm({ ctx }: { ctx: { datasetId: number; operationId: number } }) {
  const f = useObservationForm('observations.recordDisplacementReport', emptyDisplacement, (v: DisplacementValues) => parseDisplacement(v, ctx), 'Displacement report');
  const { v, set, errors } = f;
  const [groups, setGroups] = useState(false);
  return (
    <ObservationForm testId="displacement" submitLabel="Record displacement report" form={f}>
      <div className="postop-grid">
        <TextField label="People displaced" name="displaced" inputMode="numeric" value={v.displaced} onChange={(displaced) => set({ displaced })} errors={errors} testId="displacement-displaced" />
        <TextField label="of whom in public shelter (if known)" name="inPublicShelter" inputMode="numeric" value={v.inPublicShelter} onChange={(inPublicShelter) => set({ inPublicShelter })} errors={errors} testId="displacement-shelter" />
      </div>
      <button type="button" className="link" onClick={() => setGroups(!groups)}>{groups ? 'Hide' : 'Add'} breakdown by group (where the source gives it)</button>
      {groups && (
        <table className="table postop-groups">
          <thead><tr><th>Group</th><th>Displaced</th></tr></thead>
          <tbody>
            {GROUPS.map((g) => (
              <tr key={g}>
                <td>{g}</td>
                <td><TextField name={`byGroup.${g}`} inputMode="numeric" value={v.byGroup[g] ?? ''} onChange={(x) => set({ byGroup: { ...v.byGroup, [g]: x } })} errors={errors} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ObservationForm>
  );
}
