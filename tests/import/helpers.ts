/** Shared by the import tests: where the real data lives, temp databases, and a hash of every table. */
import { createHash } from 'node:crypto';
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

/** sha256 of every table's rows in rowid order, keyed by table name (R*Tree shadow tables included). */
export function tableHashes(db: Db): Record<string, string> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const h = createHash('sha256');
    for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).iterate()) h.update(JSON.stringify(row)).update('\n');
    out[t] = h.digest('hex');
  }
  return out;
}
