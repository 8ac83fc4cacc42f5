/**
 * The engine worker's entry: the whole backend (store connection, prepared cities, jobs) runs here,
 * off the thread of the transport, so the Electron main process and the HTTP server stay responsive
 * while an assessment runs. One message in, one reply out (see worker-backend.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openBackend } from '../api/backend';
import { bodyError, toTextReply, type EngineWorkerData, type FromWorker, type ToWorker } from './worker-backend';

const port = parentPort;
if (!port) throw new Error('engine-worker: run as a worker thread (openWorkerBackend), not directly');
const data = workerData as EngineWorkerData;
const backend = openBackend(data.dbPath);
const post = (m: FromWorker) => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  if (m.type === 'call') {
    void backend.call(m.name, m.input).then((reply) => post({ type: 'reply', id: m.id, reply }));
  } else if (m.type === 'callText') {
    // Parsed and serialised here, so the transport's thread only passes strings along.
    let input: unknown;
    try { input = m.inputText ? JSON.parse(m.inputText) : {}; } catch (e) { post({ type: 'replyText', id: m.id, reply: bodyError(e) }); return; }
    void backend.call(m.name, input).then((reply) => post({ type: 'replyText', id: m.id, reply: toTextReply(reply) }));
  } else if (m.type === 'close') {
    backend.close();
    process.exit(0); // in a worker: ends this thread only
  } else if (m.type === 'crash' && data.testHooks) {
    // Test hook only (openWorkerBackend(..., { testHooks: true })): an uncaught exception on the next
    // turn of the event loop, i.e. between two slices of a running assessment.
    setImmediate(() => { throw new Error('engine worker crashed (test hook)'); });
  }
});
post({ type: 'ready' });
