import { describe, expect, it } from 'vitest';
import { facilityOf } from './tag-rules';

describe('which OSM objects count as water supply (data/import/osm-mapping.json)', () => {
  it('takes a well as supply only with a working pump; ornamental wells, fountains and taps are skipped with the reason', () => {
    expect(facilityOf({ man_made: 'water_well', pump: 'manual' })).toEqual({ sector: 'water', kind: 'well', matchedTags: 'man_made=water_well pump=manual' });
    expect(facilityOf({ man_made: 'water_well' })).toEqual({ skip: expect.stringMatching(/historic or ornamental/) });
    expect(facilityOf({ man_made: 'water_well', pump: 'no' })).toEqual({ skip: expect.stringMatching(/historic or ornamental/) });
    expect(facilityOf({ amenity: 'drinking_water' })).toEqual({ skip: expect.stringMatching(/not supply facilities/) });
    expect(facilityOf({ amenity: 'fountain' })).toEqual({ skip: expect.stringMatching(/not supply facilities/) });
    expect(facilityOf({ man_made: 'water_works' })).toMatchObject({ sector: 'water', kind: 'treatment_plant' });
  });
});
