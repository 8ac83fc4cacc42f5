import { describe, expect, it } from 'vitest';
import config from '../../data/training-city.json';
import { WORKER_OCCUPANCY } from '../engine/city';
import { loadDefaultParameters, resolveParameters } from '../engine/parameters';
import { generateTrainingCity } from './training-city';

describe('training city proportions (issue 12)', () => {
  const city = generateTrainingCity();
  const residents = city.populationUnits.reduce((s, u) => s + u.residents, 0);
  const workers = (pick: (use: string) => boolean) => city.buildings.reduce((s, b) => s + (pick(b.use) ? b.workers : 0), 0);

  it('has the jobs and pupils of a mixed city of its residents (data/training-city.json, sourced)', () => {
    const jobs = workers((u) => u !== 'education'), pupils = workers((u) => u === 'education');
    expect(Math.abs(jobs / residents - config.workplaces.jobsPerResident.value)).toBeLessThan(0.005);
    expect(Math.abs(pupils / residents - config.workplaces.pupilsPerResident.value)).toBeLessThan(0.005);
    expect(workers((u) => u === 'religious')).toBeLessThan(residents * 0.01); // staff, not the congregation
  });

  it('keeps the daytime population within 1.5x the night one (Hazus occupancy factors of the engine)', () => {
    const occ = resolveParameters(loadDefaultParameters().values).occupancy;
    const present = (t: 'night' | 'day') => residents * occ[t].residential
      + city.buildings.reduce((s, b) => s + b.workers * occ[t][WORKER_OCCUPANCY[b.use]], 0);
    const ratio = present('day') / present('night');
    expect(ratio).toBeGreaterThan(1);
    expect(ratio).toBeLessThan(1.5);
  });
});
