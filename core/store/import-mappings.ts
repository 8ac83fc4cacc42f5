/** Named field mappings for population files (core/import/field-mapping.ts), saved for reuse across imports. */
import { FieldMapping } from '../import/field-mapping';
import { DomainError } from '../model/errors';
import { type Db, nowIso } from './db';

export function saveMapping(db: Db, name: string, mapping: FieldMapping): void {
  db.prepare('INSERT INTO import_mappings (name, body, created_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET body = excluded.body')
    .run(name, JSON.stringify(FieldMapping.parse(mapping)), nowIso());
}

export function loadMapping(db: Db, name: string): FieldMapping {
  const row = db.prepare('SELECT body FROM import_mappings WHERE name = ?').get(name) as { body: string } | undefined;
  if (!row) throw new DomainError('not_found', `no saved import mapping named "${name}"`, 'name');
  return FieldMapping.parse(JSON.parse(row.body));
}

export function listMappings(db: Db): { name: string; mapping: FieldMapping; createdAt: string }[] {
  return (db.prepare('SELECT name, body, created_at FROM import_mappings ORDER BY name').all() as { name: string; body: string; created_at: string }[])
    .map((r) => ({ name: r.name, mapping: FieldMapping.parse(JSON.parse(r.body)), createdAt: r.created_at }));
}
