/**
 * Results follow the workspace: any change asks the backend for a live preview (assess.preview: the
 * expectation figures with bounds from a short seeded run, never stored). At most one preview is in
 * flight; changes made meanwhile collapse into one request for the latest state when it returns, so
 * a finished drawing is assessed at once and a dragged slider never queues stale work. A newer
 * request supersedes an older one so the panel never shows stale figures as current.
 */
import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { call } from '../api/client';
import type { AssessmentResult } from '../../core/model/assessment';
import type { Operation } from '../../core/model/operation';
import { toOperation, useWorkspace } from './store';

/** Autosave waits for a pause in editing (the preview does not: see above). */
export const AUTOSAVE_DEBOUNCE_MS = 350;

export interface LiveAssessment { result: AssessmentResult | null; pending: boolean; error: string | null }

export function useLiveAssessment(datasetId: number | null): LiveAssessment {
  const areas = useWorkspace((s) => s.areas);
  const settings = useWorkspace((s) => s.settings);
  const name = useWorkspace((s) => s.name);
  const [state, setState] = useState<LiveAssessment>({ result: null, pending: false, error: null });
  const sequence = useRef(0);
  const inFlight = useRef(false);
  const queued = useRef<{ seq: number; datasetId: number; operation: Operation } | null>(null);

  useEffect(() => {
    if (datasetId === null) return;
    const operation = toOperation({ name, areas, settings });
    // Autosave the working option (reopening the app restores it).
    const save = setTimeout(() => {
      if (useWorkspace.getState().loadedFor === datasetId) void call('workspace.save', { datasetId, operation }).catch(() => undefined);
    }, AUTOSAVE_DEBOUNCE_MS);
    const seq = ++sequence.current;
    if (areas.length === 0) { queued.current = null; setState({ result: null, pending: false, error: null }); return () => clearTimeout(save); }
    setState((s) => ({ ...s, pending: true }));
    const send = (req: { seq: number; datasetId: number; operation: Operation }) => {
      inFlight.current = true;
      call('assess.preview', { datasetId: req.datasetId, operation: req.operation })
        // Committed in the task that receives the answer: a scheduled render would wait behind the
        // map's frames (hundreds of ms each under software WebGL) while the drawing's tiles load.
        .then((result) => { if (req.seq === sequence.current) flushSync(() => setState({ result, pending: false, error: null })); })
        .catch((e: Error) => { if (req.seq === sequence.current) setState({ result: null, pending: false, error: e.message }); })
        .finally(() => {
          inFlight.current = false;
          const next = queued.current;
          queued.current = null;
          if (next && next.seq === sequence.current) send(next);
        });
    };
    const req = { seq, datasetId, operation };
    if (inFlight.current) queued.current = req; else send(req);
    return () => clearTimeout(save);
  }, [datasetId, areas, settings, name]);

  return state;
}
