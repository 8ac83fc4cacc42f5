/**
 * Results follow the workspace: any change re-assesses after a short pause (debounced), and a
 * newer request supersedes an older one so the panel never shows stale figures as current.
 */
import { useEffect, useRef, useState } from 'react';
import { call } from '../api/client';
import type { AssessmentResult } from '../../core/model/assessment';
import { toOperation, useWorkspace } from './store';

export const LIVE_DEBOUNCE_MS = 350;

export interface LiveAssessment { result: AssessmentResult | null; pending: boolean; error: string | null }

export function useLiveAssessment(datasetId: number | null): LiveAssessment {
  const areas = useWorkspace((s) => s.areas);
  const settings = useWorkspace((s) => s.settings);
  const name = useWorkspace((s) => s.name);
  const [state, setState] = useState<LiveAssessment>({ result: null, pending: false, error: null });
  const sequence = useRef(0);

  useEffect(() => {
    if (datasetId === null) return;
    const operation = toOperation({ name, areas, settings });
    // Autosave the working option (reopening the app restores it).
    const save = setTimeout(() => {
      if (useWorkspace.getState().loadedFor === datasetId) void call('workspace.save', { datasetId, operation }).catch(() => undefined);
    }, LIVE_DEBOUNCE_MS);
    if (areas.length === 0) { setState({ result: null, pending: false, error: null }); return () => clearTimeout(save); }
    const mine = ++sequence.current;
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      call('assess.run', { datasetId, operation })
        .then((result) => { if (mine === sequence.current) setState({ result, pending: false, error: null }); })
        .catch((e: Error) => { if (mine === sequence.current) setState({ result: null, pending: false, error: e.message }); });
    }, LIVE_DEBOUNCE_MS);
    return () => { clearTimeout(timer); clearTimeout(save); };
  }, [datasetId, areas, settings, name]);

  return state;
}
