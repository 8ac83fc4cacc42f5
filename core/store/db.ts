/**
 * Opening the one database file: WAL (a crash never corrupts committed data), foreign keys,
 * and migrations by PRAGMA user_version.
 */
import Database from 'better-sqlite3';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { DomainError } from '../model/errors';
import { ensurePrivateDir, ensurePrivateFile, PRIVATE_DIR_MODE } from './private-files';
import { mkdirSync } from 'node:fs';

export type Db = Database.Database;

/** The database file cannot be used: a DomainError (invalid_input). Store functions throw DomainError with their own code. */
export class StoreError extends DomainError {
  override name = 'StoreError';
  constructor(message: string) { super('invalid_input', message); }
}

/** Where the database lives when no --db is given: the platform's per-user data folder (made private, 0700). */
export function defaultDbPath(): string {
  const path = platformDbPath();
  ensurePrivateDir(dirname(path));
  return path;
}

function platformDbPath(): string {
  const app = 'urban-impact-assessment';
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), app, 'uia.sqlite');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', app, 'uia.sqlite');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), app, 'uia.sqlite');
}

/**
 * Opens (creating if needed) the database. A folder it creates is 0700 and the file is 0600 (an
 * older 0644 file is tightened); SQLite gives the -wal and -shm files the database file's mode.
 */
export function openStore(path: string): Db {
  let db: Db;
  try {
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_DIR_MODE });
      ensurePrivateFile(path);
    }
    db = new Database(path);
  } catch (e) {
    throw new StoreError(`cannot open database ${path}: ${(e as Error).message}`);
  }
  try {
    // A database from a newer app is refused before anything here changes it (WAL included).
    if (schemaVersion(db) > SCHEMA_VERSION) throw new StoreError(newerSchema(schemaVersion(db)));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    throw new StoreError(`database ${path} is not usable: ${(e as Error).message}`);
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

const newerSchema = (v: number) => `database schema version ${v} is newer than this app supports (${SCHEMA_VERSION}); update the app`;

export function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new StoreError(newerSchema(current));
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}
