/** Area names: every new area gets a name no other area has, so lists, the map and reports can tell them apart. */

/** "Area n" with n one more than the highest "Area n" in use (and never a name in use). */
export function nextAreaName(existing: readonly string[]): string {
  const used = new Set(existing.map((n) => n.trim().toLocaleLowerCase()));
  let n = existing.reduce((m, name) => Math.max(m, Number(/^area (\d+)$/i.exec(name.trim())?.[1] ?? 0)), 0) + 1;
  while (used.has(`area ${n}`)) n++;
  return `Area ${n}`;
}

/** Why a typed name cannot be kept, or null when it can: names must be non-empty and unique. */
export function areaNameProblem(name: string, otherNames: readonly string[]): string | null {
  const n = name.trim();
  if (!n) return 'An area needs a name.';
  if (otherNames.some((o) => o.trim().toLocaleLowerCase() === n.toLocaleLowerCase())) return `Another area is already called "${n}".`;
  return null;
}
