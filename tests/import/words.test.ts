/**
 * An import in words in every language: a real import (Helsinki's OSM extract and population grid)
 * reports each phase as a catalogue step, whose English words are the progress's `phase`; the report
 * summary reads the same in English as the CLI always printed it, and in French, Arabic and
 * Ukrainian carries the same figures with no English words left but the importers' skip reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportReport } from '../../core/import/pipeline';
import { formatReport, phaseInWords } from '../../core/import/words';
import { readMappingFile } from '../../core/import/field-mapping';
import type { ImportProgress } from '../../core/import/types';
import { localeFor } from '../../core/i18n/locale';
import { DomainError, errorInWords } from '../../core/model/errors';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { osm, population, tempDir, tempStore } from './helpers';

describe('import in words', () => {
  const tmp = tempDir();
  const steps: ImportProgress[] = [];
  let report: ImportReport;
  beforeAll(async () => {
    const db = tempStore(tmp.dir);
    report = await importFiles(db, [osm('helsinki-centre-2019.osm.pbf'), population('helsinki-hsy-population-grid-2020.gpkg')], { dataset: 'Helsinki', onProgress: (p) => steps.push(p) });
    db.close();
  }, 240_000);
  afterAll(() => tmp.cleanup());

  it('reports every phase as a step whose English words are the phase', () => {
    const keys = new Set(steps.map((s) => s.step.key));
    for (const k of ['parsingOsm', 'readingLayer', 'merging', 'allocating', 'inferring']) expect(keys).toContain(k);
    for (const s of steps) expect(s.phase).toBe(phaseInWords(s.step));
    const osmStep = steps.find((s) => s.step.key === 'parsingOsm')!;
    expect(osmStep.phase).toBe('helsinki-centre-2019.osm.pbf: parsing OSM');
    expect(steps.find((s) => s.step.key === 'allocating')!.phase).toBe('allocating residents to buildings');
    expect(phaseInWords(osmStep.step, localeFor('fr'))).toBe('helsinki-centre-2019.osm.pbf : analyse des données OSM');
    expect(phaseInWords({ key: 'inferring' }, localeFor('uk'))).toBe('виведення залежностей і зон обслуговування');
    expect(phaseInWords({ key: 'readingLayer', table: 'vaestoruudukko' }, localeFor('ar'))).toBe('قراءة vaestoruudukko');
  });

  it('summarises the report in English as before, and in French, Arabic and Ukrainian', () => {
    const en = formatReport(report).split('\n');
    expect(en).toHaveLength(3);
    expect(en[0]).toMatch(/^helsinki-centre-2019\.osm\.pbf \(osm, EPSG:4326, \d+\.\d s\): 0 units \(0 residents\), [\d,]+ buildings, [\d,]+ facilities \[.+\], [\d,]+ protected sites(; left out: .+)?; licence .+ \(detected\)$/);
    expect(en[2]).toMatch(/^dataset "Helsinki": [\d,]+ units, [\d,]+ residents \([\d,]+ on [\d,]+ buildings, [\d,]+ kept on [\d,]+ units without residential buildings\), [\d,]+ buildings, [\d,]+ workers, [\d,]+ inferred dependencies, [\d,]+ inferred service areas; \d+\.\d s$/);
    const buildings = report.totals.buildings;
    for (const [lang, words, count] of [['fr', /bâtiments : /, buildings.toLocaleString('fr-FR')], ['uk', /будівель: /, buildings.toLocaleString('uk-UA')], ['ar', /مبانٍ: /, buildings.toLocaleString('ar-u-nu-latn')]] as const) {
      const text = formatReport(report, localeFor(lang));
      const lines = text.split('\n');
      expect(lines, lang).toHaveLength(3);
      expect(lines[2], lang).toMatch(words);
      expect(lines[2], lang).toContain(count);
      expect(lines[2], lang).toContain('Helsinki');
      // the English of the summary is gone (file names, CRS, kind codes and the importers' skip reasons are left as they are)
      const reasons = report.files.flatMap((f) => Object.keys(f.skipped));
      const prose = reasons.reduce((t, r) => t.split(r).join(''), text).replace(/\[[^\]]*\]/g, '').replace(/[\w.-]+\.(pbf|gpkg)/g, '');
      expect(prose, lang).not.toMatch(/\b(units|residents|buildings|facilities|protected sites|inferred|dataset|workers|none given)\b/);
    }
  });

  it('refuses a bad facilities CSV in one line, in every language by its catalogue key', async () => {
    const csv = join(tmp.dir, 'clinics.csv');
    writeFileSync(csv, 'id,name,kind,lon,lat\nc1,North clinic,clinic,24.94,60.17\nc1,South clinic,clinic,24.95,60.16\n');
    const db = tempStore(tmp.dir, 'csv.sqlite');
    const e = await importFiles(db, [csv], { dataset: 'Clinics' }).then(() => null, (x: unknown) => x as DomainError);
    db.close();
    expect(e?.message).toBe('clinics.csv: line 3: id "c1" occurs twice');
    expect(errorInWords(e!, localeFor('fr'))).toBe('clinics.csv : ligne 3 : l’identifiant « c1 » apparaît deux fois');
    expect(errorInWords(e!, localeFor('ar'))).toBe('clinics.csv: السطر 3: المعرِّف «c1» مكرر');
    expect(errorInWords(e!, localeFor('uk'))).toBe('clinics.csv: рядок 3: ідентифікатор «c1» трапляється двічі');
  });

  it('refuses a mapping file that is not JSON, in English as before and in French', () => {
    const path = join(tmp.dir, 'mapping.json');
    writeFileSync(path, '{ residents: ');
    let e: DomainError | null = null;
    try { readMappingFile(path); } catch (x) { e = x as DomainError; }
    expect(e?.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: not a readable JSON mapping: \\S`));
    expect(e?.field).toBe('mapping');
    expect(errorInWords(e!, localeFor('fr'))).toMatch(/: correspondance JSON illisible : \S/);
  });
});
