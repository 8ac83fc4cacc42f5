/**
 * The vocabulary of what is observed after an operation (METHOD.md §7), in one place for the API,
 * the post-operation core and the renderer's forms (which must not re-declare it).
 */
export const OBSERVATION_KINDS = ['building_damage', 'footprint', 'facility_status', 'service_outage', 'casualty_report', 'displacement_report'] as const;
export type ObservationKindName = (typeof OBSERVATION_KINDS)[number];

/** How far the source of a report is trusted. */
export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Observed damage classes 0..4 by name: 0 none, 1 possible, 2 moderate, 3 severe, 4 destroyed. */
export const DAMAGE_CLASS_KEYS = ['none', 'possible', 'moderate', 'severe', 'destroyed'] as const;
export type DamageClassKey = (typeof DAMAGE_CLASS_KEYS)[number];
