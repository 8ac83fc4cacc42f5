/**
 * The planner's working state per dataset (the operation being drawn), autosaved so that reopening
 * the app restores it. Kept in the settings table under `workspace:<datasetId>`.
 */
import { WorkingOperation } from '../model/operation';
import type { Db } from './db';
import { getSetting, setSetting } from './settings';

const key = (datasetId: number) => `workspace:${datasetId}`;

export function saveWorkspace(db: Db, datasetId: number, operation: WorkingOperation): void {
  setSetting(db, key(datasetId), JSON.stringify(WorkingOperation.parse(operation)));
}

export function loadWorkspace(db: Db, datasetId: number): WorkingOperation | null {
  const value = getSetting(db, key(datasetId));
  if (value === null) return null;
  const parsed = WorkingOperation.safeParse(JSON.parse(value));
  return parsed.success ? parsed.data : null; // a workspace from an older schema is dropped, not half-loaded
}
