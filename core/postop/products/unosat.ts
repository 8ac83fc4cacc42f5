/**
 * UNITAR-UNOSAT damage assessment products (GeoJSON, shapefile or CSV of sites).
 *
 * Class field: raw UNOSAT products carry one class per image date, named Main_Damag, Main_Dam_1,
 * Main_Dam_2 ... (DBF truncation of "Main_Damage_<n>") with dates SensorDate, SensorDa_1, SensorDa_2.
 * For each site the LATEST sensor with a value wins, with that sensor's date; sites assessed only on
 * an earlier image keep their earlier class and date. Only if no Main_Dam* field holds a value are
 * the fallbacks tried (Damage_S_1, Damage_Sta, Grouped_Da, ...; data/postop/damage-classes.json).
 * Values may be codes (1, 2, 3, 4, 6, 11) or labels ("Severe Damage"); an unknown value is an error.
 */
import table from '../../../data/postop/damage-classes.json';
import { classifyUnosat } from '../damage-classes';
import { PostopError } from '../errors';
import type { RawLayer } from '../formats/layer';
import { vertexCentroid } from '../../geometry/polygons';
import { featureKeyOf, isoDate, validGeometry } from './geometry';
import { addSkip, type DamageRecord, type ProductLayer, type ProductModule } from './product';

const SENSOR = new RegExp(table.unosat.classFields.sensorPattern, 'i');
const DATE = new RegExp(table.unosat.classFields.datePattern, 'i');
const FALLBACKS = table.unosat.classFields.fallbacks.map((f) => f.toLowerCase());

const sensorIndex = (m: RegExpExecArray): number => (m[2] === undefined ? 0 : Number(m[2]));

function fieldsOf(layer: RawLayer): string[] {
  const keys = new Set<string>();
  for (const f of layer.features.slice(0, 200)) for (const k of Object.keys(f.properties)) keys.add(k);
  return [...keys];
}

/** The class fields of a layer in the order they are tried: latest sensor first, then fallbacks. */
export function unosatClassFields(fields: string[]): { field: string; dateField: string | null }[] {
  const dates = new Map<number, string>();
  for (const f of fields) {
    const m = DATE.exec(f);
    if (m) dates.set(sensorIndex(m), f);
  }
  const sensors = fields.flatMap((f) => {
    const m = SENSOR.exec(f);
    return m ? [{ field: f, index: sensorIndex(m) }] : [];
  }).sort((a, b) => b.index - a.index);
  const latestDate = dates.size ? dates.get(Math.max(...dates.keys()))! : null;
  return [
    ...sensors.map((s) => ({ field: s.field, dateField: dates.get(s.index) ?? null })),
    ...FALLBACKS.flatMap((fb) => fields.filter((f) => f.toLowerCase() === fb)).map((field) => ({ field, dateField: latestDate })),
  ];
}

export const unosat: ProductModule = {
  name: 'UNOSAT',
  detect(layer) {
    return unosatClassFields(fieldsOf(layer)).length > 0;
  },
  interpret(layer, opts) {
    const candidates = unosatClassFields(fieldsOf(layer));
    const skipped = new Map<string, number>();
    const records: DamageRecord[] = [];
    const seen = new Map<string, number>();
    let eventCode: string | null = null;
    layer.features.forEach((f, i) => {
      const p = f.properties;
      if (!eventCode && typeof p.EventCode === 'string' && p.EventCode.trim()) eventCode = p.EventCode.trim();
      let chosen: { field: string; dateField: string | null; raw: unknown; cls: NonNullable<ReturnType<typeof classifyUnosat>> } | null = null;
      for (const c of candidates) {
        const cls = classifyUnosat(p[c.field]);
        if (cls === null) continue;
        if (cls === undefined) {
          throw new PostopError(`${layer.file}: feature ${i}: ${c.field} value "${String(p[c.field])}" is not a UNOSAT damage class (expected 1, 2, 3, 4, 6, 11 or their labels)`);
        }
        chosen = { ...c, raw: p[c.field], cls };
        break;
      }
      if (!chosen) return addSkip(skipped, 'no damage class value');
      if ('skip' in chosen.cls) return addSkip(skipped, chosen.cls.skip);
      if (!f.geometry) return addSkip(skipped, 'no geometry');
      const geometry = validGeometry(f.geometry, layer.file, i);
      const lonLat = vertexCentroid(geometry);
      records.push({
        featureKey: featureKeyOf('site', lonLat, seen),
        geometry, lonLat,
        damageClass: chosen.cls.class,
        rawValue: String(chosen.raw).trim(),
        classField: chosen.field,
        sensorDate: (chosen.dateField ? isoDate(p[chosen.dateField]) : null) ?? opts.sensorDate ?? null,
        properties: p,
      });
    });
    const latest = records.reduce<string>((m, r) => (r.sensorDate && r.sensorDate > m ? r.sensorDate : m), '');
    const product = eventCode ? `UNOSAT_${eventCode}` : `UNOSAT_${layer.name}`;
    return {
      file: layer.file, product, layer: 'sites', role: 'damage', records, footprint: [], skipped,
      version: latest || '0000-00-00',
      versionLabel: latest ? `imagery up to ${latest}` : 'undated',
      source: `UNITAR-UNOSAT${eventCode ? ` ${eventCode}` : ''} (${layer.file})`,
    } satisfies ProductLayer;
  },
};
