import { describe, expect, it } from 'vitest';
import { classifyCems, classifyUnosat, damageClassTable, normaliseLabel } from './damage-classes';
import { parseCemsName } from './products/cems';
import { unosatClassFields } from './products/unosat';

describe('damage class mapping (data/postop/damage-classes.json)', () => {
  it('maps UNOSAT codes and labels onto 0-4', () => {
    expect([1, 2, 3, 4, 6, 11].map((c) => classifyUnosat(c))).toEqual([{ class: 4 }, { class: 3 }, { class: 2 }, { class: 1 }, { class: 0 }, { class: 1 }]);
    expect(classifyUnosat('2.0')).toEqual({ class: 3 });
    expect(classifyUnosat('Severe Damage')).toEqual({ class: 3 });
    expect(classifyUnosat('3 - Moderate Damage')).toEqual({ class: 2 });
    expect(classifyUnosat('no visible damage')).toEqual({ class: 0 });
    expect(classifyUnosat(5)).toMatchObject({ skip: expect.stringMatching(/not a building/) });
    expect(classifyUnosat('')).toBeNull();
    expect(classifyUnosat('9')).toBeUndefined();
  });

  it('maps both Copernicus EMS schemes; Not Analysed is skipped, not "no damage"', () => {
    expect(['Destroyed', 'Damaged', 'Possibly damaged', 'No visible damage'].map(classifyCems)).toEqual([{ class: 4 }, { class: 3 }, { class: 1 }, { class: 0 }]);
    expect(['Completely destroyed', 'Highly damaged', 'Moderately damaged', 'Negligible to slight damage'].map(classifyCems)).toEqual([{ class: 4 }, { class: 3 }, { class: 2 }, { class: 1 }]);
    expect(classifyCems('Not Analysed')).toMatchObject({ skip: expect.stringMatching(/not analysed/) });
    expect(classifyCems('Kaputt')).toBeUndefined();
  });

  it('every mapping carries its source', () => {
    expect(damageClassTable.unosat.source).toMatch(/METHOD/);
    expect(damageClassTable.cems.source).toMatch(/damage_gra/);
    expect(normaliseLabel(' Possibly  damaged ')).toBe('possiblydamaged');
  });

  it('orders UNOSAT class fields latest sensor first, fallbacks after', () => {
    expect(unosatClassFields(['SiteID', 'Main_Damag', 'SensorDate', 'Main_Dam_1', 'SensorDa_1', 'Damage_Sta', 'Main_Dam_2', 'SensorDa_2', 'Grouped_Da']).map((f) => [f.field, f.dateField]))
      .toEqual([['Main_Dam_2', 'SensorDa_2'], ['Main_Dam_1', 'SensorDa_1'], ['Main_Damag', 'SensorDate'], ['Damage_Sta', 'SensorDa_2'], ['Grouped_Da', 'SensorDa_2']]);
  });

  it('reads CEMS product names into key and sortable version', () => {
    const a = parseCemsName('EMSR517_AOI15_GRA_PRODUCT_builtUpP_r1_v1')!;
    const b = parseCemsName('EMSR517_AOI15_GRA_MONIT01_builtUpP_r1_v3')!;
    const c = parseCemsName('EMSR517_AOI15_GRA_MONIT02_builtUpP_r1_v1')!;
    expect(a.product).toBe('EMSR517_AOI15_GRA');
    expect(b.product).toBe(a.product);
    expect(a.version < b.version && b.version < c.version).toBe(true);
    expect(b.layer).toBe('builtUpP');
    expect(parseCemsName('aleppo-unosat')).toBeNull();
  });
});
