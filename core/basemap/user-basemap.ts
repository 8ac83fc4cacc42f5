/**
 * A user's own basemap for a dataset: checked, then COPIED into the data folder (basemaps/, 0700,
 * the copy 0600 like every private file) rather than referenced where it lies. Why a copy: the
 * dataset must keep drawing when the original is moved, renamed or was on a USB stick or network
 * share (how mapping agencies deliver these files); the data folder is the one place the app's
 * private files live and are backed up together; and after the native dialog the backend only
 * ever reads a file it owns. The cost is disk space (a regional PMTiles can be gigabytes); the copy
 * is a plain file copy (copy-on-write where the file system offers it) and is deleted when the
 * basemap is removed or replaced.
 */
import { basename, dirname, join } from 'node:path';
import { chmodSync, copyFileSync, constants, readdirSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../store/private-files';
import { deleteUserBasemap, getUserBasemap, putUserBasemap, setUserBasemapActive, userBasemapFiles, type UserBasemap } from '../store/user-basemaps';
import { openTileArchive, type TileArchive } from './archive';

export type PublicUserBasemap = Omit<UserBasemap, 'file'>;
const publicOf = ({ file: _file, ...rest }: UserBasemap): PublicUserBasemap => rest;

export class UserBasemaps {
  private readonly dir: string;
  /** Open archives by copy file name (a file is never rewritten: a new basemap is a new file). */
  private readonly open = new Map<string, Promise<TileArchive | null>>();
  /** The same once opened, so that close() releases them at once (a worker exits right after it). */
  private readonly ready = new Map<string, TileArchive>();
  /** Set by close(): no archive is opened any more, and one still opening is closed as soon as it is open. */
  private closed = false;

  constructor(private readonly db: Db, dbPath: string) { this.dir = join(dirname(dbPath), 'basemaps'); }

  get(datasetId: number): PublicUserBasemap | null {
    const b = getUserBasemap(this.db, datasetId);
    return b && publicOf(b);
  }

  /** Checks the file, copies it privately, and makes it the dataset's background. */
  async add(datasetId: number, path: string): Promise<PublicUserBasemap> {
    const checked = await openTileArchive(path);
    checked.close();
    ensurePrivateDir(this.dir);
    const file = `${datasetId}-${randomBytes(6).toString('hex')}.${checked.info.container}`;
    const tmp = join(this.dir, `${file}.part`);
    try {
      copyFileSync(path, tmp, constants.COPYFILE_FICLONE);
      if (process.platform !== 'win32') chmodSync(tmp, PRIVATE_FILE_MODE);
      // the copy is what is served: open it too (a file changed between the check and the copy is caught)
      (await openTileArchive(tmp)).close();
      renameSync(tmp, join(this.dir, file));
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
    const previous = this.db.transaction(() => putUserBasemap(this.db, datasetId, { ...checked.info, file, originalName: basename(path) }))();
    if (previous) this.drop(previous);
    this.sweep();
    return this.get(datasetId)!;
  }

  /** Draw the file (true) or the dataset's built-in tiles (false); false when there is no file. */
  use(datasetId: number, own: boolean): boolean {
    return setUserBasemapActive(this.db, datasetId, own);
  }

  remove(datasetId: number): boolean {
    const file = this.db.transaction(() => deleteUserBasemap(this.db, datasetId))();
    if (file) this.drop(file);
    return file !== null;
  }

  /** One tile of the dataset's own file (uncompressed), null where it has none or there is no file. */
  async tile(datasetId: number, z: number, x: number, y: number): Promise<Uint8Array<ArrayBuffer> | null> {
    const b = getUserBasemap(this.db, datasetId);
    if (!b || z < b.minZoom || z > b.maxZoom) return null;
    if (this.closed) return null;
    let archive = this.open.get(b.file);
    if (!archive) {
      const opening: Promise<TileArchive | null> = openTileArchive(join(this.dir, b.file)).then((a) => {
        // closed, or the file dropped, while it opened: not kept
        if (this.closed || this.open.get(b.file) !== opening) { a.close(); return null; }
        this.ready.set(b.file, a);
        return a;
      });
      opening.catch(() => { if (this.open.get(b.file) === opening) this.open.delete(b.file); });
      this.open.set(b.file, archive = opening);
    }
    const a = await archive;
    return a ? a.tile(z, x, y) : null;
  }

  /** Files this object holds open (the copies being served); none once closed. */
  get openFiles(): number { return this.ready.size; }

  /**
   * Releases every file handle (the backend is closing): open archives are closed now, one still
   * opening when it opens. Without it the copies stay open for the life of the process (a worker
   * thread ending does not close its file descriptors), and on Windows cannot be deleted.
   */
  close(): void {
    this.closed = true;
    for (const a of this.ready.values()) a.close();
    this.ready.clear();
    this.open.clear();
  }

  private drop(file: string): void {
    this.ready.get(file)?.close();
    this.ready.delete(file);
    this.open.delete(file); // one still opening sees it is no longer wanted and closes itself
    rmSync(join(this.dir, file), { force: true });
  }

  /** Copies no dataset uses any more (their dataset was deleted): removed. */
  private sweep(): void {
    const used = userBasemapFiles(this.db);
    for (const f of readdirSync(this.dir)) if (!used.has(f) && !f.endsWith('.part')) this.drop(f);
  }
}
