/**
 * The backend both transports share: open the store, seed the training city on first start,
 * build the handlers. No Electron and no HTTP here.
 */
import pkg from '../../package.json';
import { openStore, type Db } from '../store/db';
import { listDatasets, saveDataset } from '../store/datasets';
import { generateTrainingCity } from '../synth/training-city';
import { generateTrainingBasemap } from '../synth/training-basemap';
import { writeBasemap } from '../basemap/write';
import { createHandlers, type Handlers } from './handlers';
import { UserBasemaps } from '../basemap/user-basemap';
import { createEngineService } from './engine-service';
import { dispatch, type ApiReply } from './dispatch';

export const APP_VERSION: string = pkg.version;

export interface Backend { db: Db; dbPath: string; handlers: Handlers; userBasemaps: UserBasemaps; call(name: string, input: unknown): Promise<ApiReply>; close(): void }

export function openBackend(dbPath: string): Backend {
  const db = openStore(dbPath);
  ensureTrainingCity(db);
  const userBasemaps = new UserBasemaps(db, dbPath);
  const handlers = createHandlers({ db, dbPath, appVersion: APP_VERSION, engine: createEngineService(db, APP_VERSION), userBasemaps });
  return {
    db, dbPath, handlers, userBasemaps, call: (name, input) => dispatch(handlers, name, input),
    // the basemap files first: an MBTiles is a SQLite connection of its own, not the store's
    close: () => { userBasemaps.close(); db.close(); },
  };
}

/** First start: a database with no dataset gets the synthetic training city, so there is a city to see offline. */
export function ensureTrainingCity(db: Db): void {
  if (listDatasets(db).length > 0) return;
  db.transaction(() => writeBasemap(db, saveDataset(db, generateTrainingCity()), generateTrainingBasemap()))();
}
