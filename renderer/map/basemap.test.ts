/** The label language hook: local names by default, `name:xx` with the local name as fallback once set. */
import { afterEach, describe, expect, it } from 'vitest';
import { basemapLayers, getLabelLanguage, ownBasemapLayers, setLabelLanguage } from './basemap';

const textFields = (layers: ReturnType<typeof basemapLayers>) => layers.flatMap((l) => (l.type === 'symbol' && l.layout?.['text-field'] ? [JSON.stringify(l.layout['text-field'])] : []));

describe('setLabelLanguage', () => {
  afterEach(() => setLabelLanguage());

  it('draws the local name by default', () => {
    const fields = new Set(textFields(basemapLayers()));
    expect([...fields]).toEqual([JSON.stringify(['get', 'name'])]);
  });

  it('puts name:xx first, falling back to the local name, in styles created after it', () => {
    setLabelLanguage('PT');
    expect(getLabelLanguage()).toBe('pt');
    const fields = new Set(textFields(basemapLayers()));
    expect([...fields]).toEqual([JSON.stringify(['coalesce', ['get', 'name:pt'], ['get', 'name']])]);
    const own = ownBasemapLayers({ format: 'pbf', vectorLayers: ['streets'], originalName: 'a.mbtiles', container: 'mbtiles', name: 'a', minZoom: 0, maxZoom: 14, bounds: null, attribution: null, active: true, addedAt: '' });
    expect(new Set(textFields(own))).toEqual(fields);
  });

  it('takes a code that is not a language code as the local name', () => {
    setLabelLanguage('pt');
    setLabelLanguage('name"]; drop');
    expect(getLabelLanguage()).toBeNull();
    setLabelLanguage('');
    expect(getLabelLanguage()).toBeNull();
  });
});
