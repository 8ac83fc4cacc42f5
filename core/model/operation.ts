/**
 * Operations and effect profiles (METHOD.md §1): what the planner draws and the assumptions it carries.
 */
import * as z from 'zod';
import { PolygonGeometry } from './dataset';

export const TIMES_OF_DAY = ['night', 'day', 'commute'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

export const DAMAGE_STATES = ['none', 'slight', 'moderate', 'extensive', 'complete'] as const;
export type DamageState = (typeof DAMAGE_STATES)[number];

const probability = z.number().finite().min(0).max(1);

export const DamageProbabilities = z.object({
  none: probability, slight: probability, moderate: probability, extensive: probability, complete: probability,
}).refine((p) => Math.abs(p.none + p.slight + p.moderate + p.extensive + p.complete - 1) < 1e-6, {
  message: 'damage-state probabilities must sum to 1',
});
export type DamageProbabilities = z.infer<typeof DamageProbabilities>;

export const OutdoorRates = z.object({ killed: probability, serious: probability, light: probability });
export type OutdoorRates = z.infer<typeof OutdoorRates>;

export const ProfileZone = z.object({
  /** Outer edge of the zone, in metres from the drawn area's edge; 0 = the area itself. */
  outerEdgeM: z.number().finite().min(0).max(50_000),
  damage: DamageProbabilities,
  outdoor: OutdoorRates,
});
export type ProfileZone = z.infer<typeof ProfileZone>;

export const EffectProfile = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Shown wherever the profile is: shipped defaults are illustrative, derived from no weapon data. */
  illustrative: z.boolean(),
  source: z.string(),
  zones: z.array(ProfileZone).min(1),
}).refine((p) => p.zones[0]?.outerEdgeM === 0, { message: 'the first zone must be the area itself (outerEdgeM 0)', path: ['zones', 0, 'outerEdgeM'] })
  .refine((p) => p.zones.every((z, i) => i === 0 || z.outerEdgeM > p.zones[i - 1]!.outerEdgeM), {
    message: 'zones must be ordered by increasing outerEdgeM', path: ['zones'],
  });
export type EffectProfile = z.infer<typeof EffectProfile>;

/**
 * Most positions all areas of one operation may have together. Every step's work grows with the
 * vertices (zones, distances, storage); 250,000 admits a finely traced district (a valid
 * 200,000-vertex ring is assessed in seconds) and refuses the multi-million-vertex inputs that
 * would exhaust memory.
 */
export const MAX_OPERATION_VERTICES = 250_000;

/** Positions in raw (not yet validated) areas: counted before the per-position checks, which cost seconds for millions. */
function rawVertexCount(list: unknown): number {
  if (!Array.isArray(list)) return 0;
  let n = 0;
  for (const a of list) {
    const rings = (a as { geometry?: { coordinates?: unknown } } | null)?.geometry?.coordinates;
    if (Array.isArray(rings)) for (const r of rings) if (Array.isArray(r)) n += r.length;
  }
  return n;
}

/** Areas whose positions together stay within MAX_OPERATION_VERTICES (refused before anything else is checked). */
const boundedAreas = <T extends z.ZodType>(areas: T): T => z.preprocess((list, ctx) => {
  const n = rawVertexCount(list);
  if (n <= MAX_OPERATION_VERTICES) return list;
  ctx.addIssue({ code: 'custom', input: list, message: `the areas have ${n.toLocaleString('en')} vertices together; at most ${MAX_OPERATION_VERTICES.toLocaleString('en')} are accepted (simplify the outline)` });
  return z.NEVER;
}, areas) as unknown as T;

/** A single drawn polygon (exposure queries, area files) under the same vertex cap. */
export type BoundedPolygonGeometry = PolygonGeometry;
export const BoundedPolygonGeometry = z.preprocess((g, ctx) => {
  const n = rawVertexCount([{ geometry: g }]);
  if (n <= MAX_OPERATION_VERTICES) return g;
  ctx.addIssue({ code: 'custom', input: g, message: `the area has ${n.toLocaleString('en')} vertices; at most ${MAX_OPERATION_VERTICES.toLocaleString('en')} are accepted (simplify the outline)` });
  return z.NEVER;
}, PolygonGeometry) as unknown as typeof PolygonGeometry;

export const OperationArea = z.object({
  id: z.string().min(1),
  name: z.string(),
  geometry: PolygonGeometry,
  /** How it was drawn (for editing handles); geometry is always a polygon. */
  shape: z.enum(['polygon', 'rectangle', 'circle']).optional(),
  /** Profile id from the shipped or user profile set. */
  profileId: z.string().min(1),
  /** A profile edited for this area only; overrides profileId when present. */
  profile: EffectProfile.optional(),
});
export type OperationArea = z.infer<typeof OperationArea>;

export const OperationSettings = z.object({
  timeOfDay: z.enum(TIMES_OF_DAY),
  /** Share of civilians who left after warning (METHOD.md §1, default 0). */
  warningShare: z.number().finite().min(0).max(1),
  /** Days over which outages are counted (METHOD.md §1, default 30). */
  horizonDays: z.number().finite().min(1).max(3650),
});
export type OperationSettings = z.infer<typeof OperationSettings>;

export const Operation = z.object({
  name: z.string().min(1).max(200),
  areas: boundedAreas(z.array(OperationArea).min(1)),
  settings: OperationSettings,
});
export type Operation = z.infer<typeof Operation>;

/** The planner's working state may have no area yet (everything deleted); a saved option may not. */
export const WorkingOperation = Operation.extend({ areas: boundedAreas(z.array(OperationArea)) });
export type WorkingOperation = z.infer<typeof WorkingOperation>;
