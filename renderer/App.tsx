/** The window: toolbar, map and side panel. Data flows only through renderer/api/client.ts. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { fetchFresh, useApi, useInvalidate } from './api/queries';
import { MapView, type DrawMode, type DrawnShape, type Layers } from './map/MapView';
import { Legend } from './map/Legend';
import { zoneFeatures } from './map/zones';
import { useAppState } from './state/store';
import { toOperation, useWorkspace } from './workspace/store';
import { useLiveAssessment } from './workspace/useLiveAssessment';
import { ResultsPanel } from './results/ResultsPanel';
import { DetailedRun } from './results/DetailedRun';
import type { AssessmentResult } from '../core/model/assessment';
import { AreasPanel } from './areas/AreasPanel';
import { OptionsPanel } from './options/OptionsPanel';
import { ExportMenu } from './export/ExportMenu';
import { ImportDialog } from './import/ImportDialog';
import { SettingsMenu } from './settings/SettingsMenu';
import { BasemapDialog } from './map/BasemapDialog';
import { PostopPanel } from './postop/PostopPanel';
import { TrainingPanel } from './training/TrainingPanel';
import { EditingPanel, type MapPick, type PickOnMap } from './editing/EditingPanel';
import { useOutcomeMap } from './postop/outcome-map';
import { useExercise } from './training/exercise';
import { revealedCentre } from './training/phases';
import { TIMES_OF_DAY, type EffectProfile, type TimeOfDay } from '../core/model/operation';
import { formatCount } from '../core/model/format';
import { labelsFor } from '../core/report/labels';
import { useTranslation } from 'react-i18next';
import { fill, useLocale } from './i18n';
import type { DatasetSummary } from '../core/model/dataset';

type Tab = 'estimate' | 'areas' | 'options' | 'after' | 'training' | 'edit';
const TABS: readonly Tab[] = ['estimate', 'areas', 'options', 'after', 'training', 'edit'];
const MODES = ['polygon', 'rectangle', 'circle', 'select'] as const satisfies readonly DrawMode[];
/** The product's short name, the same in every language. */
const BRAND = 'UIA';
const NO_OUTAGES: Record<string, number> = {};
const NO_DATASETS: DatasetSummary[] = [];
const NO_PROFILES: EffectProfile[] = [];
const SHORTCUTS: Record<string, DrawMode> = { p: 'polygon', r: 'rectangle', c: 'circle', e: 'select' };

