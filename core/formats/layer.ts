/**
 * What a format reader hands back, whatever the format: features with their geometry in the file's
 * own CRS (named by `crs`; core/geometry/reproject via each consumer) and raw attributes.
 */
import type { Crs } from './crs';

export interface FileFeature {
  geometry: { type: string; coordinates?: unknown; geometries?: unknown } | null;
  properties: Record<string, unknown>;
}

export interface FileLayer {
  /** The path read (messages use its base name). */
  path: string;
  /** Layer name: the GeoJSON `name` member, else the file name without extension. */
  name: string;
  crs: Crs;
  features: FileFeature[];
}

/** Progress and cancellation while a reader walks a file. */
export interface ReadOptions {
  /** Throws (a Cancelled) when the user stopped the read. */
  checkCancelled?: () => void;
  /** Called now and then with the features read so far and the bytes they stand for. */
  onProgress?: (features: number, bytesRead: number, bytesTotal: number) => void;
}
