/**
 * The real third-party test data in ../shared/data (beside the repository, read in place, never
 * copied). A suite that needs a file asks for it here: when the folder or the file is missing the
 * suite fails with a message saying what to put where, instead of being skipped silently.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DATA = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data');

/** Absolute paths of files under ../shared/data; throws (failing the suite) if any is missing. */
export function sharedData(...relPaths: string[]): string[] {
  const paths = relPaths.map((p) => join(SHARED_DATA, p));
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) {
    throw new Error(`test data missing: ${missing.join(', ')}. These tests read real third-party files from ../shared/data `
      + `(the folder beside the repository; see shared/data/SOURCES.md); put it there, or link it: ln -s /path/to/shared ../shared`);
  }
  return paths;
}

/** One file under ../shared/data (see sharedData). */
export const sharedFile = (relPath: string): string => sharedData(relPath)[0]!;
