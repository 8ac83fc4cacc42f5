/**
 * A pre-operation estimate in the shape the engine returns (core/model/assessment.ts), built by hand
 * so the comparison can be tested before and independently of the engine. Validated by the model's schema.
 */
import { AssessmentResult, GROUPS, type Interval } from '../../core/model/assessment';
import { SECTORS } from '../../core/model/dataset';

export const iv = (mean: number, p05: number, p95: number): Interval => ({ mean, p05, p50: mean, p95 });

export interface ResultSpec {
  killed: Interval; seriouslyInjured: Interval; lightlyInjured: Interval;
  facilities?: { id: string; name: string; sector: 'water' | 'power' | 'health' | 'sanitation' | 'communications'; kind: string; pDown: number; restorationDays?: number }[];
  sectors?: Partial<Record<(typeof SECTORS)[number], { people: Interval; peopleDays: Interval }>>;
}

export function makeResult(spec: ResultSpec): AssessmentResult {
  const zero = iv(0, 0, 0);
  const block = {
    killed: spec.killed, seriouslyInjured: spec.seriouslyInjured, lightlyInjured: spec.lightlyInjured,
    byGroup: Object.fromEntries(GROUPS.map((g) => [g, {
      killed: iv(spec.killed.mean / 5, spec.killed.p05 / 5, spec.killed.p95 / 5),
      seriouslyInjured: iv(spec.seriouslyInjured.mean / 5, spec.seriouslyInjured.p05 / 5, spec.seriouslyInjured.p95 / 5),
      lightlyInjured: iv(spec.lightlyInjured.mean / 5, spec.lightlyInjured.p05 / 5, spec.lightlyInjured.p95 / 5),
    }])),
  };
  const present = { night: { indoors: 0, outdoors: 0 }, day: { indoors: 0, outdoors: 0 }, commute: { indoors: 0, outdoors: 0 } };
  return AssessmentResult.parse({
    operationName: 'test', settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 },
    exposed: { residents: 0, residentsInZones: 0, present, buildings: 0, zones: [] },
    casualties: block, casualtiesByTime: { night: block, day: block, commute: block },
    protectedSites: [],
    infrastructure: {
      facilities: (spec.facilities ?? []).map((f) => ({ ...f, pDirect: f.pDown, restorationDays: f.restorationDays ?? 0, chain: '', peopleServed: 0 })),
      sectors: Object.fromEntries(SECTORS.map((s) => [s, {
        peopleWithoutService: spec.sectors?.[s]?.people ?? zero, peopleDays: spec.sectors?.[s]?.peopleDays ?? zero, facilitiesDown: zero,
      }])),
      beds: { total: 0, lost: zero, remaining: zero, seriouslyInjured: zero, gap: zero },
    },
    assumptions: [],
    provenance: { datasetHash: 'x', datasetName: 'x', parameterSet: 'default', parameterHash: 'x', seed: 1, runs: 1000, appVersion: '0.1.0', createdAt: '2024-01-01T00:00:00Z' },
  });
}
