/**
 * Population units from vector features, shared by the GeoPackage, GeoJSON and shapefile importers:
 * chooses the field mapping (given, or detected from the columns), checks that its columns exist,
 * reprojects each feature and turns its row into a PopulationUnit.
 */
import type { Crs } from '../formats/crs';
import { detectMapping, missingColumns, unitFromRow, type FieldMapping } from './field-mapping';
import { toArealWgs84 } from './geometry';
import { ImportError, countSkip, type ImportContext, type ImportedLayer } from './types';

export interface PopulationSink {
  mapping: FieldMapping;
  add(props: Record<string, unknown>, geometry: { type: string; coordinates?: unknown } | null, index: number): void;
  finish(): void;
}

export function populationSink(layer: ImportedLayer, columns: string[], layerName: string, crs: Crs, ctx: ImportContext): PopulationSink {
  let mapping = ctx.mapping;
  if (mapping) {
    const missing = missingColumns(mapping, columns);
    if (missing.length) {
      throw new ImportError(layer.file, { key: 'import.mappingColumnsMissing', params: { n: missing.length, missing: missing.join(', '), columns: columns.join(', ') } });
    }
    layer.notes.push('field mapping: as given');
  } else {
    const found = detectMapping(columns, layerName);
    if (!found) {
      throw new ImportError(layer.file, { key: 'import.noResidentsColumn', params: { columns: `${columns.slice(0, 40).join(', ')}${columns.length > 40 ? ', ...' : ''}` } });
    }
    mapping = found.mapping;
    layer.notes.push(`field mapping: detected "${found.preset.name}" ${JSON.stringify(mapping)}`);
    if (found.preset.licence) layer.licence = found.preset.licence;
    if (found.preset.attribution) layer.attribution = found.preset.attribution;
  }
  const m = mapping;
  const seen = new Map<string, number>();
  let clipped = 0;
  return {
    mapping: m,
    add(props, geometry, index) {
      const where = `feature ${index + 1}`;
      const g = toArealWgs84(geometry, crs, layer.file, where);
      if (!g) {
        countSkip(layer, geometry ? `features that are not polygons (${geometry.type})` : 'features without geometry');
        return;
      }
      let local = m.id !== undefined && props[m.id] !== null && props[m.id] !== undefined && String(props[m.id]) !== '' ? String(props[m.id]) : `#${index + 1}`;
      const n = seen.get(local) ?? 0;
      seen.set(local, n + 1);
      if (n > 0) local = `${local}#${n + 1}`;
      const r = unitFromRow(props, m, layer.idPrefix + local, g);
      if (r.skip) return countSkip(layer, r.skip);
      if (r.clipped) clipped++;
      layer.populationUnits.push(r.unit!);
    },
    finish() {
      if (clipped) layer.notes.push(`${clipped} units had breakdown counts outside 0..residents; their shares were clipped to [0, 1]`);
      const dup = [...seen.values()].filter((n) => n > 1).length;
      if (dup) layer.notes.push(`${dup} unit ids occur more than once; later ones got a #n suffix`);
    },
  };
}
