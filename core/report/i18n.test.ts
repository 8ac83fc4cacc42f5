/**
 * The report in French, Arabic and Ukrainian on a real assessment of the training city: the words
 * are the catalogue's, the figures the locale's (Intl), the user's names are left as they are.
 */
import { describe, expect, it } from 'vitest';
import { assess } from '../engine/assess';
import { prepareCity } from '../engine/city';
import { loadDefaultParameters, loadDefaultProfiles } from '../engine/parameters';
import { generateTrainingCity } from '../synth/training-city';
import { SECTORS } from '../model/dataset';
import type { Operation } from '../model/operation';
import { formatCount, formatDays, formatPeople, formatSectorFigure, intervalFigures } from '../model/format';
import { localeFor } from '../i18n/locale';
import { resources } from '../i18n/i18n';
import { headline } from './summary';
import { humanitarianHeadline } from './humanitarian';
import { chainInWords } from './engine-words';
import { figureParts } from './parts';
import { labelsFor } from './labels';
import { engineWords } from './engine-words';
import { assessmentCsv } from './csv';
import Papa from 'papaparse';

const city = prepareCity(generateTrainingCity(), 'sha256:training');
const parameters = loadDefaultParameters();
const area = { type: 'Polygon' as const, coordinates: [[[2.996, 0.496], [3.004, 0.496], [3.004, 0.504], [2.996, 0.504], [2.996, 0.496]]] };
const operation: Operation = { name: 'Old town, day', settings: { timeOfDay: 'day', warningShare: 0.3, horizonDays: 14 }, areas: [{ id: 'a1', name: 'Old town', shape: 'polygon', profileId: 'high', geometry: area }] };
const result = assess(city, operation, { profiles: loadDefaultProfiles(), parameters: parameters.values, parameterSetName: parameters.name, seed: 7, runs: 100, mode: 'montecarlo', appVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });

/** The user's data in a text (site, facility and school names), removed before looking at the words around it. */
const names = [...result.protectedSites.map((s) => s.name), ...result.infrastructure.facilities.map((f) => f.name)].filter(Boolean).sort((a, b) => b.length - a.length);
const withoutData = (text: string) => names.reduce((t, n) => t.split(n).join(''), text);

describe('report in French', () => {
  const loc = localeFor('fr');
  const fr = resources.fr.report;
  const h = headline(result, null, loc);

  it('labels the casualties and the time with the catalogue words', () => {
    expect(h.casualties.map((c) => c.label)).toEqual([fr.labels.severity.killed, fr.labels.severity.seriouslyInjured, fr.labels.severity.lightlyInjured]);
    expect(h.timeLabel).toBe(fr.labels.time.day);
  });

  it('writes a sector figure with French numbers inside the French interval words', () => {
    const water = result.infrastructure.sectors.water;
    if (water.status !== 'estimated') throw new Error('the training city has water facilities');
    const text = formatSectorFigure(water, 'peopleWithoutService', loc);
    const f = intervalFigures(water.peopleWithoutService, loc);
    expect(f.mean).toBe(new Intl.NumberFormat('fr', { maximumFractionDigits: 0 }).format(Math.round(water.peopleWithoutService.mean)));
    expect(text).toBe(fr.format.interval.replace('{{mean}}', f.mean).replace('{{level}}', f.level).replace('{{low}}', f.low).replace('{{high}}', f.high));
    expect(f.level).toBe(new Intl.NumberFormat('fr', { style: 'percent' }).format(0.9));
  });

  it('counts protected sites with French plurals', () => {
    expect(h.sites.inZonesWords).not.toMatch(/\b(schools?|hospitals?|clinics?)\b/);
    const schools = h.sites.groups.find((g) => g.category === 'school')!;
    expect(schools.inZones).toBeGreaterThan(1);
    expect(h.sites.inZonesWords).toContain(fr.labels.categoryCount.school_other.replace('{{n}}', String(schools.inZones)));
  });
});

