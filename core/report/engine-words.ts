/**
 * The engine writes its few sentences (no-data reasons, caveats, cascade chains) in English into the
 * result, and results are stored that way. This module reads those sentences back by their fixed
 * shapes (core/engine/assess.ts, cascade.ts, education.ts) and says them again in the reader's
 * language. A sentence of an unknown shape is returned as it is: English is better than nothing, and
 * facility or school names (user data) are never translated, only the words around them.
 * The *Parts functions return the sentence in parts, names as `{ name }` parts, so the renderer puts
 * them in translate="no"; the plain-text functions (CSV, CLI) join the parts.
 */
import { FACILITY_KINDS, SERVICE_INPUTS, type Sector } from '../model/dataset';
import type { Locale } from '../i18n/locale';
import { formatDays, formatPeople } from '../model/format';
import { composeParts, partsText, type NamePart } from './parts';

type Kind = (typeof FACILITY_KINDS)[Sector][number];
const KINDS = Object.values(FACILITY_KINDS).flat() as Kind[];
const STATES = ['none', 'slight', 'moderate', 'extensive', 'complete'] as const;
/** The sector nouns as the engine writes them (assess.ts says "health", cascade.ts "health care"). */
const NOUNS: Record<string, Sector> = { water: 'water', power: 'power', health: 'health', 'health care': 'health', sanitation: 'sanitation', communications: 'communications' };
const NOUN = '(water|power|health care|health|sanitation|communications)';
const NUMBER = '([\\d,]+(?:\\.\\d+)?)';

/** The engine's own number text ("1,234", "2.5") as a number. */
const parse = (s: string) => Number(s.replace(/,/g, ''));
const count = (s: string, loc: Locale) => loc.number({ maximumFractionDigits: 1 }).format(parse(s));

const days = (s: string, loc: Locale) => formatDays(parse(s), loc);

/** The sector as the object of "without" (`service`) and as a label (`sector`), for the translator to choose. */
const sector = (noun: string, loc: Locale) => {
  const s = NOUNS[noun] ?? 'water';
  return { service: loc.t(`report:labels.sectorNoun.${s}`), sector: loc.t(`report:labels.sector.${s}`) };
};

/** "Pumping station P3" -> the kind in the reader's words and the name as it is. */
export const facilityWords = (label: string, loc: Locale): string => partsText(facilityParts(label, loc));

/** A facility label in parts: the kind in the reader's words, the name (data) as a name part. */
export function facilityParts(label: string, loc: Locale): NamePart[] {
  if (loc.lang === 'en') return [{ name: label }];
  for (const kind of KINDS) {
    const words = kind.replace(/_/g, ' ');
    const head = `${words.charAt(0).toUpperCase()}${words.slice(1)} `;
    // The engine puts the kind before a name that does not say it ("Clinic Health centre C1"); a label
    // going on in lower case ("Sewage pumping station S5") is a name that starts with the kind: left as it is.
    const name = label.slice(head.length);
    if (label.startsWith(head) && !/^\p{Ll}/u.test(name)) return composeParts((v) => loc.t('report:engine.facility', { kind: loc.t(`report:engine.kind.${kind}`), name: v.name }), { name: [{ name }] });
  }
  return [{ name: label }];
}

/** One step of a chain: "Substation X (direct, extensive)", "Pump P (no power after 2 days)", "80,000 people without water". */
function stepParts(step: string, loc: Locale): NamePart[] {
  let m = /^(.*) \(direct, (none|slight|moderate|extensive|complete)\)$/.exec(step);
  if (m) { const state = loc.t(`report:labels.damageShort.${m[2] as (typeof STATES)[number]}`).toLocaleLowerCase(loc.lang); return composeParts((v) => loc.t('report:engine.chain.direct', { facility: v.facility, state }), { facility: facilityParts(m[1]!, loc) }); }
  m = new RegExp(`^(.*) \\(no (${SERVICE_INPUTS.join('|')}) after ${NUMBER} days?\\)$`).exec(step);
  if (m) { const w = { input: sector(m[2]!, loc).service, days: days(m[3]!, loc) }; return composeParts((v) => loc.t('report:engine.chain.cut', { facility: v.facility, ...w }), { facility: facilityParts(m[1]!, loc) }); }
  m = new RegExp(`^${NUMBER} people without ${NOUN}$`).exec(step);
  if (m) return [loc.t('report:engine.chain.people', { people: formatPeople(parse(m[1]!), loc), ...sector(m[2]!, loc) })];
  m = new RegExp(`^${NUMBER} pupils out of school for ${NUMBER} days?$`).exec(step);
  if (m) return [loc.t('report:engine.chain.pupils', { count: parse(m[1]!), n: count(m[1]!, loc), days: days(m[2]!, loc) })];
  m = new RegExp(`^(.*) \\(no ${NOUN}\\)$`).exec(step);
  if (m) { const w = sector(m[2]!, loc); return composeParts((v) => loc.t('report:engine.chain.schoolCut', { school: v.school, ...w }), { school: [{ name: m![1]! }] }); }
  m = /^(.*) \(moderate damage or worse, in (\d+)% of cases\)$/.exec(step);
  if (m) { const share = loc.number({ style: 'percent' }).format(parse(m[2]!) / 100); return composeParts((v) => loc.t('report:engine.chain.schoolDamaged', { school: v.school, share }), { school: [{ name: m![1]! }] }); }
  return facilityParts(step, loc);
}

