import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DomainError, errorInWords } from '../model/errors';
import { localeFor } from '../i18n/locale';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePointShapefile } from '../../tests/postop/helpers';
import { readLayer } from '../postop/formats';
import { shapefileImporter } from '../import/shapefile';
import { readShapefile, sibling } from './shapefile';

const dir = mkdtempSync(join(tmpdir(), 'uia-shp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const points = [{ lon: -8.61, lat: 41.15, props: { grade: 'Destroyed' } }, { lon: -8.6, lat: 41.16, props: { grade: 'Damaged' } }];

describe('the one shapefile reader', () => {
  it('reads features and attributes, CRS from the .prj beside it', async () => {
    const path = writePointShapefile(join(dir, 'sites'), points, ['grade']);
    const layer = await readShapefile(path, 'damage classes');
    expect(layer.crs.name).toBe('EPSG:4326');
    expect(layer.name).toBe('sites');
    expect(layer.features.map((f) => f.properties.grade)).toEqual(['Destroyed', 'Damaged']);
    expect(layer.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [-8.61, 41.15] });
    expect(sibling(path, '.dbf')).toBe(join(dir, 'sites.dbf'));
  });

  it('one CRS policy: without a .prj both the importer and the post-op reader refuse, with the same words', async () => {
    const path = writePointShapefile(join(dir, 'noprj'), points, ['grade']);
    rmSync(join(dir, 'noprj.prj'));
    await expect(readLayer(path)).rejects.toThrow(/^noprj\.shp: unknown CRS: no \.prj file beside the shapefile$/);
    await expect(shapefileImporter.read(path, {})).rejects.toThrow(/^noprj\.shp: unknown CRS: no \.prj file beside the shapefile$/);
  });

  it('says what the missing .dbf was needed for', async () => {
    const path = writePointShapefile(join(dir, 'nodbf'), points, ['grade']);
    rmSync(join(dir, 'nodbf.dbf'));
    await expect(readShapefile(path, 'residents')).rejects.toThrow(/no \.dbf file beside the shapefile: it has no attributes to read residents from/);
  });

  it('refuses a corrupt shapefile in one line, in the reader\'s language by its catalogue key', async () => {
    const path = writePointShapefile(join(dir, 'cut'), points, ['grade']);
    const shp = readFileSync(path);
    writeFileSync(path, shp.subarray(0, 110)); // header whole, the first record cut short
    const e = await readShapefile(path, 'residents').then(() => null, (x: unknown) => x as DomainError);
    expect(e).toBeInstanceOf(DomainError);
    expect(e!.message).toMatch(/^cut\.shp: corrupt shapefile: \S/);
    expect(e!.said?.key).toBe('import.corruptShapefile');
    const detail = e!.message.replace('cut.shp: corrupt shapefile: ', '');
    expect(errorInWords(e!, localeFor('fr'))).toBe(`cut.shp : shapefile corrompu : ${detail}`);
    expect(errorInWords(e!, localeFor('uk'))).toBe(`cut.shp: пошкоджений shapefile: ${detail}`);
    expect(errorInWords(e!, localeFor('ar'))).toBe(`cut.shp: ملف أشكال (shapefile) تالف: ${detail}`);
  });
});
