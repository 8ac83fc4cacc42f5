/**
 * The "Inferred data" line of the headline names both guesses a service loss can rest on: supply
 * links inferred at import and service areas that were never mapped. Real assessments of the
 * training city, once as generated (no service area mapped) and once with a mapped service area
 * for half of the facilities likely affected.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../engine/assess';
import { prepareCity } from '../engine/city';
import { loadDefaultParameters, loadDefaultProfiles } from '../engine/parameters';
import { generateTrainingCity } from '../synth/training-city';
import type { DatasetBundle } from '../model/dataset';
import type { Operation } from '../model/operation';
import { localeFor } from '../i18n/locale';
import { AFFECTED_P_DOWN, headline } from './summary';

const parameters = loadDefaultParameters();
const area = { type: 'Polygon' as const, coordinates: [[[2.996, 0.496], [3.004, 0.496], [3.004, 0.504], [2.996, 0.504], [2.996, 0.496]]] };
const operation: Operation = { name: 'Old town', settings: { timeOfDay: 'day', warningShare: 0.3, horizonDays: 14 }, areas: [{ id: 'a1', name: 'Old town', shape: 'polygon', profileId: 'high', geometry: area }] };
const run = (bundle: DatasetBundle) => assess(prepareCity(bundle, 'sha256:test'), operation, { profiles: loadDefaultProfiles(), parameters: parameters.values, parameterSetName: parameters.name, seed: 7, runs: 50, mode: 'montecarlo', appVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
const links = (b: DatasetBundle) => b.dependencies.map((d) => ({ consumerId: d.consumerId, supplierId: d.supplierId, inferred: d.inferred }));

describe('inferred data line', () => {
  const bundle = generateTrainingCity();
  const result = run(bundle);
  const affected = result.infrastructure.facilities.filter((f) => f.pDown >= AFFECTED_P_DOWN);

  it('names the links and the service areas, none mapped in the training city', () => {
    expect(affected.length).toBeGreaterThan(1);
    const h = headline(result, links(bundle));
    const feeding = bundle.dependencies.filter((d) => affected.some((f) => f.id === d.consumerId));
    expect(h.inferred).toMatchObject({ links: feeding.length, inferredLinks: 0, facilities: affected.length, inferredAreas: affected.length });
    expect(h.inferred!.text).toBe(`0 of ${feeding.length} dependency links behind the affected facilities were inferred at import (nearest supplier), not surveyed. `
      + `Service areas inferred (none mapped; people assigned to the nearest facility): ${affected.length} of ${affected.length} affected facilities.`);
  });

  it('counts only the areas left unmapped once some are given', () => {
    const mapped = affected.filter((_, i) => i % 2 === 0).map((f) => f.id);
    const withAreas: DatasetBundle = { ...bundle, serviceAreas: mapped.map((id, i) => ({ id: `sa-${i}`, facilityId: id, geometry: area, inferred: false })) };
    const r = run(withAreas);
    const hit = r.infrastructure.facilities.filter((f) => f.pDown >= AFFECTED_P_DOWN);
    const unmapped = hit.filter((f) => !mapped.includes(f.id)).length;
    expect(unmapped).toBeLessThan(hit.length);
    expect(headline(r, null).inferred).toMatchObject({ links: null, facilities: hit.length, inferredAreas: unmapped });
    expect(headline(r, null).inferred!.text).toContain(`: ${unmapped} of ${hit.length} affected facilities.`);
  });

  it('says the areas in French, Arabic and Ukrainian', () => {
    const n = String(affected.length);
    expect(headline(result, null, localeFor('fr')).inferred!.text).toMatch(new RegExp(`^Zones de desserte déduites .* : ${n} sur ${n} installations touchées\\.$`));
    expect(headline(result, null, localeFor('uk')).inferred!.text).toMatch(/^Зони обслуговування виведено .*: \d+ з \d+ уражен/);
    expect(headline(result, null, localeFor('ar', 'arab')).inferred!.text).toMatch(/^مناطق خدمة مستنتجة .*منش/);
  });

  it('is left out for a result stored before service areas were recorded, when no links are given', () => {
    const old = { ...result, infrastructure: { ...result.infrastructure, facilities: result.infrastructure.facilities.map(({ serviceAreaInferred: _, ...f }) => f) } };
    expect(headline(old, null).inferred).toBeNull();
    expect(headline(old, links(bundle)).inferred).toMatchObject({ inferredAreas: null });
  });
});
