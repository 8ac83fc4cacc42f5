/** OSM tags -> Protomaps basemap layer, kind and first zoom, from data/basemap/osm-basemap.json. */
import rules from '../../data/basemap/osm-basemap.json';
import type { BasemapLayer, BasemapProps } from './feature';

type Tags = Record<string, string>;
interface Rule { kind: string; minZoom?: number; link?: boolean; [key: string]: unknown }

/** The tag ("highway=primary") a rule matches on: its one key besides kind/minZoom/link. */
function match(tags: Tags, list: Rule[]): { rule: Rule; value: string } | undefined {
  const { keys, firstRule, tests } = compiled(list);
  // The first rule in list order with any matching test: look up each of the list's few keys once
  // instead of walking every rule (match runs for every tagged object of an extract).
  let first = Infinity;
  for (const k of keys) {
    const t = tags[k];
    const i = t === undefined ? undefined : firstRule.get(k)!.get(t);
    if (i !== undefined && i < first) first = i;
  }
  if (first === Infinity) return undefined;
  for (const [k, values] of tests[first]!) {
    const t = tags[k];
    if (t !== undefined && values.has(t)) return { rule: list[first]!, value: t };
  }
  return undefined;
}

interface Compiled {
  /** Every key any rule tests. */
  keys: string[];
  /** key -> value -> index of the first rule that tests key=value. */
  firstRule: Map<string, Map<string, number>>;
  /** Each rule's tag tests (key, values) in the rule's order: the value reported is the first that matches. */
  tests: [string, Set<string>][][];
}

/** A rule list's tests, worked out once per list. */
const compiledLists = new WeakMap<Rule[], Compiled>();
function compiled(list: Rule[]): Compiled {
  let c = compiledLists.get(list);
  if (!c) {
    const tests = list.map((rule) => Object.entries(rule)
      .filter(([k, v]) => k !== 'kind' && k !== 'minZoom' && k !== 'link' && Array.isArray(v))
      .map(([k, v]) => [k, new Set(v as string[])] as [string, Set<string>]));
    const firstRule = new Map<string, Map<string, number>>();
    tests.forEach((ruleTests, i) => {
      for (const [k, values] of ruleTests) {
        const byValue = firstRule.get(k) ?? firstRule.set(k, new Map()).get(k)!;
        for (const v of values) if (!byValue.has(v)) byValue.set(v, i);
      }
    });
    c = { keys: [...firstRule.keys()], firstRule, tests };
    compiledLists.set(list, c);
  }
  return c;
}

const yes = (v: string | undefined) => v !== undefined && v !== 'no' && v !== '0' && v !== 'false';
const NAME_KEY = /^name:[a-z]{2,3}$/;

/** name and every name:xx (language code) tag. */
export function namesOf(tags: Tags): BasemapProps {
  const out: BasemapProps = {};
  for (const [k, v] of Object.entries(tags)) if (k === 'name' || NAME_KEY.test(k)) out[k] = v;
  return out;
}

export interface Classified { layer: BasemapLayer; kind: string; minZoom?: number; properties: BasemapProps }

/** A way or relation drawn as a line (roads, railways, rivers), or undefined. */
export function lineClass(tags: Tags): Classified | undefined {
  const road = match(tags, rules.roads as Rule[]);
  if (road && tags.area !== 'yes') {
    const p: BasemapProps = { kind: road.rule.kind, kind_detail: road.value, ...namesOf(tags) };
    if (road.rule.link) p.is_link = true;
    if (yes(tags.bridge)) p.is_bridge = true;
    if (yes(tags.tunnel) || tags.covered === 'yes') p.is_tunnel = true;
    if (tags.oneway === 'yes') p.oneway = 'yes';
    if (tags.ref) p.ref = tags.ref;
    return { layer: 'roads', kind: road.rule.kind, minZoom: road.rule.minZoom, properties: p };
  }
  const water = match(tags, rules.waterLines as Rule[]);
  if (water) return { layer: 'water', kind: water.rule.kind, minZoom: water.rule.minZoom, properties: { kind: water.rule.kind, kind_detail: water.value, ...namesOf(tags) } };
  return undefined;
}

/** A closed way or multipolygon drawn as an area (water, parks, land use), or undefined. */
export function areaClass(tags: Tags): Classified | undefined {
  const water = match(tags, rules.waterAreas as Rule[]);
  if (water) return { layer: 'water', kind: water.rule.kind, properties: { kind: water.rule.kind, kind_detail: tags.water ?? water.value, ...namesOf(tags) } };
  const land = match(tags, rules.landuse as Rule[]);
  if (land && (land.rule.kind !== 'pedestrian' || tags.area === 'yes')) return { layer: 'landuse', kind: land.rule.kind, properties: { kind: land.rule.kind, ...namesOf(tags) } };
  return undefined;
}

/** A place node (city, town, suburb, quarter ...), or undefined. */
export function placeClass(tags: Tags): Classified | undefined {
  const place = match(tags, rules.places as Rule[]);
  if (!place || !tags.name) return undefined;
  const p: BasemapProps = { kind: place.rule.kind, kind_detail: place.value, ...namesOf(tags) };
  const population = Number(tags.population);
  if (Number.isFinite(population) && population > 0) p.population = population;
  return { layer: 'places', kind: place.rule.kind, minZoom: place.rule.minZoom, properties: p };
}

/** First zoom of an area from its extent in degrees (small parks appear late). */
export function areaMinZoom(extentDeg: number): number {
  for (const [atLeast, zoom] of rules.areaMinZoom.steps as [number, number][]) if (extentDeg >= atLeast) return zoom;
  return 13;
}

export const BUILDINGS_MIN_ZOOM: number = rules.buildingsMinZoom;
