/**
 * Copernicus Emergency Management Service rapid-mapping grading products, as delivered
 * (EMSR<n>_AOI<nn>_GRA_<PRODUCT|MONITnn>_<layer>_r<r>_v<v>, GeoJSON or shapefile).
 *
 * Product key: EMSR<n>_AOI<nn>_<type>, e.g. "EMSR517_AOI15_GRA". Version: PRODUCT < MONIT01 < MONIT02,
 * then release r, then version v. A monitoring update re-assesses the same area: it replaces the
 * earlier grading of that product, never adds to it. Building layers (builtUpP, builtUpA) become
 * building damage; areaOfInterestA becomes the footprint; other graded layers (transportationL,
 * facilitiesA, observedEventA) are not buildings and are reported as skipped.
 */
import table from '../../../data/postop/damage-classes.json';
import { classifyCems } from '../damage-classes';
import { PostopError } from '../errors';
import type { RawLayer } from '../formats/layer';
import { arealParts, vertexCentroid } from '../../geometry/polygons';
import { featureKeyOf, validGeometry } from './geometry';
import { addSkip, type DamageRecord, type ProductLayer, type ProductModule } from './product';

const NAME = /^(EMSR\d+)_(AOI\d+)_([A-Z]+)_(PRODUCT|MONIT(\d+))_([A-Za-z]+)_r(\d+)_v(\d+)/i;
const pad = (n: string | number) => String(n).padStart(3, '0');

export interface CemsName { product: string; version: string; versionLabel: string; layer: string; activation: string }

export function parseCemsName(name: string): CemsName | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const monit = m[5] === undefined ? 0 : Number(m[5]);
  return {
    activation: m[1]!.toUpperCase(),
    product: `${m[1]!.toUpperCase()}_${m[2]!.toUpperCase()}_${m[3]!.toUpperCase()}`,
    version: `${pad(monit)}-${pad(m[7]!)}-${pad(m[8]!)}`,
    versionLabel: `${m[4]!.toUpperCase()} r${m[7]} v${m[8]}`,
    layer: m[6]!,
  };
}

const gradeField = (layer: RawLayer): string | null => {
  for (const f of layer.features.slice(0, 50)) {
    const k = Object.keys(f.properties).find((x) => x.toLowerCase() === table.cems.field);
    if (k) return k;
  }
  return null;
};

export const cems: ProductModule = {
  name: 'Copernicus EMS',
  detect(layer) {
    return parseCemsName(layer.name) !== null || gradeField(layer) !== null;
  },
  interpret(layer, opts) {
    const parsed = parseCemsName(layer.name);
    const field = gradeField(layer);
    const lname = parsed?.layer ?? (field ? 'builtUp' : layer.name);
    const base = {
      file: layer.file,
      product: parsed?.product ?? layer.name,
      version: parsed?.version ?? '000-000-000',
      versionLabel: parsed?.versionLabel ?? 'unversioned',
      source: `Copernicus EMS ${parsed ? `${parsed.product} ${parsed.versionLabel}` : layer.name} (${layer.file}); © European Union, Copernicus Emergency Management Service`,
      layer: lname,
      skipped: new Map<string, number>(),
      records: [] as DamageRecord[],
      footprint: [] as ProductLayer['footprint'],
    };
    const isBuilding = table.cems.buildingLayers.some((l) => l.toLowerCase() === lname.toLowerCase()) || (!parsed && field !== null);
    const isFootprint = table.cems.footprintLayers.some((l) => l.toLowerCase() === lname.toLowerCase());
    if (isFootprint) {
      layer.features.forEach((f, i) => { if (f.geometry) validGeometry(f.geometry, layer.file, i); });
      const footprint = layer.features.flatMap((f) => arealParts(f.geometry));
      if (!footprint.length) throw new PostopError(`${layer.file}: area of interest has no polygon`);
      return { ...base, role: 'footprint', footprint };
    }
    if (!isBuilding) {
      addSkip(base.skipped, `layer ${lname} is not a building layer (not imported)`, layer.features.length);
      return { ...base, role: 'ignored' };
    }
    if (!field) throw new PostopError(`${layer.file}: building layer without a ${table.cems.field} attribute`);
    const seen = new Map<string, number>();
    layer.features.forEach((f, i) => {
      const raw = f.properties[field];
      const cls = classifyCems(raw);
      if (cls === undefined) {
        throw new PostopError(`${layer.file}: feature ${i}: ${field} value "${String(raw)}" is not a Copernicus EMS grading (expected Destroyed, Damaged, Possibly damaged, No visible damage, Not Analysed or the older scheme)`);
      }
      if (cls === null) return addSkip(base.skipped, `no ${field} value`);
      if ('skip' in cls) return addSkip(base.skipped, cls.skip);
      if (!f.geometry) return addSkip(base.skipped, 'no geometry');
      const geometry = validGeometry(f.geometry, layer.file, i);
      const lonLat = vertexCentroid(geometry);
      base.records.push({
        featureKey: featureKeyOf(lname, lonLat, seen), geometry, lonLat,
        damageClass: cls.class, rawValue: String(raw).trim(), classField: field,
        sensorDate: opts.sensorDate ?? null, properties: f.properties,
      });
    });
    return { ...base, role: 'damage' };
  },
};
