/**
 * Step 7b, minimum needs (issue 17): the Sphere Handbook (2018) figures in data/parameters.json
 * (`needs.*`, `service.peoplePerBed`) applied to the displaced and to the people without piped water.
 * Every need is a constant times a figure, so its interval is the figure's interval scaled (quantiles
 * of a x X are a x the quantiles of X for a >= 0).
 * - water for the displaced: displaced x litres per person per day;
 * - covered living space and latrines: for those seeking public shelter (the people a planner houses);
 * - health units and inpatient beds: for all displaced (they need access wherever they stay);
 * - people cut off from water: litres per day at the peak (people without water x litres), and
 *   trucked water over the horizon (people-days without water x litres).
 */
import type { Interval, MinimumNeeds, SectorOutcome } from '../model/assessment';
import { numOrDefault, type ParameterValues } from './parameters';

export const scaleInterval = (iv: Interval, k: number): Interval => ({ mean: iv.mean * k, p05: iv.p05 * k, p50: iv.p50 * k, p95: iv.p95 * k });

export function minimumNeeds(displaced: Interval, publicShelter: Interval, water: SectorOutcome, set: ParameterValues): MinimumNeeds {
  const litres = numOrDefault(set, 'needs.waterLitresPerPersonDay');
  return {
    waterLitresPerDay: scaleInterval(displaced, litres),
    coveredSpaceM2: scaleInterval(publicShelter, numOrDefault(set, 'needs.coveredSpaceM2PerPerson')),
    latrines: scaleInterval(publicShelter, 1 / numOrDefault(set, 'needs.peoplePerLatrine')),
    healthUnits: scaleInterval(displaced, 1 / numOrDefault(set, 'needs.peoplePerHealthUnit')),
    beds: scaleInterval(displaced, 1 / numOrDefault(set, 'service.peoplePerBed')),
    cutOff: water.status === 'nodata'
      ? { status: 'nodata', reason: water.reason }
      : { status: 'estimated', people: water.peopleWithoutService, waterLitresPerDay: scaleInterval(water.peopleWithoutService, litres), truckedWaterLitres: scaleInterval(water.peopleDays, litres) },
  };
}
