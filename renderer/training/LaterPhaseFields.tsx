/**
 * One later phase of a scenario in the trainer's export form: title, days after the previous
 * phase, briefing, the code that unlocks it, and which saved operations it offers and carries out.
 */
import type { Output } from '../../core/api/contract';
import { FieldError, TextField } from '../postop/fields';
import type { FieldErrors } from '../postop/forms';
import type { LaterPhaseDraft } from './phases';

export function LaterPhaseFields({ n, draft, operations, errors, onChange, onRemove }: {
  n: number; draft: LaterPhaseDraft; operations: Output<'operations.list'>; errors: FieldErrors;
  onChange(p: Partial<LaterPhaseDraft>): void; onRemove(): void;
}) {
  const toggle = (id: number) => onChange({ offered: draft.offered.includes(id) ? draft.offered.filter((x) => x !== id) : [...draft.offered, id] });
  const id = (field: string) => `phase${n}-${field}`;
  return (
    <fieldset className="area-card" style={{ display: 'block' }} data-testid={`phase-${n}`}>
      <legend>Phase {n}</legend>
      <div className="postop-form">
        <TextField label="Title" name="title" value={draft.title} onChange={(title) => onChange({ title })} errors={errors} testId={id('title')} />
        <TextField label="Days after the previous phase" name="daysAfterPrevious" value={draft.daysAfterPrevious} onChange={(daysAfterPrevious) => onChange({ daysAfterPrevious })} errors={errors} inputMode="numeric" testId={id('days')} />
        <label>Briefing of this phase (sealed until its code is given)
          <textarea rows={3} value={draft.briefing} onChange={(e) => onChange({ briefing: e.target.value })} data-testid={id('briefing')} />
          <FieldError errors={errors} name="briefing" />
        </label>
        <label>Phase code (at least 12 characters; hand it out once phase {n - 1} is answered: it also reveals phase {n - 1}&apos;s observed outcomes)
          <input type="password" autoComplete="new-password" value={draft.code} onChange={(e) => onChange({ code: e.target.value })} data-testid={id('code')} />
          <FieldError errors={errors} name="code" />
        </label>
      </div>
      <table className="table">
        <thead><tr><th>Offer</th><th>Carried out</th><th>Operation</th></tr></thead>
        <tbody>
          {operations.map((o) => (
            <tr key={o.id}>
              <td><input type="checkbox" checked={draft.offered.includes(o.id) || draft.carriedOut === o.id} disabled={draft.carriedOut === o.id} onChange={() => toggle(o.id)} aria-label={`Phase ${n}: offer ${o.operation.name}`} data-testid={id(`offer-${o.id}`)} /></td>
              <td><input type="radio" name={id('carried-out')} checked={draft.carriedOut === o.id} onChange={() => onChange({ carriedOut: o.id })} aria-label={`Phase ${n}: ${o.operation.name} was carried out`} data-testid={id(`carried-${o.id}`)} /></td>
              <td>{o.operation.name} <span className="muted">operation id {o.id}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldError errors={errors} name="carriedOut" />
      <button className="link" onClick={onRemove} data-testid={id('remove')}>Remove phase {n}</button>
    </fieldset>
  );
}
