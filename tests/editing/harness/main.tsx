/**
 * A page with only the EditingPanel, for tests/editing/panel.e2e.test.ts: the app's own client over
 * HTTP, map clicks simulated through window.__uiaPick and the drawn polygon through window.__uiaDraw.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { chooseLanguage, I18nProvider } from '../../../renderer/i18n';
import { queryClient } from '../../../renderer/api/queries';
import { call } from '../../../renderer/api/client';
import { EditingPanel, type MapPick } from '../../../renderer/editing/EditingPanel';
import type { Layers } from '../../../renderer/map/MapView';
import type { ArealGeometry } from '../../../core/model/dataset';
import '../../../renderer/styles.css';

declare global {
  interface Window { __uiaPick?: (p: MapPick) => boolean; __uiaDraw?: (g: ArealGeometry | null) => void; __uiaChanged?: number }
}

function Harness() {
  const [layers, setLayers] = useState<Layers | null>(null);
  const [drawn, setDrawn] = useState<ArealGeometry | null>(null);
  // Held in state, as the app does: asking for a pick re-renders the host, which passes a new pickOnMap.
  const [pendingPick, setPendingPick] = useState<{ f: (p: MapPick) => void } | null>(null);
  const pending = useRef<((p: MapPick) => void) | null>(null);
  pending.current = pendingPick?.f ?? null;
  const load = useCallback(() => call('datasets.layers', { datasetId: 1 }).then(setLayers), []);
  useEffect(() => {
    void load();
    window.__uiaPick = (p) => { const f = pending.current; if (!f) return false; f(p); return true; };
    window.__uiaDraw = setDrawn;
    window.__uiaChanged = 0;
  }, [load]);
  return (
    <aside className="panel" style={{ width: 460, height: '100vh' }}>
      <EditingPanel datasetId={1} layers={layers} drawnArea={drawn}
        onChanged={() => { window.__uiaChanged! += 1; void load(); }}
        pickOnMap={(onPick) => setPendingPick(onPick ? { f: onPick } : null)} />
      {pendingPick && <div data-testid="host-pick">waiting for a map click</div>}
    </aside>
  );
}

// The page's language from ?lang= (English by default; pseudo allowed), through the app's own provider.
const choice = chooseLanguage(location.search, null, 'en', true);
createRoot(document.getElementById('root')!).render(
  <I18nProvider initial={choice}><QueryClientProvider client={queryClient}><Harness /></QueryClientProvider></I18nProvider>,
);
