/**
 * The fields every observation form is built from: a labelled box or choice with its error beside
 * it, the source / confidence / date / note block, and the form shell (general error, "recorded",
 * submit). One markup, so the four forms cannot drift apart.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';
import { CONFIDENCES } from '../../core/model/observation';
import type { CommonValues, FieldErrors } from './forms';

/** The API's error as field errors (or a general one under "_"). */
export function apiErrors(e: unknown): FieldErrors {
  if (e instanceof ApiCallError) return { [e.body.field ?? '_']: e.body.message };
  return { _: (e as Error).message };
}

export function FieldError({ errors, name }: { errors: FieldErrors; name: string }) {
  return errors[name] ? <span className="error small" role="alert" data-testid={`error-${name}`}>{errors[name]}</span> : null;
}

/** A text or number box typed as a string (an empty box is "not given"), with its error. */
export function TextField({ label, name, value, onChange, errors, testId, inputMode, type, placeholder, disabled }: {
  label?: ReactNode; name: string; value: string; onChange(v: string): void; errors: FieldErrors; testId?: string;
  inputMode?: 'numeric' | 'decimal'; type?: 'date'; placeholder?: string; disabled?: boolean;
}) {
  const box = (
    <>
      <input value={value} onChange={(e) => onChange(e.target.value)} inputMode={inputMode} type={type} placeholder={placeholder} disabled={disabled} data-testid={testId} />
      <FieldError errors={errors} name={name} />
    </>
  );
  return label === undefined ? box : <label>{label}{box}</label>;
}

/** A choice among a model enum's values (each shown in the reader's words by `word`), optionally with a blank first option. */
export function ChoiceField<V extends string>({ label, name, value, options, word, onChange, errors, blank, testId }: {
  label: ReactNode; name: string; value: V | ''; options: readonly V[]; word(v: V): string; onChange(v: V | ''): void; errors: FieldErrors; blank?: string; testId?: string;
}) {
  return (
    <label>{label}
      <select value={value} onChange={(e) => onChange(e.target.value as V | '')} data-testid={testId}>
        {blank !== undefined && <option value="">{blank}</option>}
        {options.map((o) => <option key={o} value={o}>{word(o)}</option>)}
      </select>
      <FieldError errors={errors} name={name} />
    </label>
  );
}

/** Who reported it, how far it is trusted, when it was observed, and a note: common to every observation. */
export function CommonFields<T extends CommonValues>({ v, set, errors }: { v: T; set(p: Partial<CommonValues>): void; errors: FieldErrors }) {
  const { t } = useTranslation('review');
  return (
    <>
      <TextField label={t('form.source')} name="source" value={v.source} onChange={(source) => set({ source })} errors={errors}
        placeholder={t('form.sourcePlaceholder')} testId="obs-source" />
      <div className="postop-grid">
        <ChoiceField label={t('form.confidence')} name="confidence" value={v.confidence} options={CONFIDENCES} word={(c) => t(`confidence.${c}`)} onChange={(c) => c && set({ confidence: c })} errors={errors} />
        <TextField label={t('form.observedAt')} name="observedAt" type="date" value={v.observedAt} onChange={(observedAt) => set({ observedAt })} errors={errors} />
      </div>
      <TextField label={t('form.note')} name="note" value={v.note} onChange={(note) => set({ note })} errors={errors} />
    </>
  );
}

/** The form around an observation's own fields: then the common fields, the general error, "recorded", and submit. */
export function ObservationForm<T extends CommonValues>({ testId, submitLabel, form, children }: {
  testId: string; submitLabel: string; children: ReactNode;
  form: { v: T; set(p: Partial<CommonValues>): void; errors: FieldErrors; saved: string | null; submit(): Promise<void> };
}) {
  return (
    <form className="postop-form" data-testid={`${testId}-form`} onSubmit={(e) => { e.preventDefault(); void form.submit(); }}>
      {children}
      <CommonFields v={form.v} set={form.set} errors={form.errors} />
      <FieldError errors={form.errors} name="_" />
      {form.saved && <p className="hint" role="status">{form.saved}</p>}
      <button type="submit" data-testid={`${testId}-submit`}>{submitLabel}</button>
    </form>
  );
}
