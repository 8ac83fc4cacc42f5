/**
 * A plain polygon layer without damage attributes, given beside a damage product: the observed
 * footprint (the area the analysts looked at). It takes the product key of the damage file it
 * came with; damage outside it does not count, and inside it no record means no damage seen.
 */
import type { RawLayer } from '../formats/layer';
import { arealParts } from '../../geometry/polygons';
import { validGeometry } from './geometry';
import type { ProductModule } from './product';

export const footprint: ProductModule = {
  name: 'footprint',
  detect(layer: RawLayer) {
    return layer.features.length > 0 && layer.features.every((f) => f.geometry && arealParts(f.geometry).length > 0);
  },
  interpret(layer) {
    layer.features.forEach((f, i) => { if (f.geometry) validGeometry(f.geometry, layer.file, i); });
    return {
      file: layer.file, product: '', version: '', versionLabel: '', source: `footprint (${layer.file})`,
      layer: 'footprint', role: 'footprint', records: [], skipped: new Map(),
      footprint: layer.features.flatMap((f) => arealParts(f.geometry)),
    };
  },
};