/** A cause chain ("Substation X (direct, extensive) -> Pumping station P3 (no power after 0 days) -> 80,000 people without water") in the reader's words. */
export const chainInWords = (chain: string, loc: Locale): string => partsText(chainParts(chain, loc));

/** A cause chain in parts: facility and school names as name parts. */
export function chainParts(chain: string, loc: Locale): NamePart[] {
  if (loc.lang === 'en') return [chain];
  if (chain === 'not down in any run') return [loc.t('report:engine.notDown')];
  return chain.split(' -> ').flatMap((s, i) => [...(i > 0 ? [loc.t('report:engine.chain.arrow')] : []), ...stepParts(s, loc)]);
}

/** Sentences the engine writes, each with the catalogue entry that says it again. */
const SENTENCES: [RegExp, (m: RegExpExecArray, loc: Locale) => string | NamePart[]][] = [
  [new RegExp(`^the dataset has no ${NOUN} facilities$`), (m, loc) => loc.t('report:engine.noFacilities', sector(m[1]!, loc))],
  [/^the dataset has no water or power facilities$/, (_m, loc) => loc.t('report:engine.noWaterOrPower')],
  [/^the areas lie beyond the extent of the infrastructure data$/, (_m, loc) => loc.t('report:engine.beyondExtent')],
  [new RegExp(`^part of the zones lies beyond the extent of the infrastructure data: ${NOUN} facilities there are unknown and not counted$`), (m, loc) => loc.t('report:engine.partlyBeyond', sector(m[1]!, loc))],
  [new RegExp(`^${NUMBER} residents of the dataset have no ${NOUN} facility within the service bounds or the data's extent \\(unknown service, not counted\\)$`),
    (m, loc) => loc.t('report:engine.unknownService', { count: parse(m[1]!), n: count(m[1]!, loc), ...sector(m[2]!, loc) })],
  [/^displacement for want of water or power is not estimated: the dataset has no water or power facilities$/, (_m, loc) => loc.t('report:engine.noUtilities')],
  [/^the share seeking public shelter \((\d+)%\) is a planning assumption$/, (m, loc) => loc.t('report:engine.shelterAssumption', { share: loc.number({ style: 'percent' }).format(parse(m[1]!) / 100) })],
  [/^no school lies in the zones or near a water or power facility that can go down$/, (_m, loc) => loc.t('report:engine.noSchoolAtRisk')],
  [/^the dataset has no schools \(no building of use education\)$/, (_m, loc) => loc.t('report:engine.noSchools')],
  [/^the dataset's (\d+) school buildings? (?:has|have) no pupil counts$/, (m, loc) => loc.t('report:engine.noPupils', { count: parse(m[1]!), n: count(m[1]!, loc) })],
  [/^(.*) \((default service area|inferred supply links|default service area, inferred supply links)\)$/,
    (m, loc) => {
      const why = m[2]!.split(', ').map((w) => loc.t(w === 'default service area' ? 'report:engine.defaultServiceArea' : 'report:engine.inferredLinks')).join(loc.t('report:format.listComma'));
      return composeParts((v) => loc.t('report:engine.inferredDriver', { facility: v.facility, why }), { facility: facilityParts(m[1]!, loc) });
    }],
];

/** A sentence of the engine (reason, note, inferred driver, chain) in the reader's language; unknown shapes as they are. */
export const engineWords = (text: string, loc: Locale): string => partsText(engineParts(text, loc));

/** An engine sentence in parts: facility names as name parts. */
export function engineParts(text: string, loc: Locale): NamePart[] {
  if (loc.lang === 'en') return [text];
  for (const [re, say] of SENTENCES) {
    const m = re.exec(text);
    if (m) { const r = say(m, loc); return typeof r === 'string' ? [r] : r; }
  }
  return text.includes(' -> ') ? chainParts(text, loc) : [text];
}
