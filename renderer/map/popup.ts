/** The facility hover card: what it is, what feeds it and what it feeds (from the dependency layer). */
import type { Layers } from './MapView';
import type { Locale } from '../../core/i18n/locale';
import { labelsFor } from '../../core/report/labels';
import type { Sector } from '../../core/model/dataset';

export const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** User data (names) in a card: escaped, never translated. */
export const userText = (s: string) => `<span translate="no">${escape(s)}</span>`;
/** A figure in a card, isolated for right-to-left text. */
export const figure = (s: string) => `<bdi>${escape(s)}</bdi>`;

/** A facility kind in the reader's words (the catalogue knows the model's kinds; another kind shows as written). */
const kindWords = (kind: string, loc: Locale) => {
  const key = `report:engine.kind.${kind}`;
  return loc.t(key as 'report:engine.kind.hospital', { defaultValue: kind.replace(/_/g, ' ') });
};

export function facilityPopupHtml(id: string, layers: Layers, loc: Locale): string {
  const f = layers.facilities.features.find((x) => (x.properties as { id: string }).id === id);
  if (!f) return '';
  const t = loc.t, L = labelsFor(loc), n = (x: number) => figure(loc.number({ maximumFractionDigits: 1 }).format(x));
  const p = f.properties as { name: string; sector: Sector; kind: string; beds: number | null };
  const deps = layers.dependencies.features.map((d) => d.properties as { supplierId: string; consumerId: string; supplier: string; consumer: string; input: Sector; backupDays: number; inferred: boolean });
  const input = (d: { input: Sector }) => escape(L.sectorNoun[d.input] ?? d.input);
  const fedBy = deps.filter((d) => d.consumerId === id).map((d) => `${userText(d.supplier)} <span class="muted">(${[
    input(d), ...(d.backupDays > 0 ? [escape(t('ui:map.popup.backup', { days: '\uFDD0' })).replace('\uFDD0', n(d.backupDays))] : []), ...(d.inferred ? [escape(t('ui:map.popup.inferred'))] : []),
  ].join(escape(t('ui:options.nameSeparator')))})</span>`);
  const feeds = deps.filter((d) => d.supplierId === id).map((d) => `${userText(d.consumer)} <span class="muted">(${input(d)})</span>`);
  const list = (items: string[]) => (items.length
    ? `<ul>${items.slice(0, 8).map((i) => `<li>${i}</li>`).join('')}${items.length > 8 ? `<li>${escape(t('ui:map.popup.more', { n: '\uFDD0' })).replace('\uFDD0', n(items.length - 8))}</li>` : ''}</ul>`
    : `<div class="muted">${escape(t('ui:map.popup.noneRecorded'))}</div>`);
  const beds = p.beds ? ` · ${escape(t('ui:map.popup.beds', { count: p.beds, n: '\uFDD0' })).replace('\uFDD0', n(p.beds))}` : '';
  return `<div class="popup"><strong>${userText(p.name)}</strong><div class="muted">${escape(L.sector[p.sector] ?? p.sector)} · ${escape(kindWords(p.kind, loc))}${beds}</div>
    <div class="popup-h">${escape(t('ui:map.popup.fedBy'))}</div>${list(fedBy)}<div class="popup-h">${escape(t('ui:map.popup.feeds'))}</div>${list(feeds)}</div>`;
}
