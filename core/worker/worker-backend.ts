/**
 * The backend in a worker thread, as both transports use it (HTTP server, Electron IPC): `call`
 * forwards one API call to core/worker/engine-worker.ts and resolves with its reply. Jobs (progress,
 * cancellation) live in the worker and are reached with jobs.status / jobs.cancel like any call.
 *
 * A crash of the worker fails the calls in flight with an `internal` error that says so, marks its
 * running jobs failed, and the next call starts a fresh worker (which reopens the store and prepares
 * cities again on first use).
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ApiReply } from '../api/dispatch';

export interface EngineWorkerData { dbPath: string; testHooks: boolean }
export type ToWorker =
  | { type: 'call'; id: number; name: string; input: unknown }
  | { type: 'callText'; id: number; name: string; inputText: string }
  | { type: 'close' } | { type: 'crash' };
export type FromWorker = { type: 'ready' } | { type: 'reply'; id: number; reply: ApiReply } | { type: 'replyText'; id: number; reply: TextReply };

/**
 * A reply already serialised: `text` is the ApiReply as JSON, or `bytes` a binary value (map tiles).
 * `errorCode` is the error's code when the reply is not ok (the transport's status follows from it).
 */
export type TextReply = { text: string; errorCode: string | null } | { bytes: Uint8Array };

/** What a transport needs of a backend. */
export interface ApiCaller {
  call(name: string, input: unknown): Promise<ApiReply>;
  /**
   * The same call with its input as JSON text and its reply serialised, where the backend can do
   * both off the transport's thread (the worker parses, runs and stringifies; only strings cross).
   */
  callText?(name: string, inputText: string): Promise<TextReply>;
}

export interface WorkerBackend extends ApiCaller {
  dbPath: string;
  /** Resolves when the current worker has opened the store (and seeded the training city on a new database); rejects with the reason it could not. */
  ready(): Promise<void>;
  /** Resolves when the worker has closed the store and ended. */
  close(): Promise<void>;
  /** Test only (testHooks): makes the worker throw an uncaught exception on its next turn. */
  crashForTest(): void;
}

// Set by the bundler (scripts/build-electron.mjs, scripts/build-cli.mjs) to the built worker's file
// name beside the bundle; undefined when running from source under tsx or vitest.
declare const UIA_ENGINE_WORKER: string | undefined;

function newEngineWorker(workerData: EngineWorkerData): Worker {
  if (typeof UIA_ENGINE_WORKER === 'string') return new Worker(new URL(`./${UIA_ENGINE_WORKER}`, import.meta.url), { workerData });
  // From source (tsx, vitest): the worker is TypeScript too. Node 20 does not apply `--import tsx` to a
  // worker's entry module, so a small bootstrap registers tsx's loader first, then imports the entry.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./engine-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData });
}

const STARTED_JOB = /\.(start|save)$/;

