/** Small pieces the training sections share. */
import type { Locale } from '../../core/i18n/locale';

/** Example path in the placeholders (paths are the same in every language). */
export const PACKAGE_EXAMPLE = '/home/me/exercise.uiapkg';

export const message = (e: unknown) => (e as Error).message;

/** An operation's id as the interface writes it (no grouping: it is a reference, not a quantity). */
export const idOf = (loc: Locale, id: number) => loc.number({ useGrouping: false }).format(id);
