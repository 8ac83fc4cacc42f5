/**
 * Label fonts, offline: Noto Sans and Noto Sans Arabic (SIL OFL 1.1) from the @fontsource npm
 * packages, bundled by Vite and handed to maplibre through the style's `font-faces`. maplibre
 * draws each grapheme with the browser's text engine and shapes Arabic itself, so Latin, Cyrillic,
 * Greek and Arabic names render correctly with no glyph server and no RTL plugin (which needs eval).
 * Unicode ranges are those of the @fontsource CSS files (main blocks only).
 */
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import latinExt400 from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import cyrillic400 from '@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff2?url';
import cyrillicExt400 from '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff2?url';
import greek400 from '@fontsource/noto-sans/files/noto-sans-greek-400-normal.woff2?url';
import latin600 from '@fontsource/noto-sans/files/noto-sans-latin-600-normal.woff2?url';
import latinExt600 from '@fontsource/noto-sans/files/noto-sans-latin-ext-600-normal.woff2?url';
import cyrillic600 from '@fontsource/noto-sans/files/noto-sans-cyrillic-600-normal.woff2?url';
import latinItalic from '@fontsource/noto-sans/files/noto-sans-latin-400-italic.woff2?url';
import latinExtItalic from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-italic.woff2?url';
import cyrillicItalic from '@fontsource/noto-sans/files/noto-sans-cyrillic-400-italic.woff2?url';
import arabic400 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2?url';
import arabic600 from '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-600-normal.woff2?url';
import type { FontFacesSpecification } from '@maplibre/maplibre-gl-style-spec';

const RANGES = {
  latin: ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+02C6', 'U+02DA', 'U+02DC', 'U+2000-206F', 'U+20AC', 'U+2122', 'U+2212'],
  latinExt: ['U+0100-02BA', 'U+02BD-02C5', 'U+02C7-02CC', 'U+02CE-02D7', 'U+02DD-02FF', 'U+1D00-1DBF', 'U+1E00-1EFF', 'U+2C60-2C7F', 'U+A720-A7FF'],
  cyrillic: ['U+0301', 'U+0400-045F', 'U+0490-0491', 'U+04B0-04B1', 'U+2116'],
  cyrillicExt: ['U+0460-052F', 'U+1C80-1C8A', 'U+2DE0-2DFF', 'U+A640-A69F'],
  greek: ['U+0370-03FF'],
  arabic: ['U+0600-06FF', 'U+0750-077F', 'U+0870-08FF', 'U+FB50-FDFF', 'U+FE70-FEFC'],
};

const abs = (url: string) => new URL(url, location.href).href;
const face = (url: string, ranges: string[]) => ({ url: abs(url), 'unicode-range': ranges });

/** The font names the basemap style asks for, mapped to bundled files. */
export const FONT_REGULAR = 'Noto Sans Regular';
export const FONT_MEDIUM = 'Noto Sans Medium';
export const FONT_ITALIC = 'Noto Sans Italic';

export function fontFaces(): FontFacesSpecification {
  return {
    [FONT_REGULAR]: [face(latin400, RANGES.latin), face(latinExt400, RANGES.latinExt), face(cyrillic400, RANGES.cyrillic), face(cyrillicExt400, RANGES.cyrillicExt), face(greek400, RANGES.greek), face(arabic400, RANGES.arabic)],
    [FONT_MEDIUM]: [face(latin600, RANGES.latin), face(latinExt600, RANGES.latinExt), face(cyrillic600, RANGES.cyrillic), face(arabic600, RANGES.arabic)],
    [FONT_ITALIC]: [face(latinItalic, RANGES.latin), face(latinExtItalic, RANGES.latinExt), face(cyrillicItalic, RANGES.cyrillic), face(arabic400, RANGES.arabic)],
  };
}
