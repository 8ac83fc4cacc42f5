/** Key-value settings of the app (author of edits, chosen parameter set, workspaces), one row per key. */
import { DomainError } from '../model/errors';
import type { Db } from './db';
import { isLanguage, type Language } from '../i18n/languages';
import type { Digits } from '../i18n/locale';

export function getSetting(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Recorded with every edit when no author has been set. */
export const DEFAULT_AUTHOR = 'unknown';

export function getAuthor(db: Db): string | null {
  return getSetting(db, 'author');
}

export function setAuthor(db: Db, author: string): string {
  const name = author.trim();
  if (name === '') throw new DomainError('invalid_input', 'author: must not be empty', 'author');
  if (name.length > 200) throw new DomainError('invalid_input', 'author: must be at most 200 characters', 'author');
  setSetting(db, 'author', name);
  return name;
}

/** The interface language chosen in the picker (null until one is chosen: the system locale decides) and the digits Arabic is written with. */
export interface LanguageChoice { language: Language | null; digits: Digits }

export function getLanguageChoice(db: Db): LanguageChoice {
  const language = getSetting(db, 'language'), digits = getSetting(db, 'digits');
  return { language: isLanguage(language) ? language : null, digits: digits === 'arab' ? 'arab' : 'latn' };
}

export function setLanguageChoice(db: Db, choice: { language: Language; digits: Digits }): LanguageChoice {
  db.transaction(() => { setSetting(db, 'language', choice.language); setSetting(db, 'digits', choice.digits); })();
  return getLanguageChoice(db);
}
