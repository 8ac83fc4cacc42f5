/**
 * Protected sites as a planner reads them: one entry per real place (an OSM node and way of the same
 * name a few metres apart are one site; a site near two areas is one site), grouped by category,
 * nearest first, and never a blank name. Pure functions of the assessment's site list.
 */
import { greatCircleM } from '../geometry/projection';
import { PROTECTED_CATEGORIES, type ProtectedCategory } from '../model/dataset';
import type { ProtectedSiteHit } from '../model/assessment';
import { categoryCount, labelsFor } from './labels';
import { ENGLISH, type Locale } from '../i18n/locale';

/** Two hits of the same name closer than this are one site (an OSM node and the way drawn around it). */
export const SAME_SITE_RADIUS_M = 150;
/** An unnamed site is described by the nearest named site within this distance. */
const NEAR_NAMED_RADIUS_M = 600;

export interface SiteEntry {
  id: string;
  /** Never empty: the site's name, or its kind and the nearest named place. */
  label: string;
  named: boolean;
  category: ProtectedCategory;
  /** 0 when inside an area; otherwise the shortest distance to any area's edge. */
  distanceM: number;
  peoplePresent: number;
  lonLat: [number, number];
  /** How many source records were merged into this entry. */
  merged: number;
}

export interface SiteGroup {
  category: ProtectedCategory;
  label: string;
  inside: number;
  inZones: number;
  sites: SiteEntry[];
}

const nameKey = (s: string) => s.trim().toLocaleLowerCase().replace(/\s+/g, ' ');

/**
 * One entry per place: hits with the same id (one site near several areas), and hits of the same
 * non-empty name and category within `radiusM`, are merged; the merged entry keeps the smallest
 * distance to an area edge and the largest number of people present. Sorted nearest first.
 */
export function dedupeSites(hits: readonly ProtectedSiteHit[], radiusM = SAME_SITE_RADIUS_M, loc: Locale = ENGLISH): SiteEntry[] {
  const out: (SiteEntry & { key: string; ids: Set<string> })[] = [];
  for (const h of [...hits].sort((a, b) => a.distanceToAreaEdgeM - b.distanceToAreaEdgeM)) {
    const key = nameKey(h.name);
    const same = out.find((e) => e.ids.has(h.id) || (key !== '' && e.key === key && e.category === h.category && greatCircleM(e.lonLat, h.lonLat) <= radiusM));
    if (same) {
      if (!same.ids.has(h.id)) { same.ids.add(h.id); same.merged++; }
      same.distanceM = Math.min(same.distanceM, h.distanceToAreaEdgeM);
      same.peoplePresent = Math.max(same.peoplePresent, h.peoplePresent);
      continue;
    }
    out.push({ id: h.id, key, ids: new Set([h.id]), label: h.name.trim(), named: key !== '', category: h.category, distanceM: h.distanceToAreaEdgeM, peoplePresent: h.peoplePresent, lonLat: h.lonLat, merged: 1 });
  }
  const named = out.filter((e) => e.named);
  return out.map(({ key: _k, ids: _i, ...e }) => (e.named ? e : { ...e, label: describeUnnamed(e, named, loc) }));
}

/** "Unnamed school, 120 m from St Mary's Church", or "Unnamed school (no named place nearby)". */
export function describeUnnamed(site: Pick<SiteEntry, 'category' | 'lonLat'>, named: readonly Pick<SiteEntry, 'label' | 'lonLat'>[], loc: Locale = ENGLISH): string {
  // `Kind` as a label ("School"), `kind` inside a phrase ("Unnamed school"): languages put the noun first or last.
  const Kind = labelsFor(loc).category[site.category], kind = Kind.toLocaleLowerCase(loc.lang);
  let best: { label: string; d: number } | null = null;
  for (const n of named) {
    const d = greatCircleM(site.lonLat, n.lonLat);
    if (d <= NEAR_NAMED_RADIUS_M && (!best || d < best.d)) best = { label: n.label, d };
  }
  if (!best) return loc.t('report:sites.unnamed', { kind, Kind });
  if (best.d < 20) return loc.t('report:sites.unnamedBeside', { kind, Kind, place: best.label });
  return loc.t('report:sites.unnamedNear', { kind, Kind, place: best.label, distance: loc.number().format(Math.round(best.d / 10) * 10) });
}

/** Entries grouped by category in the fixed category order (hospitals first), each nearest first. */
export function groupSites(entries: readonly SiteEntry[], loc: Locale = ENGLISH): SiteGroup[] {
  return PROTECTED_CATEGORIES.map((category) => {
    const sites = entries.filter((e) => e.category === category).sort((a, b) => a.distanceM - b.distanceM);
    const inside = sites.filter((s) => s.distanceM === 0).length;
    return { category, label: labelsFor(loc).categoryPlural[category], inside, inZones: sites.length - inside, sites };
  }).filter((g) => g.sites.length > 0);
}

/** "3 schools, 1 hospital" style counts, for the headline. */
export function countWords(groups: readonly SiteGroup[], pick: (g: SiteGroup) => number, loc: Locale = ENGLISH): string {
  const parts = groups.filter((g) => pick(g) > 0).map((g) => categoryCount(g.category, pick(g), loc));
  return parts.length ? parts.join(loc.t('report:format.listComma')) : loc.t('report:sites.none');
}
