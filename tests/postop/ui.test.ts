/**
 * The post-operation panel's pure parts without a DOM: form validation mirrors the API's rules (and
 * what passes it is accepted by the API), chart data from a real comparison, and the comparison
 * view rendered to markup with the observed figures beside the predicted ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nProvider } from '../../renderer/i18n';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../core/api/backend';
import type { ComparisonReply } from '../../core/api/postop-contract';
import type { AssessmentResult } from '../../core/model/assessment';
import {
  describeRecorded, emptyCasualty, emptyDisplacement, emptyFacility, emptyOutage, parseCasualty, parseDisplacement, parseFacility, parseOutage, parsePaths, searchFacilities,
} from '../../renderer/postop/forms';
import { emptyLaterPhase, parseLaterPhase } from '../../renderer/training/phases';
import { ComparisonView, figureSeries, zoneShareSeries, describeBias } from '../../renderer/postop/ComparisonView';
import { outcomeCounts, outcomeLayers, reviewedOperation } from '../../renderer/postop/outcome-map';
import { loadDefaultProfiles } from '../../core/engine/parameters';
import { tempDir } from './helpers';
import { localeFor } from '../../core/i18n/locale';
import { figureLabel, formatRatio } from '../../renderer/postop/ComparisonView';

const ctx = { datasetId: 1, operationId: 1 };

describe('the reviewed operation on the map', () => {
  it('is that operation\'s own areas and zone rings (its profile\'s edges), not the working option\'s', () => {
    const geometry = { type: 'Polygon' as const, coordinates: [[[2.99, 0.5], [2.992, 0.5], [2.992, 0.502], [2.99, 0.502], [2.99, 0.5]]] };
    const profiles = loadDefaultProfiles();
    const op = { name: 'A', settings: { timeOfDay: 'night' as const, warningShare: 0, horizonDays: 30 }, areas: [{ id: 'x', name: 'x', geometry, profileId: 'high' }] };
    const r = reviewedOperation(7, op, profiles);
    expect(r.operationId).toBe(7);
    expect(r.areas).toEqual([{ id: 'x', shape: 'polygon', geometry }]);
    const edges = profiles.find((p) => p.id === 'high')!.zones.map((z) => z.outerEdgeM);
    expect(r.zones.features.map((f) => Number(f.properties?.outerEdgeM)).sort((a, b) => a - b)).toEqual(edges.slice(1));
  });
});

describe('observation forms', () => {
  it('the service of an outage has no default: it must be chosen', () => {
    expect(emptyOutage().sector).toBe('');
    expect(parseOutage({ ...emptyOutage(), source: 'utility', people: '12000', days: '3' }, ctx)).toEqual({ ok: false, errors: { sector: 'choose the service that was lost' } });
  });

  it('the recorded list says sector, people and days; facilities by name', () => {
    expect(describeRecorded({ kind: 'service_outage', rawValue: '12000 people x 3 days', data: { sector: 'water', people: 12_000, days: 3 } }))
      .toBe('water outage: 12,000 people × 3 days');
    expect(describeRecorded({ kind: 'facility_status', rawValue: 'down', data: { name: 'North hospital', sector: 'health', down: true, daysToRestore: 1, damage: 'severe' } }))
      .toBe('North hospital (health): out of service, restored after 1 day; damage severe');
    expect(describeRecorded({ kind: 'casualty_report', rawValue: 'killed 4, injured ?', data: { killed: 4, injured: null, seriouslyInjured: null } }))
      .toBe('killed 4, injured not given');
  });

  it('facilities are found by any words of their name, sector or kind', () => {
    const all = [
      { id: 'h1', name: 'North General Hospital', sector: 'health', kind: 'hospital' },
      { id: 'w7', name: 'River pumping station', sector: 'water', kind: 'pumping_station' },
      { id: 'p2', name: 'North substation', sector: 'power', kind: 'substation' },
    ];
    expect(searchFacilities(all, 'north').map((f) => f.id)).toEqual(['h1', 'p2']);
    expect(searchFacilities(all, 'NORTH power').map((f) => f.id)).toEqual(['p2']);
    expect(searchFacilities(all, '').map((f) => f.id)).toEqual(['h1', 'w7', 'p2']);
  });

  it('refuse what the API would refuse, naming the field', () => {
    expect(parseCasualty(emptyCasualty(), ctx)).toEqual({ ok: false, errors: { source: expect.any(String), killed: 'give killed, injured or both' } });
    const c = parseCasualty({ ...emptyCasualty(), source: 'MoH', killed: '2.5', injured: '3', seriouslyInjured: '4' }, ctx);
    expect(c).toEqual({ ok: false, errors: { killed: 'enter a whole number', seriouslyInjured: 'cannot exceed injured' } });
    expect(parseFacility({ ...emptyFacility(), source: 'x', facilityId: 'h1', down: false, daysToRestore: '3' }, ctx))
      .toMatchObject({ ok: false, errors: { daysToRestore: expect.stringMatching(/never went down/) } });
    expect(parseOutage({ ...emptyOutage(), source: 'x', people: '-5', days: 'abc' }, ctx))
      .toEqual({ ok: false, errors: { people: 'cannot be negative', days: 'enter a number', sector: 'choose the service that was lost' } });
    expect(parseOutage({ ...emptyOutage(), source: 'x', people: '1,200', days: '3', observedAt: '3/5/2024' }, ctx))
      .toMatchObject({ ok: false, errors: { observedAt: 'use YYYY-MM-DD' } });
  });

  it('build the API input from what was typed (blank is not given, never 0)', () => {
    expect(parseCasualty({ ...emptyCasualty(), source: ' MoH ', killed: '4', byGroup: { women: { killed: '1', injured: '' } } }, ctx)).toEqual({
      ok: true, value: { dataset: 1, operationId: 1, source: 'MoH', confidence: 'medium', killed: 4, injured: null, byGroup: { women: { killed: 1 } } },
    });
    expect(parseOutage({ ...emptyOutage(), source: 'utility', sector: 'water', people: '1,200', days: '2.5', observedAt: '2024-05-02' }, ctx)).toEqual({
      ok: true, value: { dataset: 1, operationId: 1, source: 'utility', confidence: 'medium', observedAt: '2024-05-02', sector: 'water', people: 1200, days: 2.5 },
    });
    expect(parsePaths(' "/data/a.geojson"\n\n/data/b.shp \n')).toEqual(['/data/a.geojson', '/data/b.shp']);
  });
});

describe('in the reader\'s language', () => {
  const outage = (days: number) => ({ kind: 'service_outage', rawValue: null, data: { sector: 'water', people: 21, days } });
  it('recorded observations take each language\'s plural forms and digits', () => {
    const uk = localeFor('uk');
    expect([1, 3, 5, 21].map((d) => describeRecorded(outage(d), uk))).toEqual([
      'перебій (водопостачання): 21 особа × 1 день', 'перебій (водопостачання): 21 особа × 3 дні',
      'перебій (водопостачання): 21 особа × 5 днів', 'перебій (водопостачання): 21 особа × 21 день',
    ]);
    const ar = localeFor('ar', 'arab');
    expect(describeRecorded(outage(2), ar)).toBe('انقطاع المياه: ٢١ شخصًا × يومان');
    expect(describeRecorded({ kind: 'casualty_report', rawValue: null, data: { killed: 1200, injured: null } }, ar)).toBe('القتلى ١٬٢٠٠، الجرحى غير مذكور');
    expect(formatRatio(1.5, ar)).toBe('١٫٥٠');
  });

  it('form refusals and figure names are worded in the language, keys unchanged', () => {
    const fr = localeFor('fr');
    expect(parseOutage({ ...emptyOutage(), source: 'x', people: '-5', days: 'abc' }, ctx, fr))
      .toEqual({ ok: false, errors: { people: 'ne peut pas être négatif', days: 'saisissez un nombre', sector: 'choisissez le service interrompu' } });
    expect(figureLabel('casualties.byGroup.women.killed', 'Killed: women', fr)).toBe('Tués\u00a0: femmes');
    expect(figureLabel('outages.water.people', 'People without water', localeFor('uk'))).toBe('Людей без води');
    expect(figureLabel('something.new', 'As the engine said', fr)).toBe('As the engine said');
  });
});

describe('displacement report form', () => {
  it('refuses what the API would refuse, naming the field, and what it builds is recorded as typed', async () => {
    expect(parseDisplacement(emptyDisplacement(), ctx)).toEqual({ ok: false, errors: { source: expect.any(String), displaced: 'how many people were displaced' } });
    expect(parseDisplacement({ ...emptyDisplacement(), source: 'DTM', displaced: '100', inPublicShelter: '150', byGroup: { elderly: '-3' } }, ctx))
      .toEqual({ ok: false, errors: { inPublicShelter: 'cannot exceed displaced', 'byGroup.elderly': 'cannot be negative' } });
    const dir = tempDir();
    const backend = openBackend(join(dir, 'displacement.sqlite'));
    try {
      const saved = await backend.call('operations.save', { datasetId: 1, operation: { name: 'Block', settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 }, areas: [{ id: 'a', name: 'a', profileId: 'medium', geometry: { type: 'Polygon', coordinates: [[[2.994, 0.504], [2.996, 0.504], [2.996, 0.506], [2.994, 0.506], [2.994, 0.504]]] } }] } });
      const operationId = (saved as { value: { id: number } }).value.id;
      const d = parseDisplacement({ ...emptyDisplacement(), source: ' IOM DTM round 2 ', displaced: '2,300', inPublicShelter: '600', byGroup: { elderly: '300', boys: '' } }, { datasetId: 1, operationId });
      expect(d).toEqual({ ok: true, value: { dataset: 1, operationId, source: 'IOM DTM round 2', confidence: 'medium', displaced: 2300, inPublicShelter: 600, byGroup: { elderly: 300 } } });
      expect(await backend.call('observations.recordDisplacementReport', d.ok && d.value)).toMatchObject({ ok: true });
      const listed = await backend.call('observations.list', { dataset: 1, operationId, kind: 'displacement_report' });
      const item = (listed as { value: { items: { kind: string; rawValue: string | null; data: Record<string, unknown> }[] } }).value.items[0]!;
      expect(describeRecorded(item)).toBe('displaced 2,300 (600 in public shelter)');
    } finally { backend.close(); rmSync(dir, { recursive: true, force: true }); }
  });
});

describe('later phases of a scenario, as the trainer types them', () => {
  it('name each missing or unsafe field, and build the API input', () => {
    expect(parseLaterPhase({ ...emptyLaterPhase(2), title: ' ' }, 2, 'debrief-at-0900')).toEqual({ ok: false, errors: {
      title: 'give phase 2 a title', briefing: 'write the briefing of phase 2', daysAfterPrevious: 'whole days after the previous phase (0 or more)',
      code: 'the phase code needs at least 12 characters', carriedOut: 'choose the option carried out in phase 2',
    } });
    expect(parseLaterPhase({ ...emptyLaterPhase(3), briefing: 'b', daysAfterPrevious: '1.5', code: 'debrief-at-0900', carriedOut: 4 }, 3, 'debrief-at-0900'))
      .toMatchObject({ ok: false, errors: { daysAfterPrevious: expect.any(String), code: expect.stringMatching(/must differ from the reveal passphrase/) } });
    expect(parseLaterPhase({ ...emptyLaterPhase(2), title: ' Follow-up ', briefing: 'Night 4', daysAfterPrevious: '3', code: 'follow-up-code-2', offered: [4, 5], carriedOut: 5 }, 2, 'debrief-at-0900'))
      .toEqual({ ok: true, value: { title: 'Follow-up', briefing: 'Night 4', daysAfterPrevious: 3, code: 'follow-up-code-2', operationId: 5, optionIds: [4] } });
  });
});

describe('comparison view', () => {
  let dir: string; let backend: Backend; let reply: ComparisonReply;
  beforeAll(async () => {
    dir = tempDir();
    backend = openBackend(join(dir, 'ui.sqlite'));
    const d = 0.001; const lon = 2.995; const lat = 0.505;
    const operation = {
      name: 'UI check', settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 },
      areas: [{ id: 'a1', name: 'block', profileId: 'high', geometry: { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }],
    };
    const call = async <T,>(name: string, input: unknown) => { const r = await backend.call(name, input); if (!r.ok) throw new Error(r.error.message); return r.value as T; };
    const { id } = await call<{ id: number }>('operations.save', { datasetId: 1, operation });
    const result = await call<AssessmentResult>('assess.run', { datasetId: 1, operation, runs: 100, seed: 3 });
    // Inputs built by the form helpers, accepted by the API as they are.
    const form = { datasetId: 1, operationId: id };
    const cas = parseCasualty({ ...emptyCasualty(), source: 'hospital registers', confidence: 'high', killed: '2', injured: '9' }, form);
    expect(cas.ok).toBe(true);
    await call('observations.recordCasualtyReport', cas.ok && cas.value);
    const facility = result.infrastructure.facilities[0];
    if (facility) {
      const f = parseFacility({ ...emptyFacility(), source: 'utility', facilityId: facility.id, down: true, daysToRestore: '3' }, form);
      await call('observations.recordFacilityStatus', f.ok && f.value);
    }
    reply = await call<ComparisonReply>('postop.compare', { operationId: id });
  });
  afterAll(() => { backend.close(); rmSync(dir, { recursive: true, force: true }); });

  it('chart data puts the observed value beside the predicted interval', () => {
    const s = figureSeries(reply.comparison, (k) => k.startsWith('casualties.'));
    expect(s.categories).toEqual(['Killed', 'Injured (serious and light)']);
    expect(s.series[1]!.values.map((v) => v.mean)).toEqual([2, 9]);
    expect(s.series[0]!.values[0]).toEqual(reply.comparison.figures[0]!.predicted);
    expect(zoneShareSeries(reply.comparison).categories).toEqual([]); // no footprint observed
    expect(describeBias(1)).toBe('about right');
    expect(describeBias(3)).toMatch(/^under-predicted/);
  });

  it('renders every figure with its inside flag and the facility scores', () => {
    const html = renderToStaticMarkup(createElement(I18nProvider, { initial: { lang: 'en', digits: 'latn', fromUrl: true }, children: createElement(ComparisonView, { reply }) }));
    expect(html).toContain('data-testid="figure-casualties.killed"');
    expect(html).toContain('data-testid="figure-casualties.injured"');
    const killed = reply.comparison.figures.find((f) => f.key === 'casualties.killed')!;
    const row = html.slice(html.indexOf('data-testid="figure-casualties.killed"'));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(killed.inside ? '✓ inside' : '✗ outside');
    expect(html).toContain('data-testid="brier"');
    expect(html).toContain('no observed footprint');
    const counts = outcomeCounts(reply.comparison.map);
    expect(counts.facility.hit + counts.facility.miss + counts.facility.falseAlarm).toBe(reply.comparison.map.features.filter((f) => f.properties.kind === 'facility').length);
    expect(outcomeLayers().map((l) => l.id)).toEqual(['postop-outcomes-buildings', 'postop-outcomes-facilities']);
  });
});
