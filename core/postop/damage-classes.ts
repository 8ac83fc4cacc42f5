/**
 * Observed damage classes (METHOD.md §7): 0 none, 1 possible, 2 moderate, 3 severe, 4 destroyed.
 * The mapping of every product's raw values is data, in data/postop/damage-classes.json, with sources.
 */
import table from '../../data/postop/damage-classes.json';

export type DamageClass = 0 | 1 | 2 | 3 | 4;
export const DAMAGE_CLASSES: readonly DamageClass[] = [0, 1, 2, 3, 4];
export { DAMAGE_CLASS_KEYS, type DamageClassKey } from '../model/observation';

export const damageClassTable = table;

/** "2 - Severe Damage", "severe damage", "Severe_Damage" -> "severedamage"; "2.0" -> "2". */
export function normaliseLabel(raw: unknown): string {
  let s = String(raw ?? '').trim();
  if (/^\d+(\.0+)?$/.test(s)) return String(Number(s));
  s = s.replace(/^\d+\s*[-:.]\s*/, '');
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export type Classified = { class: DamageClass } | { skip: string } | null;

const unosatMap = new Map<string, Classified>();
for (const c of table.unosat.codes) {
  const v = { class: c.class as DamageClass };
  unosatMap.set(c.raw, v);
  for (const l of c.labels) unosatMap.set(normaliseLabel(l), v);
}
for (const c of table.unosat.notBuildings.codes) {
  const v = { skip: `UNOSAT code ${c.raw} (${c.labels[0]}) is not a building` };
  unosatMap.set(c.raw, v);
  for (const l of c.labels) unosatMap.set(normaliseLabel(l), v);
}

/** A UNOSAT class code or label; null when the value is empty; throws nothing (unknown -> undefined). */
export function classifyUnosat(raw: unknown): Classified | undefined {
  if (raw === null || raw === undefined || String(raw).trim() === '') return null;
  return unosatMap.get(normaliseLabel(raw));
}

const cemsMap = new Map<string, Classified>();
for (const l of table.cems.labels) cemsMap.set(normaliseLabel(l.raw), { class: l.class as DamageClass });
for (const s of table.cems.skip) cemsMap.set(normaliseLabel(s.raw), { skip: s.reason });

export function classifyCems(raw: unknown): Classified | undefined {
  if (raw === null || raw === undefined || String(raw).trim() === '') return null;
  return cemsMap.get(normaliseLabel(raw));
}

export function emptyByClass(): Record<DamageClass, number> {
  return { 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 };
}
