/**
 * One later phase of a scenario in the trainer's export form: title, days after the previous
 * phase, briefing, the code that unlocks it, and which saved operations it offers and carries out.
 */
import { useTranslation } from 'react-i18next';
import type { Output } from '../../core/api/contract';
import { useLocale } from '../i18n';
import { FieldError, TextField } from '../postop/fields';
import type { FieldErrors } from '../postop/forms';
import type { LaterPhaseDraft } from './phases';
import { MIN_PASSPHRASE_CHARS } from './exercise';

export function LaterPhaseFields({ n, draft, operations, errors, onChange, onRemove }: {
  n: number; draft: LaterPhaseDraft; operations: Output<'operations.list'>; errors: FieldErrors;
  onChange(p: Partial<LaterPhaseDraft>): void; onRemove(): void;
}) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const phase = loc.number().format(n);
  const toggle = (id: number) => onChange({ offered: draft.offered.includes(id) ? draft.offered.filter((x) => x !== id) : [...draft.offered, id] });
  const id = (field: string) => `phase${n}-${field}`;
  return (
    <fieldset className="area-card" style={{ display: 'block' }} data-testid={`phase-${n}`}>
      <legend>{t('training.phase', { n: phase })}</legend>
      <div className="postop-form">
        <TextField label={t('training.later.title')} name="title" value={draft.title} onChange={(title) => onChange({ title })} errors={errors} testId={id('title')} />
        <TextField label={t('training.later.days')} name="daysAfterPrevious" value={draft.daysAfterPrevious} onChange={(daysAfterPrevious) => onChange({ daysAfterPrevious })} errors={errors} inputMode="numeric" testId={id('days')} />
        <label>{t('training.later.briefing')}
          <textarea rows={3} value={draft.briefing} onChange={(e) => onChange({ briefing: e.target.value })} data-testid={id('briefing')} />
          <FieldError errors={errors} name="briefing" />
        </label>
        <label>{t('training.later.code', { chars: loc.number().format(MIN_PASSPHRASE_CHARS), previous: loc.number().format(n - 1) })}
          <input type="password" autoComplete="new-password" value={draft.code} onChange={(e) => onChange({ code: e.target.value })} data-testid={id('code')} />
          <FieldError errors={errors} name="code" />
        </label>
      </div>
      <table className="table">
        <thead><tr><th>{t('training.export.offer')}</th><th>{t('training.export.carriedOut')}</th><th>{t('training.export.operation')}</th></tr></thead>
        <tbody>
          {operations.map((o) => (
            <tr key={o.id}>
              <td><input type="checkbox" checked={draft.offered.includes(o.id) || draft.carriedOut === o.id} disabled={draft.carriedOut === o.id} onChange={() => toggle(o.id)} aria-label={t('training.later.offerLabel', { n: phase, name: o.operation.name })} data-testid={id(`offer-${o.id}`)} /></td>
              <td><input type="radio" name={id('carried-out')} checked={draft.carriedOut === o.id} onChange={() => onChange({ carriedOut: o.id })} aria-label={t('training.later.carriedOutLabel', { n: phase, name: o.operation.name })} data-testid={id(`carried-${o.id}`)} /></td>
              <td><bdi translate="no">{o.operation.name}</bdi> <span className="muted">{t('training.operationId', { id: loc.number({ useGrouping: false }).format(o.id) })}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldError errors={errors} name="carriedOut" />
      <button className="link" onClick={onRemove} data-testid={id('remove')}>{t('training.later.remove', { n: phase })}</button>
    </fieldset>
  );
}
