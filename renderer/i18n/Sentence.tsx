/**
 * A translated sentence with figures and elements in it. Strings given as values are figures and go
 * in <bdi> (so "12 (3–30)" keeps its order inside Arabic text); elements (a link, an interval, a name
 * in translate="no") are put in as they are. The catalogue places each value with {{name}}.
 *
 *   fill((v) => t('results.beds.estimated', v), { total: loc.number().format(n), lost: <IntervalText i={…} /> })
 */
import { Fragment, isValidElement, type ReactNode } from 'react';
import { figureParts, type NamePart, type TextPart } from '../../core/report/parts';

const OPEN = '\uFDD2', CLOSE = '\uFDD3';

export function fill<V extends Record<string, ReactNode>>(say: (marks: Record<keyof V, string>) => string, values: V): ReactNode {
  const names = Object.keys(values) as (keyof V & string)[];
  const marks = Object.fromEntries(names.map((k, i) => [k, `${OPEN}${i}${CLOSE}`])) as Record<keyof V, string>;
  return say(marks).split(new RegExp(`${OPEN}(\\d+)${CLOSE}`)).map((piece, i) => {
    if (i % 2 === 0) return piece;
    const v = values[names[Number(piece)]!];
    return isValidElement(v) ? <Fragment key={i}>{v}</Fragment> : <bdi key={i}>{v}</bdi>;
  });
}

/** Parts from core (figureParts, nameParts): words as text, figures in <bdi>, names (data, never translated) in <bdi translate="no">. */
export const Parts = ({ parts }: { parts: readonly (TextPart | NamePart)[] }) => <>{parts.map((p, i) => (
  typeof p === 'string' ? p : 'name' in p ? <bdi key={i} translate="no">{p.name}</bdi> : <bdi key={i}>{p.figure}</bdi>))}</>;

export { figureParts };

/** "90%" in the reader's digits: every interval shown is the 5th to 95th percentile. */
export const intervalLevel = (loc: { number(o?: Intl.NumberFormatOptions): Intl.NumberFormat }) => loc.number({ style: 'percent' }).format(0.9);
