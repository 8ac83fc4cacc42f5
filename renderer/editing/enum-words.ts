/**
 * The model's enum values in the reader's words (sector, facility kind, construction class). The
 * values themselves never change; an unknown value (an old record) is shown as stored, underscores
 * as spaces.
 */
import { ALL_FACILITY_KINDS, CONSTRUCTION_CLASSES, SECTORS, type ConstructionClass, type FacilityKind, type Sector } from '../../core/model/dataset';
import type { TFunction } from 'i18next';
import { ENGLISH, type Locale } from '../../core/i18n/locale';

/**
 * A locale's translate function typed for the editing and review namespaces. Locale.t is typed for the
 * default namespace (ui); these keys are always written with their prefix ('editing:…', 'review:…'),
 * which i18next resolves at run time, so only the type changes.
 */
export const nsT = (loc: Locale) => loc.t as unknown as TFunction<['editing', 'review']>;

const plain = (v: unknown) => String(v ?? '').replace(/_/g, ' ');
const isIn = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);

export const sectorWord = (v: unknown, loc: Locale = ENGLISH): string => (isIn<Sector>(SECTORS, v) ? nsT(loc)(`editing:sector.${v}`) : plain(v));
export const kindWord = (v: unknown, loc: Locale = ENGLISH): string => (isIn<FacilityKind>(ALL_FACILITY_KINDS, v) ? nsT(loc)(`editing:kind.${v}`) : plain(v));
export const constructionWord = (v: unknown, loc: Locale = ENGLISH): string =>
  (isIn<ConstructionClass>(CONSTRUCTION_CLASSES, v) ? nsT(loc)(`editing:construction.${v}`) : plain(v));
