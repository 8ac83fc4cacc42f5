/** The facility hover card: what it is, what feeds it and what it feeds (from the dependency layer). */
import type { Layers } from './MapView';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function facilityPopupHtml(id: string, layers: Layers): string {
  const f = layers.facilities.features.find((x) => (x.properties as { id: string }).id === id);
  if (!f) return '';
  const p = f.properties as { name: string; sector: string; kind: string; beds: number | null };
  const deps = layers.dependencies.features.map((d) => d.properties as { supplierId: string; consumerId: string; supplier: string; consumer: string; input: string; backupDays: number; inferred: boolean });
  const fedBy = deps.filter((d) => d.consumerId === id).map((d) => `${escape(d.supplier)} <span class="muted">(${d.input}${d.backupDays > 0 ? `, backup ${d.backupDays} d` : ''}${d.inferred ? ', inferred' : ''})</span>`);
  const feeds = deps.filter((d) => d.supplierId === id).map((d) => `${escape(d.consumer)} <span class="muted">(${d.input})</span>`);
  const list = (items: string[]) => (items.length ? `<ul>${items.slice(0, 8).map((i) => `<li>${i}</li>`).join('')}${items.length > 8 ? `<li>… ${items.length - 8} more</li>` : ''}</ul>` : '<div class="muted">none recorded</div>');
  return `<div class="popup"><strong>${escape(p.name)}</strong><div class="muted">${escape(p.sector)} · ${escape(p.kind.replace(/_/g, ' '))}${p.beds ? ` · ${p.beds} beds` : ''}</div>
    <div class="popup-h">Fed by</div>${list(fedBy)}<div class="popup-h">Feeds</div>${list(feeds)}</div>`;
}
