/** Shared by the import tests: where the real data lives, temp databases, and a hash of every table. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type Db } from '../../core/store/db';

/** ../shared/data relative to the repo root (read-only, never copied into the repo). */
export const DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const osm = (name: string) => join(DATA, 'osm', name);
export const population = (name: string) => join(DATA, 'population', name);

export function tempDir(prefix = 'uia-import-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tempStore(dir: string, name = 'store.sqlite'): Db {
  return openStore(join(dir, name));
}

export { tableHashes } from '../support/db-hash';