export function openWorkerBackend(dbPath: string, opts: { testHooks?: boolean } = {}): WorkerBackend {
  let worker: Worker | null = null;
  let nextId = 1;
  let closing: Promise<void> | null = null;
  const pending = new Map<number, (r: ApiReply) => void>();
  const pendingText = new Map<number, (r: TextReply) => void>();
  /** Jobs started in the current worker; a crash moves them to `lost`, which jobs.status reports failed. */
  let jobs = new Map<string, string>();
  const lost = new Map<string, { kind: string; error: string }>();

  let started: Promise<void> = Promise.resolve();

  function spawn(): Worker {
    const w = newEngineWorker({ dbPath, testHooks: opts.testHooks === true });
    let failure: string | null = null;
    started = new Promise<void>((resolve, reject) => {
      w.on('message', (m: FromWorker) => { if (m.type === 'ready') resolve(); });
      w.once('exit', () => reject(new Error(failure ?? 'the engine worker ended before it was ready')));
    });
    started.catch(() => undefined);
    w.on('message', (m: FromWorker) => {
      if (m.type === 'reply') { pending.get(m.id)?.(m.reply); pending.delete(m.id); }
      if (m.type === 'replyText') { pendingText.get(m.id)?.(m.reply); pendingText.delete(m.id); }
    });
    w.on('error', (e) => { failure = e.message; });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      const error = closing ? 'the backend closed' : `the engine stopped unexpectedly (${failure ?? `exit code ${code}`}); it restarts on the next call`;
      for (const [id, resolve] of pending) { resolve({ ok: false, error: { code: 'internal', message: error } }); pending.delete(id); }
      for (const [id, resolve] of pendingText) { resolve({ text: JSON.stringify({ ok: false, error: { code: 'internal', message: error } }), errorCode: 'internal' }); pendingText.delete(id); }
      for (const [jobId, kind] of jobs) lost.set(jobId, { kind, error });
      jobs = new Map();
    });
    return w;
  }

  function lostJob(name: string, input: unknown): ApiReply | null {
    const jobId = (input as { jobId?: unknown } | null)?.jobId;
    const l = typeof jobId === 'string' ? lost.get(jobId) : undefined;
    if (!l) return null;
    if (name === 'jobs.cancel') return { ok: true, value: { cancelled: false } };
    if (name !== 'jobs.status') return null;
    return { ok: true, value: { id: jobId, kind: l.kind, state: 'failed', progress: { phase: 'stopped', done: 0, total: 0, unit: '' }, result: null, error: l.error } };
  }

  // Start at once: opening the store and seeding a new database overlap with the transport's start.
  worker = spawn();

  const backend: WorkerBackend = {
    dbPath,
    ready: () => (worker ??= spawn(), started),
    async call(name, input) {
      if (closing) return { ok: false, error: { code: 'internal', message: 'the backend is closing' } };
      const known = lostJob(name, input);
      if (known) return known;
      worker ??= spawn();
      const id = nextId++;
      const reply = await new Promise<ApiReply>((resolve) => {
        pending.set(id, resolve);
        worker!.postMessage({ type: 'call', id, name, input } satisfies ToWorker);
      });
      if (reply.ok && STARTED_JOB.test(name)) {
        const jobId = (reply.value as { jobId?: unknown }).jobId;
        if (typeof jobId === 'string') jobs.set(jobId, name.split('.')[0] === 'import' ? 'import' : 'assessment');
      }
      return reply;
    },
    async callText(name, inputText) {
      // Job calls stay on the object path: the lost-job bookkeeping above reads their input and reply (both small).
      if (closing || name.startsWith('jobs.') || STARTED_JOB.test(name)) {
        let input: unknown;
        try { input = inputText ? JSON.parse(inputText) : {}; } catch (e) { return bodyError(e); }
        const reply = await backend.call(name, input);
        return { text: JSON.stringify(reply), errorCode: reply.ok ? null : reply.error.code };
      }
      worker ??= spawn();
      const id = nextId++;
      return new Promise<TextReply>((resolve) => {
        pendingText.set(id, resolve);
        worker!.postMessage({ type: 'callText', id, name, inputText } satisfies ToWorker);
      });
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        const w = worker;
        if (!w) return resolve();
        const timer = setTimeout(() => void w.terminate(), 5000);
        w.once('exit', () => { clearTimeout(timer); resolve(); });
        w.postMessage({ type: 'close' } satisfies ToWorker);
      });
      return closing;
    },
    crashForTest() {
      if (!opts.testHooks) throw new Error('crashForTest needs openWorkerBackend(..., { testHooks: true })');
      worker?.postMessage({ type: 'crash' } satisfies ToWorker);
    },
  };
  return backend;
}

/** The reply to a request body that is not JSON (the same words on either side of the worker). */
export function bodyError(e: unknown): TextReply {
  return { text: JSON.stringify({ ok: false, error: { code: 'invalid_input', message: `body: ${(e as Error).message}` } }), errorCode: 'invalid_input' };
}

/** An ApiReply serialised for callText (in the worker, off the transport's thread). */
export function toTextReply(reply: ApiReply): TextReply {
  if (reply.ok && reply.value instanceof Uint8Array) return { bytes: reply.value };
  return { text: JSON.stringify(reply), errorCode: reply.ok ? null : reply.error.code };
}
