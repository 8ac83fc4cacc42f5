/** The name every edit is recorded under, asked once before the first edit; a setting of this machine. */
import { useEffect, useState } from 'react';
import { useApi, useApiMutation } from '../api/queries';
import { ErrorLine } from '../editing/ErrorLine';
import { failure } from '../editing/types';
import { useTranslation } from 'react-i18next';

export function AuthorSetting() {
  const { t } = useTranslation();
  const read = useApi('settings.getAuthor', {});
  const loading = read.data === undefined;
  const author = read.data?.author ?? null;
  const saving = useApiMutation('settings.setAuthor', ['settings.getAuthor']);
  const [draft, setDraft] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => { setDraft(author ?? ''); }, [author]);
  const failed = saving.error ?? read.error;
  const error = failed ? failure(failed) : null;
  const save = () => saving.mutate({ author: draft }, { onSuccess: (r) => { setDraft(r.author); setSaved(true); }, onError: () => setSaved(false) });
  return (
    <section className={`author ${author === null && !loading ? 'ask' : ''}`} data-testid="author">
      <label className="field">{author === null && !loading ? t('settings.author.ask') : t('settings.author.recordedAs')}
        <input value={draft} onChange={(e) => { setDraft(e.target.value); setSaved(false); }} placeholder={t('settings.author.placeholder')} aria-label={t('settings.author.label')} translate="no" data-testid="author-input"
          onKeyDown={(e) => { if (e.key === 'Enter') save(); }} aria-invalid={error?.field === 'author'} />
      </label>
      <button className="plain" onClick={save} disabled={draft.trim() === '' || draft.trim() === (author ?? '')} data-testid="author-save">{t('common.save')}</button>
      {saved && <span className="muted">{t('common.saved')}</span>}
      <ErrorLine error={error} testId="author-error" />
    </section>
  );
}
