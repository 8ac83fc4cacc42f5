/**
 * A hash of every table's rows (R*Tree shadow tables included), to prove that a failed or cancelled
 * operation left the database exactly as it was. One copy for every suite.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export function tableHashes(db: Database.Database): Record<string, string> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all();
    out[name] = createHash('sha256')
      .update(JSON.stringify(rows, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v)))
      .digest('hex');
  }
  return out;
}
