/** The print style: the basemap in greys (light for areas, dark for text), the dataset's layers untouched. */
import { describe, expect, it } from 'vitest';
import { basemapLayers } from './basemap';
import { mutedColour, mutedStyle } from './print-map';

const greyOf = (c: string) => { const m = /^rgba\((\d+), (\d+), (\d+), ([\d.]+)\)$/.exec(c)!; return { r: +m[1]!, g: +m[2]!, b: +m[3]!, a: +m[4]! }; };

describe('mutedColour', () => {
  it('turns colours into greys: areas light, text dark, alpha kept; leaves words alone', () => {
    const water = greyOf(mutedColour('#80deea', 'fill'));
    expect(water.r).toBe(water.g); expect(water.g).toBe(water.b);
    expect(water.r).toBeGreaterThan(200);
    expect(greyOf(mutedColour('#5a5a5a', 'text')).r).toBeLessThan(90);
    expect(greyOf(mutedColour('rgba(255, 0, 0, 0.5)', 'fill')).a).toBe(0.5);
    expect(greyOf(mutedColour('#fff', 'fill')).r).toBeGreaterThan(greyOf(mutedColour('#000', 'fill')).r);
    expect(mutedColour('water', 'fill')).toBe('water');
  });
});

describe('mutedStyle', () => {
  it('leaves no colour in the basemap and keeps the dataset layers as they are', () => {
    const zones = { id: 'zones-fill', type: 'fill', source: 'zones', paint: { 'fill-color': '#d62728' } } as const;
    const raster = { id: 'basemap-own-raster', type: 'raster', source: 'basemap-own' } as const;
    const style = mutedStyle({ version: 8, sources: {}, layers: [...basemapLayers(), raster, zones] });
    const colours = JSON.stringify(style.layers.filter((l) => l.id.startsWith('basemap-'))).match(/#[0-9a-f]{3,8}\b|rgba?\([^)]*\)/gi) ?? [];
    expect(colours.length).toBeGreaterThan(20);
    for (const c of colours) { const g = greyOf(c); expect(g.r === g.g && g.g === g.b, c).toBe(true); }
    expect(style.layers.find((l) => l.id === 'zones-fill')).toEqual(zones);
    expect(style.layers.find((l) => l.id === 'basemap-own-raster')).toMatchObject({ paint: { 'raster-saturation': -1 } });
  });
});
