/**
 * The planner's working state per dataset (the operation being drawn), autosaved so that reopening
 * the app restores it. Kept in the settings table under `workspace:<datasetId>`.
 */
import { WorkingOperation } from '../model/operation';
import type { Db } from './db';

const key = (datasetId: number) => `workspace:${datasetId}`;

export function saveWorkspace(db: Db, datasetId: number, operation: WorkingOperation): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(key(datasetId), JSON.stringify(WorkingOperation.parse(operation)));
}

export function loadWorkspace(db: Db, datasetId: number): WorkingOperation | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key(datasetId)) as { value: string } | undefined;
  if (!row) return null;
  const parsed = WorkingOperation.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null; // a workspace from an older schema is dropped, not half-loaded
}
