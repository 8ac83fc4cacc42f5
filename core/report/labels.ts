/**
 * The words a planner reads for the model's keys: severities, groups, services, site categories,
 * times of day and damage states. One place, shared by the panel, the PDF report and the CSV, so
 * no export ever prints a field name such as `seriouslyInjured` or `completeNoCollapse`.
 */
import type { Group, Severity } from '../model/assessment';
import type { ProtectedCategory, Sector } from '../model/dataset';
import type { DamageState, TimeOfDay } from '../model/operation';

export const SEVERITY_LABELS: Record<Severity, string> = { killed: 'Killed', seriouslyInjured: 'Seriously injured', lightlyInjured: 'Lightly injured' };

/** What each severity means (METHOD.md §3: Hazus severity 1 = lightly injured, 2-3 = seriously injured, 4 = killed). */
export const SEVERITY_MEANINGS: Record<Severity, string> = {
  killed: 'Hazus severity 4: killed or mortally injured.',
  seriouslyInjured: 'Hazus severities 2 and 3: needs hospital care; severity 3 is life-threatening without prompt treatment.',
  lightlyInjured: 'Hazus severity 1: needs basic first aid, no hospital stay.',
};

export const GROUP_LABELS: Record<Group, string> = {
  women: 'Women', men: 'Men', girls: 'Girls', boys: 'Boys', elderly: 'Elderly', disabled: 'Persons with disabilities',
};

export const SECTOR_LABELS: Record<Sector, string> = {
  water: 'Water', power: 'Power', health: 'Health care', sanitation: 'Sanitation', communications: 'Communications',
};

export const CATEGORY_LABELS: Record<ProtectedCategory, string> = {
  hospital: 'Hospital', clinic: 'Clinic', school: 'School', place_of_worship: 'Place of worship', cultural: 'Cultural property', listed: 'Listed building',
};
export const CATEGORY_PLURALS: Record<ProtectedCategory, string> = {
  hospital: 'Hospitals', clinic: 'Clinics', school: 'Schools', place_of_worship: 'Places of worship', cultural: 'Cultural property', listed: 'Listed buildings',
};

export const TIME_LABELS: Record<TimeOfDay, string> = { night: 'Night', day: 'Day', commute: 'Commute' };

/** Damage states in plain language (Hazus definitions, simplified for buildings). */
export const DAMAGE_STATE_WORDS: Record<DamageState | 'completeNoCollapse' | 'collapse', string> = {
  none: 'no damage',
  slight: 'slight damage (cracks; the building stays usable)',
  moderate: 'moderate damage (repairable; unsafe to stay for a while)',
  extensive: 'extensive damage (parts of the structure fail; not usable)',
  complete: 'complete damage (destroyed or at risk of collapse)',
  completeNoCollapse: 'complete damage without collapse',
  collapse: 'collapse',
};

/**
 * A parameter label or key made readable: camelCase damage states spelled out and Hazus severity
 * numbers named, e.g. "Indoor casualty rate, completeNoCollapse, severity 2" ->
 * "Indoor casualty rate, complete damage without collapse, seriously injured (severity 2)".
 */
export function wordsForLabel(label: string): string {
  return label
    .replace(/\bcompleteNoCollapse\b/g, DAMAGE_STATE_WORDS.completeNoCollapse)
    .replace(/\bseverity ([1-4])\b/g, (_m, n: string) => `${({ 1: 'lightly injured', 2: 'seriously injured', 3: 'seriously injured, life-threatening', 4: 'killed' } as Record<string, string>)[n]} (severity ${n})`)
    .replace(/\bseriouslyInjured\b/g, 'seriously injured')
    .replace(/\blightlyInjured\b/g, 'lightly injured')
    .replace(/_/g, ' ');
}
