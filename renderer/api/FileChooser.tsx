/**
 * "Choose a file…" for browser mode, where no native dialog exists: the chosen files are uploaded
 * (renderer/api/client.ts uploadFiles) and their server-side paths handed to the form, which then
 * runs its usual path-taking operation. In the desktop app nothing is shown: the main process asks
 * with a native dialog.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isBrowserMode, uploadFiles } from './client';

export function FileChooser({ multiple, accept, onChosen, testId, label: given }: {
  multiple?: boolean; accept?: string; onChosen(paths: string[]): void; testId: string; label?: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = given ?? (multiple ? t('common.chooseFiles') : t('common.chooseFile'));
  if (!isBrowserMode()) return null;
  const chosen = async (list: FileList | null) => {
    const files = list ? Array.from(list) : [];
    if (!files.length) return;
    setBusy(true); setError(null);
    try { onChosen(await uploadFiles(files)); } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  return (
    <span className="file-chooser">
      <label className="inline">{busy ? t('common.uploading') : label}
        <input type="file" multiple={multiple} accept={accept} disabled={busy} onChange={(e) => { void chosen(e.target.files); e.target.value = ''; }} data-testid={testId} />
      </label>
      {error && <span className="error small" role="alert">{error}</span>}
    </span>
  );
}
