/**
 * The training city's basemap: a street grid along the census-block edges with fictional names
 * (data/training-city.json), district and town names, the industrial belt, and the sea around the
 * city, in the same Protomaps layer schema as an OSM import, so the first start shows a readable map.
 */
import config from '../../data/training-city.json';
import type { BasemapFeature } from '../basemap/feature';
import { frameAt } from './training-city';

export function generateTrainingBasemap(): BasemapFeature[] {
  const f = frameAt(config.centre.lon, config.centre.lat);
  const b = config.basemap;
  const half = config.extentM / 2;
  const n = Math.round(config.extentM / config.blockM);
  const out: BasemapFeature[] = [];
  const line = (pts: [number, number][]) => ({ type: 'LineString' as const, coordinates: pts.map(([x, y]) => f.toLonLat(x, y)) });
  const ring = (x0: number, y0: number, x1: number, y1: number) => [f.toLonLat(x0, y0), f.toLonLat(x1, y0), f.toLonLat(x1, y1), f.toLonLat(x0, y1), f.toLonLat(x0, y0)];

  // land, and the sea around it
  const land = half + b.sea.marginM, sea = land + b.sea.widthM;
  out.push({ layer: 'earth', minZoom: 0, properties: { kind: 'earth', min_zoom: 0 }, geometry: { type: 'Polygon', coordinates: [ring(-land, -land, land, land)] } });
  out.push({ layer: 'water', minZoom: 0, properties: { kind: 'ocean', name: b.sea.name, min_zoom: 0 }, geometry: { type: 'Polygon', coordinates: [ring(-sea, -sea, sea, sea), ring(-land, land, land, -land)] } });
  out.push({ layer: 'landuse', minZoom: 9, properties: { kind: 'industrial', min_zoom: 9 }, geometry: { type: 'Polygon', coordinates: [ring(b.industrialBelt.minXM, -b.industrialBelt.maxAbsYM, half, b.industrialBelt.maxAbsYM)] } });

  // streets on every block edge; every fourth an avenue
  for (let i = 0; i <= n; i++) {
    const c = -half + i * config.blockM;
    const avenue = i % b.avenueEvery === 0;
    const props = (name: string) => ({ kind: avenue ? 'major_road' : 'minor_road', kind_detail: avenue ? 'secondary' : 'residential', name, min_zoom: avenue ? 9 : 12 });
    const ns = b.northSouth[i % b.northSouth.length]!, ew = b.eastWest[i % b.eastWest.length]!;
    out.push({ layer: 'roads', minZoom: avenue ? 9 : 12, properties: props(`${ns} ${avenue ? 'Avenue' : 'Street'}`), geometry: line([[c, -half], [c, half]]) });
    out.push({ layer: 'roads', minZoom: avenue ? 9 : 12, properties: props(`${ew} ${avenue ? 'Boulevard' : 'Road'}`), geometry: line([[-half, c], [half, c]]) });
  }

  out.push({ layer: 'places', minZoom: 8, properties: { kind: 'locality', kind_detail: 'city', name: b.town.name, min_zoom: 8 }, geometry: { type: 'Point', coordinates: f.toLonLat(b.town.xM, b.town.yM) } });
  for (const d of b.districts) {
    out.push({ layer: 'places', minZoom: 12, properties: { kind: 'neighbourhood', kind_detail: 'suburb', name: d.name, ...('nameEn' in d ? { 'name:en': d.nameEn as string } : {}), min_zoom: 12 }, geometry: { type: 'Point', coordinates: f.toLonLat(d.xM, d.yM) } });
  }
  return out;
}
