/**
 * An engineer's edit in words, with names rather than ids: "Hospital X: beds 420 → 600",
 * "Substation Y now feeds Pumping station Z (power), backup 2 days". Pure: the edit record and a
 * way to name facilities by id in, one line out.
 */

export interface EditLike {
  entity: 'facility' | 'dependency' | 'serviceArea';
  entityId: string;
  action: 'create' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  undoOf: number | null;
}

const CONSTRUCTION_WORDS: Record<string, string> = { light: 'light frame', urm: 'unreinforced masonry', rc: 'reinforced concrete', steel: 'steel' };
const CAPACITY_WORDS: Record<string, [string, string]> = { beds: ['beds', ''], peopleServed: ['people served', ''], mw: ['capacity', ' MW'] };

const plain = (s: string) => s.replace(/_/g, ' ');
const number = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-GB', { maximumFractionDigits: 2 }) : 'not set');
const days = (v: unknown) => (typeof v === 'number' ? `${number(v)} ${v === 1 ? 'day' : 'days'}` : 'not set');
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What changed on a facility, in words: "beds 420 → 600; construction reinforced concrete → steel". */
function facilityChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (!same(before.name, after.name)) out.push(`renamed from "${String(before.name)}"`);
  if (!same(before.sector, after.sector) || !same(before.kind, after.kind)) out.push(`kind ${plain(String(before.kind))} → ${plain(String(after.kind))}`);
  if (!same(before.construction, after.construction)) {
    out.push(`construction ${CONSTRUCTION_WORDS[String(before.construction)] ?? before.construction} → ${CONSTRUCTION_WORDS[String(after.construction)] ?? after.construction}`);
  }
  const cb = (before.capacity ?? {}) as Record<string, unknown>;
  const ca = (after.capacity ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(cb), ...Object.keys(ca)])) {
    if (same(cb[key], ca[key])) continue;
    const [label, unit] = CAPACITY_WORDS[key] ?? [plain(key), ''];
    out.push(`${label} ${number(cb[key])}${cb[key] === undefined ? '' : unit} → ${number(ca[key])}${ca[key] === undefined ? '' : unit}`);
  }
  if (!same(before.geometry, after.geometry)) out.push('moved on the map');
  if (!same(before.source, after.source)) out.push('source note changed');
  return out;
}

export function editInWords(e: EditLike, nameOf: (facilityId: string) => string | undefined): string {
  const name = (id: unknown) => nameOf(String(id)) ?? `facility ${String(id)}`;
  const v = (e.after ?? e.before ?? {}) as Record<string, unknown>;
  let text: string;
  if (e.entity === 'facility') {
    const title = String(v.name ?? '') || name(e.entityId);
    if (e.action === 'create') text = `Added ${plain(String(v.kind ?? 'facility'))} ${title}`;
    else if (e.action === 'delete') text = `Removed ${plain(String(v.kind ?? 'facility'))} ${title}`;
    else {
      const changes = facilityChanges(e.before ?? {}, e.after ?? {});
      text = `${title}: ${changes.length ? changes.join('; ') : 'no visible change'}`;
    }
  } else if (e.entity === 'dependency') {
    const link = `${name(v.supplierId)} ${e.action === 'delete' ? 'no longer feeds' : 'now feeds'} ${name(v.consumerId)} (${plain(String(v.input ?? ''))})`;
    if (e.action === 'create') text = `${link}, backup ${days(v.backupDays)}`;
    else if (e.action === 'delete') text = link;
    else {
      const b = e.before ?? {}, a = e.after ?? {};
      const parts: string[] = [];
      if (!same(b.backupDays, a.backupDays)) parts.push(`backup ${days(b.backupDays)} → ${days(a.backupDays)}`);
      if (!same(b.input, a.input)) parts.push(`input ${plain(String(b.input))} → ${plain(String(a.input))}`);
      if (b.inferred === true && a.inferred === false) parts.push('confirmed (no longer inferred)');
      text = `${name(v.supplierId)} → ${name(v.consumerId)}: ${parts.length ? parts.join('; ') : 'no visible change'}`;
    }
  } else {
    const of = name(v.facilityId);
    text = e.action === 'create' ? `Service area of ${of} drawn` : e.action === 'delete' ? `Service area of ${of} removed` : `Service area of ${of} redrawn`;
  }
  return e.undoOf !== null ? `Undo of #${e.undoOf}: ${text}` : text;
}
