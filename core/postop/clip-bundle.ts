/** The part of a dataset a scenario package carries: what lies around its options (package.ts). */
import { bboxOf, boxesMeet, growBox, unionBox, type BBox } from '../geometry/bbox';
import type { AnyFeatureGeometry, DatasetBundle } from '../model/dataset';
import type { Operation } from '../model/operation';

/** The part of a dataset within `box`: units, buildings and sites that meet it, facilities in it and every facility they depend on. */
export function clipBundle(b: DatasetBundle, box: BBox): DatasetBundle {
  const meets = (g: AnyFeatureGeometry) => boxesMeet(bboxOf(g), box);
  const keep = new Set(b.facilities.filter((f) => meets(f.geometry)).map((f) => f.id));
  for (let grew = true; grew;) { // suppliers of kept facilities, transitively: cascades need them
    grew = false;
    for (const d of b.dependencies) if (keep.has(d.consumerId) && !keep.has(d.supplierId)) { keep.add(d.supplierId); grew = true; }
  }
  return {
    meta: b.meta,
    populationUnits: b.populationUnits.filter((u) => meets(u.geometry)),
    buildings: b.buildings.filter((x) => meets(x.geometry)),
    facilities: b.facilities.filter((f) => keep.has(f.id)),
    dependencies: b.dependencies.filter((d) => keep.has(d.consumerId) && keep.has(d.supplierId)),
    serviceAreas: b.serviceAreas.filter((s) => keep.has(s.facilityId)),
    protectedSites: b.protectedSites.filter((p) => meets(p.geometry)).map((p) => (p.facilityId && !keep.has(p.facilityId) ? { ...p, facilityId: null } : p)),
  };
}

/** The box around every area of the options, grown by marginM. */
export function optionsBox(operations: Operation[], marginM: number): BBox {
  return growBox(unionBox(operations.flatMap((o) => o.areas.map((a) => bboxOf(a.geometry)))), marginM);
}