describe('report in Arabic with Arabic-Indic digits', () => {
  const loc = localeFor('ar', 'arab');
  const ar = resources.ar.report;
  const h = headline(result, null, loc);
  const human = humanitarianHeadline(result, loc)!;
  const lines = [...h.casualties.map((c) => c.label), h.timeLabel, h.sites.insideWords, h.sites.inZonesWords, h.beds.text, human.displaced, human.needs, human.schools,
    ...SECTORS.map((s) => formatSectorFigure(result.infrastructure.sectors[s], 'peopleWithoutService', loc))];

  it('has no Latin letter outside the user data and writes figures in Arabic-Indic digits', () => {
    for (const line of lines) {
      expect(withoutData(line), line).not.toMatch(/[A-Za-z]/);
      expect(line).not.toMatch(/[0-9]/);
    }
    const killed = formatCount(result.casualties.killed.mean, loc);
    expect(killed).toBe(new Intl.NumberFormat('ar', { maximumFractionDigits: 0, numberingSystem: 'arab' }).format(Math.round(result.casualties.killed.mean)));
    expect(killed).toMatch(/^[٠-٩٬]+$/);
    expect(h.beds.text).toContain(formatCount(result.infrastructure.beds.total, loc));
  });

  it('writes the Hazus severity numbers of the meanings in the reader\'s digits', () => {
    const m = labelsFor(loc).severityMeaning;
    expect(m.killed).toContain('٤');
    expect(Object.values(m).join(' ')).not.toMatch(/[0-9]/);
  });

  it('uses the catalogue words for severities and the humanitarian lines', () => {
    expect(h.casualties[0]!.label).toBe(ar.labels.severity.killed);
    expect(human.displaced.startsWith(ar.humanitarian.displaced_other.split(':')[0]!)).toBe(true);
  });

  it('says cascade chains with an arrow pointing the way Arabic reads, names untouched', () => {
    const f = result.infrastructure.facilities.find((x) => x.chain.includes(' -> '))!;
    const words = chainInWords(f.chain, loc);
    expect(words).not.toContain(' -> ');
    expect(words.split(ar.engine.chain.arrow)).toHaveLength(f.chain.split(' -> ').length);
    expect(words).toContain(f.name);
    expect(withoutData(words)).not.toMatch(/[A-Za-z]/);
  });
});

describe('report in Ukrainian', () => {
  const loc = localeFor('uk');
  const uk = resources.uk.report;

  it('says 1, 3, 5 and 21 people with the four Ukrainian plural forms', () => {
    const form = (key: 'one' | 'few' | 'many', n: number) => uk.format[`people_${key}`].replace('{{n}}', String(n));
    expect([1, 3, 5, 21].map((n) => formatPeople(n, loc))).toEqual([form('one', 1), form('few', 3), form('many', 5), form('one', 21)]);
    expect(formatPeople(1.5, loc)).toBe(uk.format.people_other.replace('{{n}}', '1,5'));
    expect(formatDays(14, loc)).toBe(uk.format.days_many.replace('{{n}}', '14'));
  });

  it('writes the headline with Ukrainian labels and grouping', () => {
    const h = headline(result, null, loc);
    expect(h.casualties.map((c) => c.label)).toEqual(Object.values(uk.labels.severity));
    const water = result.infrastructure.sectors.water;
    if (water.status !== 'estimated') throw new Error('the training city has water facilities');
    expect(formatSectorFigure(water, 'peopleWithoutService', loc)).toContain(new Intl.NumberFormat('uk', { maximumFractionDigits: 0 }).format(Math.round(water.peopleWithoutService.mean)));
  });

  it('writes CSV headers in Ukrainian and keeps the figures machine-readable', () => {
    const rows = Papa.parse<string[]>(assessmentCsv(result, { operation }, loc).trim()).data;
    const head = rows.find((r) => r[0] === uk.csv.head.section)!;
    expect(head).toEqual(Object.values({ a: uk.csv.head.section, b: uk.csv.head.item, c: uk.csv.head.measure, d: uk.csv.head.mean, e: uk.csv.head.p05, f: uk.csv.head.median, g: uk.csv.head.p95, h: uk.csv.head.unit }));
    const killed = rows.find((r) => r[0] === uk.csv.section.casualties)!;
    expect(killed[3]).toMatch(/^\d+(\.\d)?$/);
    expect(Number(killed[3])).toBeCloseTo(result.casualties.killed.mean, -1);
  });
});

describe('figureParts', () => {
  it('cuts a translated interval into words and figures a renderer can isolate', () => {
    const loc = localeFor('ar');
    const f = intervalFigures({ mean: 1234, p05: 900, p95: 1600 }, loc);
    const parts = figureParts((x) => loc.t('report:format.interval', x), f);
    expect(parts.filter((p) => typeof p !== 'string')).toEqual([{ figure: f.mean }, { figure: f.level }, { figure: f.low }, { figure: f.high }]);
    expect(parts.map((p) => (typeof p === 'string' ? p : p.figure)).join('')).toBe(loc.t('report:format.interval', f));
  });
});

describe('engine sentences', () => {
  it('are said again in the reader\'s language by their shape, English left as the engine wrote it', () => {
    const reason = 'the dataset has no sanitation facilities';
    expect(engineWords(reason, localeFor('en'))).toBe(reason);
    expect(engineWords(reason, localeFor('fr'))).toBe(resources.fr.report.engine.noFacilities.replace('{{sector}}', resources.fr.report.labels.sector.sanitation));
    expect(engineWords('something the engine never says', localeFor('uk'))).toBe('something the engine never says');
  });
});

