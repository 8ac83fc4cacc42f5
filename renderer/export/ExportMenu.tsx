/**
 * Export: CSV of the figures, GeoJSON of areas and zones, and a PDF report (Electron printToPDF;
 * in browser mode the print dialog with the report's print stylesheet).
 */
import { useEffect } from 'react';
import { flushSync } from 'react-dom';
import type { AssessmentResult } from '../../core/model/assessment';
import type { Operation } from '../../core/model/operation';
import { assessmentCsv } from '../../core/report/csv';
import type { DatasetInfo } from '../../core/report/sources';
import type { DependencyLink } from '../../core/report/summary';
import { download, safeFileName } from './download';
import { PrintReport } from './PrintReport';
import type { OwnBasemap } from '../map/basemap';
import { mapImageNow } from './map-image';
import { useIdleValue } from '../results/deferred';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n';

/** File format names, the same in every language. */
const CSV = 'CSV', GEOJSON = 'GeoJSON', PDF = 'PDF';

declare global {
  interface Window { uiaDesktop?: { printToPdf(fileName: string): Promise<{ saved: boolean; path?: string }> } }
}

export function ExportMenu({ result, operation, zones, dataset, links, basemap }: {
  result: AssessmentResult | null; operation: Operation; zones: { features: object[] }; dataset: DatasetInfo | null; links?: readonly DependencyLink[] | null;
  /** The user's own basemap file (drawn when active): the printed map shows it, so its legend does. */
  basemap?: OwnBasemap | null;
}) {
  const { t } = useTranslation();
  const loc = useLocale();
  const base = safeFileName(operation.name);
  // The hidden print report follows the result when the page is idle, not with the headline; printing brings it up to date first.
  const report = useIdleValue(result);
  const reportNow = report.now;
  useEffect(() => {
    const before = () => flushSync(reportNow);
    window.addEventListener('beforeprint', before);
    return () => window.removeEventListener('beforeprint', before);
  }, [reportNow]);
  const geojson = () => ({
    type: 'FeatureCollection',
    features: [
      ...operation.areas.map((a) => ({ type: 'Feature', geometry: a.geometry, properties: { kind: 'area', id: a.id, name: a.name, profile: a.profile?.name ?? a.profileId } })),
      ...zones.features.map((z) => ({ ...(z as object), properties: { kind: 'zone', ...((z as { properties: object }).properties) } })),
    ],
  });
  const pdf = async () => {
    flushSync(reportNow);
    // the map image is rendered off screen in the print style: wait for it and for React to show it
    await new Promise((r) => setTimeout(r));
    await mapImageNow();
    await new Promise((r) => requestAnimationFrame(r));
    await document.querySelector<HTMLImageElement>('.print-report img.map-image')?.decode().catch(() => undefined);
    if (window.uiaDesktop) await window.uiaDesktop.printToPdf(`${base}.pdf`);
    else window.print();
  };
  return (
    <div className="modes export" aria-label={t('export.label')} title={t('export.title')} translate="no">
      <button disabled={!result} onClick={() => result && download(`${base}.csv`, assessmentCsv(result, { operation, dataset }, loc), 'text/csv')} data-testid="export-csv">{CSV}</button>
      <button disabled={operation.areas.length === 0} onClick={() => download(`${base}.geojson`, JSON.stringify(geojson(), null, 1), 'application/geo+json')} data-testid="export-geojson">{GEOJSON}</button>
      <button disabled={!result} onClick={pdf} data-testid="export-pdf">{PDF}</button>
      {report.value && <PrintReport result={report.value} operation={operation} zones={zones} dataset={dataset} links={links} basemap={basemap} />}
    </div>
  );
}
