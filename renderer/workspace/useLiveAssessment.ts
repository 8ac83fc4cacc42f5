/**
 * Results follow the workspace: any change asks the backend for a live preview (assess.preview: the
 * expectation figures with bounds from a short seeded run, never stored). At most one preview is in
 * flight; changes made meanwhile collapse into one request for the latest state when it returns, so
 * a finished drawing is assessed at once and a dragged slider never queues stale work. A newer
 * request supersedes an older one so the panel never shows stale figures as current.
 * `pending` is true from the very render in which the inputs change (not one render later, after an
 * effect), so the map holds its frames from the mouse-up that closes a drawing (renderer/map/render-hold.ts).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
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
  const inputs = useMemo(() => ({ datasetId, areas, settings, name }), [datasetId, areas, settings, name]);
  /** The latest answer, and the inputs it answers (the estimate is pending while they are not the current ones). */
  const [state, setState] = useState<{ result: AssessmentResult | null; error: string | null; for: typeof inputs | null }>({ result: null, error: null, for: null });
  const sequence = useRef(0);
  const inFlight = useRef(false);
  const queued = useRef<{ seq: number; datasetId: number; operation: Operation; inputs: typeof inputs } | null>(null);

  useEffect(() => {
    if (datasetId === null) return;
    const operation = toOperation({ name, areas, settings });
    // Autosave the working option (reopening the app restores it).
    const save = setTimeout(() => {
      if (useWorkspace.getState().loadedFor === datasetId) void call('workspace.save', { datasetId, operation }).catch(() => undefined);
    }, AUTOSAVE_DEBOUNCE_MS);
    const seq = ++sequence.current;
    if (areas.length === 0) { queued.current = null; setState({ result: null, error: null, for: inputs }); return () => clearTimeout(save); }
    const send = (req: { seq: number; datasetId: number; operation: Operation; inputs: typeof inputs }) => {
      inFlight.current = true;
      call('assess.preview', { datasetId: req.datasetId, operation: req.operation })
        // Committed in the task that receives the answer: a scheduled render would wait behind the
        // map's frames (hundreds of ms each under software WebGL) while the drawing's tiles load.
        .then((result) => { if (req.seq === sequence.current) flushSync(() => setState({ result, error: null, for: req.inputs })); })
        .catch((e: Error) => { if (req.seq === sequence.current) setState({ result: null, error: e.message, for: req.inputs }); })
        .finally(() => {
          inFlight.current = false;
          const next = queued.current;
          queued.current = null;
          if (next && next.seq === sequence.current) send(next);
        });
    };
    const req = { seq, datasetId, operation, inputs };
    if (inFlight.current) queued.current = req; else send(req);
    return () => clearTimeout(save);
  }, [inputs]);

  const pending = datasetId !== null && areas.length > 0 && state.for !== inputs;
  return useMemo(() => ({ result: state.result, error: state.error, pending }), [state.result, state.error, pending]);
}
