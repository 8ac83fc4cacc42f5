/** Backup days of one dependency, saved on Enter or leaving the box; Escape restores the stored value. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** `onSave` gets the text as typed: the editor checks it is a number, so a refusal shows in its error line. */
export function BackupDaysInput({ value, onSave }: { value: number; onSave(text: string): Promise<unknown> | void }) {
  const { t } = useTranslation('editing');
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = () => {
    if (text === String(value)) return;
    void onSave(text);
  };
  return (
    <input className="days" type="number" min={0} step="any" value={text} aria-label={t('dependencies.backupDays')} data-testid="dep-backup-edit"
      onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') setText(String(value)); }} />
  );
}
