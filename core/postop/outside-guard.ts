/**
 * Guard on observed damage that lands far from where it belongs (METHOD.md §7, issue 16): records
 * outside the dataset's extent, or far beyond the zones of the operation they are recorded against,
 * are almost always the wrong file or the wrong dataset. Pure: counts only; the caller decides to
 * refuse (naming the counts) unless the user confirmed. Distances: data/postop/observation-guards.json.
 */
import * as z from 'zod';
import guardFile from '../../data/postop/observation-guards.json';
import { bboxOf, growBox, inBox, type BBox } from '../geometry/bbox';
import type { EffectProfile, Operation } from '../model/operation';

const Distance = z.object({ value: z.number().finite().min(0), unit: z.literal('m'), source: z.string().min(1) });
const GuardFile = z.object({ datasetMarginM: Distance, beyondZonesM: Distance });
const limits = GuardFile.parse(guardFile);
export const DATASET_MARGIN_M = limits.datasetMarginM.value;
export const BEYOND_ZONES_M = limits.beyondZonesM.value;

/** Per area, its box grown by its outermost zone (own profile, else the shipped one) plus `beyondM`. */
export function operationReach(op: Operation, profiles: EffectProfile[], beyondM = BEYOND_ZONES_M): BBox[] {
  return op.areas.map((a) => {
    const profile = a.profile ?? profiles.find((p) => p.id === a.profileId);
    const outerM = Math.max(0, ...(profile?.zones.map((z) => z.outerEdgeM) ?? [0]));
    return growBox(bboxOf(a.geometry), outerM + beyondM);
  });
}

export interface OutsideCount {
  total: number;
  /** Outside the dataset's extent grown by DATASET_MARGIN_M (0 when the dataset has no extent: an observations-only dataset). */
  outsideDataset: number;
  /** Farther than BEYOND_ZONES_M beyond every zone of the operation (0 without an operation). */
  farFromOperation: number;
}

export function countOutside(points: [number, number][], where: { datasetBox: BBox | null; operationBoxes: BBox[] | null }): OutsideCount {
  const dataset = where.datasetBox ? growBox(where.datasetBox, DATASET_MARGIN_M) : null;
  let outsideDataset = 0; let farFromOperation = 0;
  for (const p of points) {
    if (dataset && !inBox(p, dataset)) outsideDataset++;
    if (where.operationBoxes?.length && !where.operationBoxes.some((b) => inBox(p, b))) farFromOperation++;
  }
  return { total: points.length, outsideDataset, farFromOperation };
}

/** One line naming how many fall where, or null when none does. */
export function describeOutside(c: OutsideCount, names: { dataset: string; operation?: string }): string | null {
  if (!c.outsideDataset && !c.farFromOperation) return null;
  const n = (x: number) => x.toLocaleString('en-GB');
  const parts: string[] = [];
  if (c.outsideDataset) parts.push(`${n(c.outsideDataset)} ${c.outsideDataset === 1 ? 'lies' : 'lie'} outside the extent of dataset "${names.dataset}" (more than ${n(DATASET_MARGIN_M)} m beyond its data)`);
  if (c.farFromOperation) parts.push(`${n(c.farFromOperation)} ${c.farFromOperation === 1 ? 'lies' : 'lie'} more than ${n(BEYOND_ZONES_M)} m beyond the zones of ${names.operation ?? 'the operation'}`);
  return `${n(Math.max(c.outsideDataset, c.farFromOperation))} of ${n(c.total)} damage records are far from where they are recorded: ${parts.join('; ')}. Nothing was stored; confirm to store them anyway.`;
}
