/** Shared by the import tests: where the real data lives, temp databases, and a hash of every table. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Db } from '../../core/store/db';

import { SHARED_DATA, sharedFile } from '../support/shared-data';

/** ../shared/data relative to the repo root (read-only, never copied into the repo); a missing file fails with a clear message. */
export const DATA = SHARED_DATA;
export const osm = (name: string) => sharedFile(`osm/${name}`);
export const population = (name: string) => sharedFile(`population/${name}`);

export function tempDir(prefix = 'uia-import-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tempStore(dir: string, name = 'store.sqlite'): Db {
  return openStore(join(dir, name));
}

export { tableHashes } from '../support/db-hash';