export function App() {
  const { t } = useTranslation();
  const loc = useLocale();
  const { datasetId, setDatasetId } = useAppState();
  const datasetsQuery = useApi('datasets.list', {});
  const datasets = datasetsQuery.data ?? NO_DATASETS;
  const profiles = useApi('profiles.list', {}).data ?? NO_PROFILES;
  const forDataset = datasetId === null ? null : { datasetId };
  const layersQuery = useApi('datasets.layers', forDataset);
  // The saved workspace is loaded into the workspace store once per dataset choice: never refetched
  // in the background (that would overwrite the drawing), and forgotten when another dataset is chosen.
  const workspaceQuery = useApi('workspace.get', forDataset, { staleTime: Infinity, gcTime: 0 });
  const invalidate = useInvalidate();
  const [mode, setMode] = useState<DrawMode>('polygon');
  const [tab, setTab] = useState<Tab>('estimate');
  const [importing, setImporting] = useState(false);
  const [choosingBasemap, setChoosingBasemap] = useState(false);
  const [pick, setPick] = useState<{ handler: (p: MapPick) => void; prompt: string } | null>(null);
  /** One map click for a panel (a facility pick, a location): the handler gets it, or null stops asking. */
  const pickOnMap = useCallback<PickOnMap>((handler, prompt) => setPick(handler ? { handler: (p) => { setPick(null); handler(p); }, prompt: prompt ?? t('status.clickMap') } : null), [t]);
  const comparedMap = useOutcomeMap((s) => (tab === 'after' ? s.map : null));
  // On the Training tab: the previous phase's damage, once the trainee has unlocked the next phase.
  const revealedMap = useExercise((s) => (tab === 'training' ? s.revealed : null));
  const outcomeMap = comparedMap ?? revealedMap;
  // Reviewing a saved operation shows its areas and zones, not the working option's (which stays untouched).
  const reviewed = useOutcomeMap((s) => (tab === 'after' ? s.reviewed : null));
  const [flyTo, setFlyTo] = useState<{ lonLat: [number, number]; at: number } | null>(null);
  // A phase just unlocked: show where the previous phase's damage was observed.
  const revealed = useExercise((s) => s.revealed);
  useEffect(() => {
    const centre = revealed && revealedCentre(revealed);
    if (centre) setFlyTo({ lonLat: centre, at: Date.now() });
  }, [revealed]);
  const areas = useWorkspace((s) => s.areas);
  const settings = useWorkspace((s) => s.settings);
  const syncFromMap = useWorkspace((s) => s.syncFromMap);
  const setSettings = useWorkspace((s) => s.setSettings);
  const { undo, redo, pastStates, futureStates } = useStore(useWorkspace.temporal);
  const dataset = datasets.find((d) => d.id === datasetId) ?? null;
  const live = useLiveAssessment(datasetId);
  // A detailed (long) run replaces the live figures until the next change.
  const [detailed, setDetailed] = useState<AssessmentResult | null>(null);
  useEffect(() => setDetailed(null), [live.result]);
  const shown = detailed ?? live.result;

  useEffect(() => {
    // Automation hook (end-to-end tests): the drawn areas as GeoJSON geometries.
    (window as unknown as { __uiaAreas?: () => unknown[] }).__uiaAreas = () => useWorkspace.getState().areas.map((a) => a.geometry);
  }, []);

  // Reopen on the dataset used last (remembered per machine), else the first.
  useEffect(() => {
    if (datasetId !== null || !datasetsQuery.data) return;
    const last = Number(localStorage.getItem(LAST_DATASET_KEY));
    const pickId = datasetsQuery.data.find((d) => d.id === last)?.id ?? datasetsQuery.data[0]?.id;
    if (pickId !== undefined) setDatasetId(pickId);
  }, [datasetsQuery.data, datasetId, setDatasetId]);

  useEffect(() => { if (datasetId !== null) localStorage.setItem(LAST_DATASET_KEY, String(datasetId)); }, [datasetId]);
  useEffect(() => {
    if (datasetId === null || !workspaceQuery.data) return;
    useWorkspace.getState().load(workspaceQuery.data.operation, datasetId);
    useWorkspace.temporal.getState().clear();
  }, [workspaceQuery.data]); // once per loaded workspace
  // The map shows a dataset's layers once its workspace is in place, as one step.
  const layers: Layers | null = workspaceQuery.isSuccess ? layersQuery.data ?? null : null;
  const loadError = layersQuery.error ?? workspaceQuery.error;
  const status = datasetsQuery.error ? t('status.noBackend', { error: datasetsQuery.error.message })
    : datasetsQuery.data?.length === 0 ? t('status.noDataset')
      : loadError ? t('status.loadFailed', { error: loadError.message })
        : datasetId === null ? t('status.loading') : layers ? null : t('status.loadingLayers'); // ready: the results panel says to draw
  /** After an infrastructure edit: the map layers and the datasets' counts change. */
  const reloadLayers = useCallback(() => void invalidate('datasets.layers', 'datasets.list'), [invalidate]);

  // Keyboard: P/R/C/E drawing modes, Ctrl+Z undo, Ctrl+Shift+Z (or Ctrl+Y) redo.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') { e.preventDefault(); if (e.shiftKey) redo(); else undo(); return; }
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'y') { e.preventDefault(); redo(); return; }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      const m = SHORTCUTS[e.key.toLowerCase()];
      if (m) setMode(m);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const onDrawn = useCallback((drawn: DrawnShape[]) => syncFromMap(drawn), [syncFromMap]);
  const profileOf = useCallback((a: { profileId: string; profile?: EffectProfile }) => a.profile ?? profiles.find((p) => p.id === a.profileId), [profiles]);
  const zones = useMemo(() => zoneFeatures(areas.map((a) => ({ id: a.id, geometry: a.geometry, edgesM: profileOf(a)?.zones.map((z) => z.outerEdgeM) ?? [0] }))), [areas, profileOf]);
  const outages = useMemo(() => Object.fromEntries((shown?.infrastructure.facilities ?? []).map((f) => [f.id, f.pDown])), [shown]);
  const links = useMemo(() => layers?.dependencies.features.map((f) => f.properties as { consumerId: string; supplierId: string; inferred: boolean }) ?? null, [layers]);
  const drawnShapes = useMemo(() => areas.map((a) => ({ id: a.id, shape: a.shape, geometry: a.geometry })), [areas]);
  const areaNames = useMemo(() => Object.fromEntries(areas.map((a) => [a.id, a.name])), [areas]);
  const own = useApi('basemap.get', forDataset).data?.own ?? null;
  const basemap = useMemo(() => (dataset ? { datasetId: dataset.id, attribution: dataset.attribution, own } : null), [dataset?.id, dataset?.attribution, own]);

  return (
    <div className="app">
      <header className="toolbar">
        <strong className="brand" title={t('app.title')} translate="no">{BRAND}</strong>
        <select aria-label={t('toolbar.dataset')} value={datasetId ?? ''} onChange={(e) => setDatasetId(Number(e.target.value))} translate="no">
          {datasets.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>
        {dataset?.synthetic && <span className="badge synthetic" title={dataset.source}>{t('toolbar.synthetic')}</span>}
        <div className="modes" role="toolbar" aria-label={t('toolbar.drawingMode')}>
          {MODES.map((m) => (
            <button key={m} className={mode === m ? 'active' : ''} onClick={() => setMode(m)} data-testid={`mode-${m}`} title={t('toolbar.shortcut', { key: Object.entries(SHORTCUTS).find(([, v]) => v === m)![0].toUpperCase() })}>
              {t(`toolbar.mode.${m}`)}
            </button>
          ))}
        </div>
        <div className="modes">
          <button onClick={() => undo()} disabled={pastStates.length === 0} title={t('toolbar.undoTitle')} data-testid="undo">{t('toolbar.undo')}</button>
          <button onClick={() => redo()} disabled={futureStates.length === 0} title={t('toolbar.redoTitle')} data-testid="redo">{t('toolbar.redo')}</button>
        </div>
        <label className="field">{t('toolbar.time')}
          <select value={settings.timeOfDay} onChange={(e) => setSettings({ timeOfDay: e.target.value as TimeOfDay })} data-testid="time-of-day">
            {TIMES_OF_DAY.map((x) => <option key={x} value={x}>{labelsFor(loc).time[x]}</option>)}
          </select>
        </label>
        <label className="field" title={t('toolbar.leftTitle')}>{t('toolbar.left')}
          <input type="number" min={0} max={100} step={5} value={Math.round(settings.warningShare * 100)} onChange={(e) => setSettings({ warningShare: clamp(Number(e.target.value) / 100, 0, 1) })} data-testid="warning" />{t('toolbar.percentSign')}
        </label>
        <label className="field" title={t('toolbar.daysTitle')}>{t('toolbar.days')}
          <input type="number" min={1} max={365} value={settings.horizonDays} onChange={(e) => setSettings({ horizonDays: clamp(Math.round(Number(e.target.value)), 1, 3650) })} data-testid="horizon" />
        </label>
        <span className="spacer" />
        <button className="plain" onClick={() => setImporting(true)} data-testid="open-import">{t('toolbar.import')}</button>
        {datasetId !== null && <button className="plain" onClick={() => setChoosingBasemap(true)} data-testid="open-basemap" title={t('toolbar.basemapTitle')}>{t('toolbar.basemap')}</button>}
        <SettingsMenu />
        <ExportMenu result={shown} operation={toOperation(useWorkspace.getState())} zones={zones} dataset={dataset} links={links} basemap={own} />
      </header>
      <main className="body">
        <div className="map-wrap">
          <MapView layers={layers} bbox={dataset?.bbox ?? null} mode={reviewed ? 'static' : mode} areas={reviewed?.areas ?? drawnShapes} zones={reviewed?.zones ?? zones} outages={reviewed ? NO_OUTAGES : outages} flyTo={flyTo}
            outcomes={outcomeMap} onPick={pick ? (p) => pick.handler(p) : null} onDrawn={reviewed ? () => undefined : onDrawn} basemap={basemap} areaNames={reviewed ? {} : areaNames} estimating={!reviewed && live.pending} />
          {pick && <div className="busy pick" role="status">{pick.prompt} <button className="link" onClick={() => setPick(null)}>{t('common.cancelLower')}</button></div>}
          <Legend attribution={dataset?.attribution} own={own} />
          {live.pending && <div className="busy" role="status">{t('status.assessing')}</div>}
        </div>
        <aside className="panel" aria-label={t('tabs.label')}>
          <nav className="tabs" role="tablist">
            {TABS.map((x) => (
              <button key={x} role="tab" aria-selected={tab === x} className={tab === x ? 'active' : ''} onClick={() => { setTab(x); setPick(null); }} data-testid={`tab-${x}`}>
                {x === 'areas' ? fill((v) => t('tabs.areasCount', v), { n: formatCount(areas.length, loc) }) : t(`tabs.${x}`)}
              </button>
            ))}
          </nav>
          {dataset && (
            <div className="dataset-line">
              {dataset.synthetic && <span className="warn">{t('dataset.synthetic')} </span>}
              {fill((v) => t('dataset.counts', v), { residents: formatCount(dataset.counts.residents, loc), buildings: formatCount(dataset.counts.buildings, loc), licence: <span translate="no">{dataset.licence}</span> })}
            </div>
          )}
          {tab === 'estimate' && (
            <>
              {areas.map((a) => <AreaResidents key={a.id} name={a.name} id={a.id} />)}
              {areas.length === 0 && status && <p className="hint">{status}</p>}
              <ResultsPanel result={shown} pending={live.pending} error={live.error} links={links} areaName={(id) => areas.find((a) => a.id === id)?.name || id} onFlyTo={(lonLat) => setFlyTo({ lonLat, at: Date.now() })} />
              {datasetId !== null && areas.length > 0 && <DetailedRun datasetId={datasetId} operation={toOperation(useWorkspace.getState())} onResult={setDetailed} />}
            </>
          )}
          {tab === 'areas' && <AreasPanel profiles={profiles} />}
          {tab === 'options' && datasetId !== null && <OptionsPanel datasetId={datasetId} />}
          {tab === 'after' && datasetId !== null && <PostopPanel datasetId={datasetId} pickOnMap={pickOnMap} />}
          {tab === 'training' && datasetId !== null && <TrainingPanel datasetId={datasetId} />}
          {tab === 'edit' && datasetId !== null && (
            <EditingPanel
              datasetId={datasetId} layers={layers} onChanged={reloadLayers}
              pickOnMap={pickOnMap}
              drawnArea={areas.at(-1)?.geometry ?? null}
              onFlyTo={(lonLat) => setFlyTo({ lonLat, at: Date.now() })}
            />
          )}
        </aside>
      </main>
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={(name) => fetchFresh('datasets.list', {}).then((list) => { const d = list.find((x) => x.name === name); if (d) setDatasetId(d.id); })}
        />
      )}
      {choosingBasemap && datasetId !== null && <BasemapDialog datasetId={datasetId} onClose={() => setChoosingBasemap(false)} />}
    </div>
  );
}

