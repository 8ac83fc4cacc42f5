/**
 * An engineer's edit in words, with names rather than ids: "Hospital X: beds 420 → 600",
 * "Substation Y now feeds Pumping station Z (power), backup 2 days". Pure: the edit record, a way
 * to name facilities by id and the reader's locale in, one line out.
 */
import { ENGLISH, type Locale } from '../../core/i18n/locale';
import { constructionWord, kindWord, nsT, sectorWord } from './enum-words';

export interface EditLike {
  entity: 'facility' | 'dependency' | 'serviceArea';
  entityId: string;
  action: 'create' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  undoOf: number | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The words of one locale for the values an edit record holds. */
function wordsOf(loc: Locale) {
  const t = nsT(loc);
  const number = (v: unknown) => (typeof v === 'number' ? loc.number({ maximumFractionDigits: 2 }).format(v) : t('editing:history.notSet'));
  const days = (v: unknown) => (typeof v === 'number' ? t('editing:history.days', { count: v, n: number(v) }) : t('editing:history.notSet'));
  /** A capacity value with its unit ("12 MW"), or "not set". */
  const capacity = (key: string, v: unknown) => (v === undefined || typeof v !== 'number' ? number(v)
    : key === 'mw' ? t('editing:history.megawatts', { n: number(v) }) : number(v));
  const capacityLabel = (key: string) => (key === 'beds' || key === 'peopleServed' || key === 'mw' ? t(`editing:history.capacity.${key}`) : key);
  const list = (parts: string[]) => parts.join(t('editing:history.separator'));
  return { t, number, days, capacity, capacityLabel, list };
}

/** What changed on a facility, in words: "beds 420 → 600; construction reinforced concrete → steel". */
function facilityChanges(before: Record<string, unknown>, after: Record<string, unknown>, loc: Locale): string[] {
  const { t, capacity, capacityLabel } = wordsOf(loc);
  const out: string[] = [];
  if (!same(before.name, after.name)) out.push(t('editing:history.renamed', { name: String(before.name) }));
  if (!same(before.sector, after.sector) || !same(before.kind, after.kind)) out.push(t('editing:history.change.kind', { from: kindWord(before.kind, loc), to: kindWord(after.kind, loc) }));
  if (!same(before.construction, after.construction)) {
    out.push(t('editing:history.change.construction', { from: constructionWord(before.construction, loc), to: constructionWord(after.construction, loc) }));
  }
  const cb = (before.capacity ?? {}) as Record<string, unknown>;
  const ca = (after.capacity ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(cb), ...Object.keys(ca)])) {
    if (same(cb[key], ca[key])) continue;
    out.push(t('editing:history.change.value', { label: capacityLabel(key), from: capacity(key, cb[key]), to: capacity(key, ca[key]) }));
  }
  if (!same(before.geometry, after.geometry)) out.push(t('editing:history.moved'));
  if (!same(before.source, after.source)) out.push(t('editing:history.sourceChanged'));
  return out;
}

export function editInWords(e: EditLike, nameOf: (facilityId: string) => string | undefined, loc: Locale = ENGLISH): string {
  const { t, days, list } = wordsOf(loc);
  const name = (id: unknown) => nameOf(String(id)) ?? t('editing:history.facilityId', { id: String(id) });
  const v = (e.after ?? e.before ?? {}) as Record<string, unknown>;
  const changesOr = (parts: string[]) => (parts.length ? list(parts) : t('editing:history.noChange'));
  let text: string;
  if (e.entity === 'facility') {
    const title = String(v.name ?? '') || name(e.entityId);
    const kind = v.kind === undefined ? t('editing:history.facility') : kindWord(v.kind, loc);
    if (e.action === 'create') text = t('editing:history.facilityAdded', { kind, name: title });
    else if (e.action === 'delete') text = t('editing:history.facilityRemoved', { kind, name: title });
    else text = t('editing:history.facilityChanged', { name: title, changes: changesOr(facilityChanges(e.before ?? {}, e.after ?? {}, loc)) });
  } else if (e.entity === 'dependency') {
    const link = { supplier: name(v.supplierId), consumer: name(v.consumerId), input: sectorWord(v.input, loc) };
    if (e.action === 'create') text = t('editing:history.feedsWithBackup', { ...link, days: days(v.backupDays) });
    else if (e.action === 'delete') text = t('editing:history.noLongerFeeds', link);
    else {
      const b = e.before ?? {}, a = e.after ?? {};
      const parts: string[] = [];
      if (!same(b.backupDays, a.backupDays)) parts.push(t('editing:history.change.backup', { from: days(b.backupDays), to: days(a.backupDays) }));
      if (!same(b.input, a.input)) parts.push(t('editing:history.change.input', { from: sectorWord(b.input, loc), to: sectorWord(a.input, loc) }));
      if (b.inferred === true && a.inferred === false) parts.push(t('editing:history.confirmed'));
      text = t('editing:history.dependencyChanged', { ...link, changes: changesOr(parts) });
    }
  } else {
    const of = name(v.facilityId);
    text = t(e.action === 'create' ? 'editing:history.area.drawn' : e.action === 'delete' ? 'editing:history.area.removed' : 'editing:history.area.redrawn', { name: of });
  }
  return e.undoOf !== null ? t('editing:history.undoOf', { id: loc.number({ useGrouping: false }).format(e.undoOf), text }) : text;
}
