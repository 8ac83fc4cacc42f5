/**
 * The backend both transports share: open the store, seed the training city on first start,
 * build the handlers. No Electron and no HTTP here.
 */
import pkg from '../../package.json';
import { openStore, type Db } from '../store/db';
import { findDataset, saveDataset } from '../store/datasets';
import { getSetting, setSetting } from '../store/settings';
import { generateTrainingCity } from '../synth/training-city';
import { generateTrainingBasemap } from '../synth/training-basemap';
import { writeBasemap } from '../basemap/write';
import { createHandlers, type Handlers } from './handlers';
import { UserBasemaps } from '../basemap/user-basemap';
import { createEngineService } from './engine-service';
import { dispatch, type ApiReply } from './dispatch';

export const APP_VERSION: string = pkg.version;

export interface Backend { db: Db; dbPath: string; handlers: Handlers; userBasemaps: UserBasemaps; call(name: string, input: unknown): Promise<ApiReply>; close(): void }

export interface BackendOptions {
  /**
   * A new database records that it is owed the training city instead of seeding it now: the next
   * open without this option seeds it. For `uia import`, which needs only the dataset it writes
   * (seeding costs about a second); the app and every other command still find the city there.
   */
  deferTrainingCity?: boolean;
}

export function openBackend(dbPath: string, opts: BackendOptions = {}): Backend {
  const db = openStore(dbPath);
  ensureTrainingCity(db, opts);
  const userBasemaps = new UserBasemaps(db, dbPath);
  const handlers = createHandlers({ db, dbPath, appVersion: APP_VERSION, engine: createEngineService(db, APP_VERSION), userBasemaps });
  return {
    db, dbPath, handlers, userBasemaps, call: (name, input) => dispatch(handlers, name, input),
    // the basemap files first: an MBTiles is a SQLite connection of its own, not the store's
    close: () => { userBasemaps.close(); db.close(); },
  };
}

/** Settings key present while a database that started empty has not had its training city yet. */
const TRAINING_CITY_OWED = 'training_city_owed';

/**
 * First start: a database with no dataset gets the synthetic training city, so there is a city to
 * see offline (or, with `deferTrainingCity`, is marked as owed it; a later open pays the debt).
 */
export function ensureTrainingCity(db: Db, opts: BackendOptions = {}): void {
  const empty = () => db.prepare('SELECT 1 FROM datasets LIMIT 1').get() === undefined;
  const owed = () => getSetting(db, TRAINING_CITY_OWED) !== null;
  if (!empty() && !owed()) return; // every start but the first: two reads, no write lock
  // Checked again under the write lock: another process (the app beside the CLI) may have seeded it meanwhile.
  db.transaction(() => {
    const isEmpty = empty();
    if (!isEmpty && !owed()) return;
    if (opts.deferTrainingCity) {
      if (isEmpty) setSetting(db, TRAINING_CITY_OWED, new Date().toISOString());
      return;
    }
    const city = generateTrainingCity();
    // a dataset of that name imported meanwhile keeps its place; the debt is settled either way
    if (!findDataset(db, city.meta.name)) writeBasemap(db, saveDataset(db, city), generateTrainingBasemap());
    db.prepare('DELETE FROM settings WHERE key = ?').run(TRAINING_CITY_OWED);
  }).immediate();
}
