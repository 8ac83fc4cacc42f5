/**
 * Isolation of figures, decided once: core text functions return plain text with no isolation
 * marks, because the CLI and the CSV are plain text (a terminal or a spreadsheet would show the
 * marks, and a CSV figure must stay a bare number). A renderer that puts a translated sentence with
 * figures into right-to-left text asks for the sentence in parts and wraps each figure in <bdi>:
 *
 *   figureParts((f) => loc.t('report:format.interval', f), intervalFigures(i, loc))
 *     -> ['', { figure: '12' }, ' (', { figure: '90%' }, ' interval ', { figure: '3' }, '–', { figure: '30' }, ')']
 *
 * The renderer maps a string to text and `{ figure }` to <bdi>{figure}</bdi>; whole core sentences
 * (headline lines, chains) go in one <bdi> or a block of their own.
 */

/** A piece of a sentence: words, or a figure to isolate. */
export type TextPart = string | { figure: string };

/** Marks that cannot occur in a catalogue entry or a formatted number (Unicode noncharacters). */
const OPEN = '\uFDD0', CLOSE = '\uFDD1';

/**
 * The sentence `say` builds from `figures` (already formatted), cut into words and figures. `say`
 * receives each figure wrapped in private marks and must put them into the text unchanged (as an
 * i18next interpolation does).
 */
export function figureParts<F extends Record<string, string>>(say: (figures: F) => string, figures: F): TextPart[] {
  const names = Object.keys(figures);
  const marked = Object.fromEntries(names.map((k, i) => [k, `${OPEN}${i}${CLOSE}`])) as F;
  const parts: TextPart[] = [];
  for (const [i, piece] of say(marked).split(new RegExp(`${OPEN}(\\d+)${CLOSE}`)).entries()) {
    if (i % 2 === 0) parts.push(piece);
    else parts.push({ figure: figures[names[Number(piece)]!]! });
  }
  return parts;
}

/** A piece of a sentence: words, or a name (user or file data) that is never translated. */
export type NamePart = string | { name: string };

/** The sentence `say` builds around `names`, cut into words and `{ name }` parts (as figureParts). */
export function nameParts<N extends Record<string, string>>(say: (names: N) => string, names: N): NamePart[] {
  return figureParts(say, names).map((p) => (typeof p === 'string' ? p : { name: p.figure }));
}

/** Parts joined back into plain text (CSV, CLI). */
export const partsText = (parts: readonly (string | { name: string } | { figure: string })[]): string =>
  parts.map((p) => (typeof p === 'string' ? p : 'name' in p ? p.name : p.figure)).join('');

/**
 * The sentence `say` builds with other parts put in its places (`values`, by placeholder): a facility
 * label in parts inside "{{facility}} (direct, {{state}})" keeps its name a `{ name }` part.
 */
export function composeParts<K extends string>(say: (marks: Record<K, string>) => string, values: Record<K, readonly NamePart[]>): NamePart[] {
  const keys = Object.fromEntries(Object.keys(values).map((k) => [k, k])) as Record<K, string>;
  return figureParts(say, keys).flatMap((p): NamePart[] => (typeof p === 'string' ? (p ? [p] : []) : [...values[p.figure as K]]));
}
