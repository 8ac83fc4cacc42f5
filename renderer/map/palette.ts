/**
 * Colour-blind-safe colours. Sectors: Okabe & Ito (2008) "Color Universal Design" palette.
 * Density: a sequential viridis ramp (perceptually uniform, readable with colour-vision deficiencies).
 */
import type { Sector } from '../../core/model/dataset';

export const SECTOR_COLOURS: Record<Sector, string> = {
  water: '#0072B2',
  power: '#E69F00',
  health: '#D55E00',
  sanitation: '#009E73',
  communications: '#CC79A7',
};

/** Residents per km² -> colour stops (viridis). */
export const DENSITY_STOPS: [number, string][] = [
  [0, '#fde725'], [2_000, '#90d743'], [5_000, '#35b779'], [10_000, '#21918c'], [20_000, '#31688e'], [40_000, '#443983'], [80_000, '#440154'],
];

export const PROTECTED_COLOUR = '#000000';
export const AREA_COLOUR = '#d62728';
