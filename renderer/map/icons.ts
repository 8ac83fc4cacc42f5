/**
 * Facility icons, one per sector, from assets/icons (drawn for this app, offline). Rasterised at
 * twice their size so they stay sharp on high-density screens.
 */
import type * as maplibregl from 'maplibre-gl';
import water from '../../assets/icons/water.svg?url';
import power from '../../assets/icons/power.svg?url';
import health from '../../assets/icons/health.svg?url';
import sanitation from '../../assets/icons/sanitation.svg?url';
import communications from '../../assets/icons/communications.svg?url';
import type { Sector } from '../../core/model/dataset';

export const SECTOR_ICONS: Record<Sector, string> = { water, power, health, sanitation, communications };
const SIZE_PX = 48;

export async function addSectorIcons(map: maplibregl.Map): Promise<void> {
  await Promise.all(Object.entries(SECTOR_ICONS).map(async ([sector, url]) => {
    const img = new Image(SIZE_PX, SIZE_PX);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = SIZE_PX; canvas.height = SIZE_PX;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0, SIZE_PX, SIZE_PX);
    if (!map.hasImage(`icon-${sector}`)) map.addImage(`icon-${sector}`, ctx.getImageData(0, 0, SIZE_PX, SIZE_PX), { pixelRatio: 2 });
  }));
}
