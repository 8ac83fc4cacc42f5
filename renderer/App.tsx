/** The window: toolbar, map and side panel. Data flows only through renderer/api/client.ts. */
import { useCallback, useEffect, useState } from 'react';
import { call } from './api/client';
import { MapView, type DrawMode, type Layers } from './map/MapView';
import { SidePanel } from './panels/SidePanel';
import { Legend } from './map/Legend';
import { useStore } from './state/store';

export function App() {
  const { datasets, datasetId, setDatasets, setDatasetId, setAreas, patchArea, setStatus } = useStore();
  const [layers, setLayers] = useState<Layers | null>(null);
  const [mode, setMode] = useState<DrawMode>('polygon');
  const dataset = datasets.find((d) => d.id === datasetId) ?? null;

  useEffect(() => {
    // Automation hook (end-to-end tests): the drawn areas as GeoJSON geometries.
    (window as unknown as { __uiaAreas?: () => unknown[] }).__uiaAreas = () => useStore.getState().areas.map((a) => a.geometry);
    call('datasets.list', {}).then((list) => {
      setDatasets(list);
      if (list[0]) setDatasetId(list[0].id);
      else setStatus('No dataset in the database.');
    }).catch((e: Error) => setStatus(`Cannot reach the backend: ${e.message}`));
  }, [setDatasets, setDatasetId, setStatus]);

  useEffect(() => {
    if (datasetId === null) return;
    setStatus('Loading map layers…');
    call('datasets.layers', { datasetId }).then((l) => { setLayers(l); setStatus('Draw an operation area on the map.'); })
      .catch((e: Error) => setStatus(`Could not load layers: ${e.message}`));
  }, [datasetId, setStatus]);

  const onAreasChanged = useCallback((drawn: { id: string; geometry: import('../core/model/dataset').PolygonGeometry }[], finishedId: string | null) => {
    const previous = new Map(useStore.getState().areas.map((a) => [a.id, a]));
    setAreas(drawn.map((d) => ({ ...d, residents: d.id === finishedId ? null : previous.get(d.id)?.residents ?? null, error: null })));
    const id = useStore.getState().datasetId;
    if (id === null) return;
    for (const a of drawn) {
      if (a.id !== finishedId && previous.get(a.id)?.residents != null) continue;
      call('exposure.residents', { datasetId: id, area: a.geometry })
        .then((r) => patchArea(a.id, { residents: r.residents }))
        .catch((e: Error) => patchArea(a.id, { error: e.message }));
    }
  }, [setAreas, patchArea]);

  return (
    <div className="app">
      <header className="toolbar">
        <strong className="brand">Urban Impact Assessment</strong>
        <select aria-label="Dataset" value={datasetId ?? ''} onChange={(e) => setDatasetId(Number(e.target.value))}>
          {datasets.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>
        <div className="modes" role="toolbar" aria-label="Drawing mode">
          {(['polygon', 'rectangle', 'circle', 'select'] as const).map((m) => (
            <button key={m} className={mode === m ? 'active' : ''} onClick={() => setMode(m)} data-testid={`mode-${m}`}>
              {m === 'select' ? 'Edit' : m[0]!.toUpperCase() + m.slice(1)}
            </button>
          ))}
        </div>
        {dataset?.synthetic && <span className="badge synthetic">SYNTHETIC TRAINING DATA</span>}
      </header>
      <main className="body">
        <div className="map-wrap">
          <MapView layers={layers} bbox={dataset?.bbox ?? null} mode={mode} onAreasChanged={onAreasChanged} />
          <Legend />
        </div>
        <SidePanel dataset={dataset} />
      </main>
    </div>
  );
}
