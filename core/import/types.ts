/**
 * The one importer shape every format module exports, and what an importer hands back.
 * An importer only reads a file into model records (WGS84); merging, allocation, inference and the
 * single write to the store happen in pipeline.ts.
 */
import { basename } from 'node:path';
import { Cancelled } from '../model/errors';
import type { Building, Facility, PopulationUnit, ProtectedSite } from '../model/dataset';
import type { FieldMapping } from './field-mapping';
import type { BasemapFeature } from '../basemap/feature';
import { phaseInWords, type ImportStep } from './words';

/** A progress report of a step, its English words made from the catalogue. */
export const progressOf = (step: ImportStep, bytesRead: number, bytesTotal: number, features: number): ImportProgress =>
  ({ phase: phaseInWords(step), step, bytesRead, bytesTotal, features });

/** Every bad input ends as one of these: one line naming the file and the problem (the formats' own error). */
export { FileError as ImportError } from '../formats/file-error';

/** The user stopped the import (code `cancelled`); nothing was written. */
export class ImportCancelled extends Cancelled {
  override name = 'ImportCancelled';
  constructor(file?: string) {
    super(file ? `${basename(file)}: import cancelled` : 'import cancelled');
  }
}

export interface ImportProgress {
  /** The phase in English ('porto.osm.pbf: parsing OSM'); `step` says it in any language (phaseInWords). */
  phase: string;
  step: ImportStep;
  bytesRead: number;
  bytesTotal: number;
  features: number;
}

export interface ImportContext {
  /** Column mapping for population files; auto-detected when absent. */
  mapping?: FieldMapping;
  /** Multi-layer files (GeoPackage): the layer to read; by default the first whose columns fit. */
  layer?: string;
  /** [west, south, east, north] in WGS84: rasters read only this window. */
  window?: [number, number, number, number];
  /** [west, south, east, north] in WGS84 the dataset covers: a raster too large to read whole is read only there. */
  areaOfInterest?: [number, number, number, number];
  /** Rasters: keep only pixels with more than 0 people. */
  positiveOnly?: boolean;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

export interface ImportedLayer {
  file: string;
  format: string;
  /** Prefix of every id this file brought ("osm:porto-centre-2020:"); re-importing replaces them. */
  idPrefix: string;
  /** CRS the file was in, e.g. "EPSG:3763". */
  crs: string;
  licence?: string;
  attribution?: string;
  populationUnits: PopulationUnit[];
  buildings: Building[];
  facilities: Facility[];
  protectedSites: ProtectedSite[];
  /** Reason -> count of source records left out. */
  skipped: Record<string, number>;
  /** Anything the user should know (mapping used, assumptions applied). */
  notes: string[];
  /** Streets, water, land use and place names for the basemap tiles (OSM only). */
  basemap?: BasemapFeature[];
}

export interface Importer {
  /** Short name used in ids and reports: "osm", "gpkg", "geojson", "shapefile", "geotiff", "csv". */
  format: string;
  label: string;
  extensions: readonly string[];
  /** True when the first bytes (up to 4 KiB) look like this format; `path` for extension hints. */
  sniff(head: Buffer, path: string): boolean;
  read(path: string, ctx: ImportContext): Promise<ImportedLayer>;
}

/** "porto-centre-2020.osm.pbf" -> "porto-centre-2020": the per-file part of ids. */
export function fileStem(path: string): string {
  const name = basename(path).toLowerCase();
  return name.replace(/\.(osm\.pbf|pbf|gpkg|geojson|json|shp|tiff?|csv|txt)$/, '').replace(/[^a-z0-9._-]+/g, '-');
}

export function emptyLayer(file: string, format: string, crs: string): ImportedLayer {
  return {
    file, format, idPrefix: `${format}:${fileStem(file)}:`, crs,
    populationUnits: [], buildings: [], facilities: [], protectedSites: [], skipped: {}, notes: [],
  };
}

export function countSkip(layer: ImportedLayer, reason: string, n = 1): void {
  layer.skipped[reason] = (layer.skipped[reason] ?? 0) + n;
}
