/** A hash of every table's rows, to prove a failed operation left the database exactly as it was. */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export function tableHashes(db: Database.Database): Record<string, string> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const h = createHash('sha256');
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) h.update(JSON.stringify(row));
    out[name] = h.digest('hex');
  }
  return out;
}
