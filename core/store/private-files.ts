/**
 * Files that hold planners' data are private to the user who made them (issue 15): folders 0700,
 * files 0600, on every platform where modes apply (Windows ignores them; its profile folders are
 * per-user already). Exports are written to a temporary file beside the target and renamed, so a
 * failed export never leaves half a file, and they refuse relative paths and existing files unless
 * overwrite is asked.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { DomainError, type ErrorCode } from '../model/errors';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** A refused export path: the field is always `path`; an existing file is a conflict. */
export class ExportPathError extends DomainError {
  override name = 'ExportPathError';
  constructor(message: string, code: ErrorCode = 'invalid_input') { super(code, message, 'path'); }
}

/** Creates the folder (and missing parents) 0700 and tightens it to 0700 if it exists. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform !== 'win32') chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates an empty 0600 file if none is there, or tightens an existing one to 0600. */
export function ensurePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  try {
    if (process.platform !== 'win32') chmodSync(path, PRIVATE_FILE_MODE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') throw e; // someone else's file: opened as it is
  }
}

/** Refuses a relative path, or an existing file unless overwrite is asked. */
export function checkExportPath(path: string, opts: { overwrite?: boolean } = {}): void {
  if (!isAbsolute(path)) throw new ExportPathError(`path: ${path} is not an absolute path`);
  if (existsSync(path) && !opts.overwrite) throw new ExportPathError(`path: ${path} already exists (pass overwrite to replace it)`, 'conflict');
}

/** Writes an export: path checked, content in a 0600 temporary file beside it, then renamed into place. */
export function writeExport(path: string, write: (tmp: string) => void, opts: { overwrite?: boolean } = {}): void {
  checkExportPath(path, opts);
  const tmp = `${path}.part-${process.pid}`;
  rmSync(tmp, { force: true });
  writeFileSync(tmp, '', { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  try {
    write(tmp);
    if (process.platform !== 'win32') chmodSync(tmp, PRIVATE_FILE_MODE);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Longest name of an uploaded file, and the characters it may keep (others become "_"). */
const MAX_UPLOAD_NAME = 200;

/**
 * Bytes a browser-mode user chose with <input type=file>, written as a new 0600 file in a 0700
 * folder (never over an existing file) so the path-taking operations read them like any other file.
 * The name keeps its extension (formats are told by it) but no folder part.
 */
export function writePrivateUpload(dir: string, name: string, bytes: Uint8Array): string {
  const safe = basename(name.replace(/\\/g, '/')).replace(/[^\w.\- ()]/g, '_').slice(-MAX_UPLOAD_NAME);
  if (!safe || /^\.+$/.test(safe)) throw new DomainError('invalid_input', `upload refused: "${name}" is not a file name`, 'name');
  ensurePrivateDir(dir);
  const path = join(dir, safe);
  try { writeFileSync(path, bytes, { mode: PRIVATE_FILE_MODE, flag: 'wx' }); } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new DomainError('conflict', `upload refused: a file named ${safe} was already uploaded in this batch`, 'name');
    throw e;
  }
  return path;
}
