/** Area names: every new area gets a name no other area has, so lists, the map and reports can tell them apart. */
import { ENGLISH, type Locale } from '../../core/i18n/locale';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * "Area n" (in the reader's language: "Secteur n", "المنطقة n") with n one more than the highest such
 * name in use (and never a name in use). The number is written in Latin digits: the name is data,
 * typed and searched as text.
 */
export function nextAreaName(existing: readonly string[], loc: Locale = ENGLISH): string {
  const word = loc.t('ui:areas.defaultName', { n: '\uFDD0' });
  const [before, after] = word.split('\uFDD0') as [string, string];
  const pattern = new RegExp(`^${escapeRegExp(before.trim())}\\s*(\\d+)\\s*${escapeRegExp(after.trim())}$`, 'i');
  const used = new Set(existing.map((n) => n.trim().toLocaleLowerCase()));
  const named = (n: number) => word.replace('\uFDD0', String(n));
  let n = existing.reduce((m, name) => Math.max(m, Number(pattern.exec(name.trim())?.[1] ?? 0)), 0) + 1;
  while (used.has(named(n).toLocaleLowerCase())) n++;
  return named(n);
}

/** Why a typed name cannot be kept, or null when it can: names must be non-empty and unique. */
export function areaNameProblem(name: string, otherNames: readonly string[], loc: Locale = ENGLISH): string | null {
  const n = name.trim();
  if (!n) return loc.t('ui:areas.problem.empty');
  if (otherNames.some((o) => o.trim().toLocaleLowerCase() === n.toLocaleLowerCase())) return loc.t('ui:areas.problem.taken', { name: n });
  return null;
}
