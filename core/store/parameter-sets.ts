/** Stored calibrated parameter sets (METHOD.md §7) and the name of the chosen one; core/postop/parameter-sets.ts gives them meaning. */
import type { Db } from './db';
import { getSetting, setSetting } from './settings';

const CHOSEN_KEY = 'parameterSet';

/** The stored body of a set (parsed JSON), or null if there is none of that name. */
export function readParameterSet(db: Db, name: string): unknown {
  const r = db.prepare('SELECT body FROM parameter_sets WHERE name = ?').get(name) as { body: string } | undefined;
  return r ? JSON.parse(r.body) : null;
}

/** Stores (or replaces) a set's body. */
export function writeParameterSet(db: Db, name: string, body: object, createdAt: string): void {
  db.prepare(`INSERT INTO parameter_sets (name, body, created_at) VALUES (?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET body = excluded.body, created_at = excluded.created_at`).run(name, JSON.stringify(body), createdAt);
}

/** Names of the stored sets, oldest first. */
export function parameterSetNames(db: Db): string[] {
  return (db.prepare('SELECT name FROM parameter_sets ORDER BY created_at, name').all() as { name: string }[]).map((r) => r.name);
}

export function chosenParameterSet(db: Db): string | null {
  return getSetting(db, CHOSEN_KEY);
}

export function setChosenParameterSet(db: Db, name: string): void {
  setSetting(db, CHOSEN_KEY, name);
}
