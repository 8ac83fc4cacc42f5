/**
 * A dataset's own basemap file, as stored: the private copy's file name (in the data folder's
 * basemaps/ folder), what it holds, and whether the map draws it instead of the dataset's tiles.
 */
import type { ArchiveInfo } from '../basemap/archive';
import type { Db } from './db';

export interface UserBasemap extends ArchiveInfo {
  /** The private copy's file name inside the basemaps folder. */
  file: string;
  /** The name of the file the user chose (not its path). */
  originalName: string;
  active: boolean;
  addedAt: string;
}

interface Row {
  file: string; original_name: string; container: ArchiveInfo['container']; format: ArchiveInfo['format']; name: string;
  min_zoom: number; max_zoom: number; bounds: string | null; attribution: string | null; vector_layers: string; active: number; added_at: string;
}

export function getUserBasemap(db: Db, datasetId: number): UserBasemap | null {
  const r = db.prepare('SELECT * FROM user_basemaps WHERE dataset_id = ?').get(datasetId) as Row | undefined;
  if (!r) return null;
  return {
    file: r.file, originalName: r.original_name, container: r.container, format: r.format, name: r.name,
    minZoom: r.min_zoom, maxZoom: r.max_zoom, bounds: r.bounds ? JSON.parse(r.bounds) as ArchiveInfo['bounds'] : null,
    attribution: r.attribution, vectorLayers: JSON.parse(r.vector_layers) as string[], active: r.active === 1, addedAt: r.added_at,
  };
}

/** Stores (or replaces) the dataset's own basemap, drawn from now on; returns the file it replaced, if any. */
export function putUserBasemap(db: Db, datasetId: number, b: Omit<UserBasemap, 'active' | 'addedAt'>): string | null {
  const previous = getUserBasemap(db, datasetId)?.file ?? null;
  db.prepare(`INSERT OR REPLACE INTO user_basemaps (dataset_id, file, original_name, container, format, name, min_zoom, max_zoom, bounds, attribution, vector_layers, active, added_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`).run(datasetId, b.file, b.originalName, b.container, b.format, b.name, b.minZoom, b.maxZoom,
    b.bounds ? JSON.stringify(b.bounds) : null, b.attribution, JSON.stringify(b.vectorLayers), new Date().toISOString());
  return previous === b.file ? null : previous;
}

export function setUserBasemapActive(db: Db, datasetId: number, active: boolean): boolean {
  return db.prepare('UPDATE user_basemaps SET active = ? WHERE dataset_id = ?').run(active ? 1 : 0, datasetId).changes > 0;
}

/** Forgets the dataset's own basemap; returns its file name so the caller can delete the copy. */
export function deleteUserBasemap(db: Db, datasetId: number): string | null {
  const file = getUserBasemap(db, datasetId)?.file ?? null;
  db.prepare('DELETE FROM user_basemaps WHERE dataset_id = ?').run(datasetId);
  return file;
}

/** Every copy some dataset still uses (the rest in the folder are left-overs of deleted datasets). */
export function userBasemapFiles(db: Db): Set<string> {
  return new Set((db.prepare('SELECT file FROM user_basemaps').all() as { file: string }[]).map((r) => r.file));
}