/** Residents inside each drawn area, shown as soon as the area is closed (cheap, separate from the full estimate). */
function AreaResidents({ id, name }: { id: string; name: string }) {
  const datasetId = useAppState((s) => s.datasetId);
  const geometry = useWorkspace((s) => s.areas.find((a) => a.id === id)?.geometry);
  const residents = useApi('exposure.residents', datasetId === null || !geometry ? null : { datasetId, area: geometry });
  const { t } = useTranslation();
  const loc = useLocale();
  const value = residents.error ? t('common.error', { error: residents.error.message }) : residents.data ? <bdi>{formatCount(residents.data.residents, loc)}</bdi> : '…';
  return (
    <div className="area-card" data-testid="area-card">
      <span className="area-name"><span translate="no">{name}</span> <button className="link remove" onClick={() => useWorkspace.getState().removeArea(id)} title={t('areas.delete', { name })} aria-label={t('areas.delete', { name })} data-testid="area-card-delete">{t('areas.deleteShort')}</button></span>
      <span className="figure"><span className="label">{t('areas.residentsInside')}</span> <span className="value" data-testid="residents">{value}</span></span>
    </div>
  );
}

const LAST_DATASET_KEY = 'uia-last-dataset';
const clamp = (v: number, lo: number, hi: number) => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : lo);
