/**
 * The renderer's only way to the backend: the typed contract over Electron IPC (window.uia from the
 * preload) or, in browser mode, over HTTP with the per-launch token from the URL fragment.
 */
import type { Input, OperationName, Output } from '../../core/api/contract';
import type { ApiErrorBody } from '../../core/api/errors';
import { errorInWords } from '../../core/model/errors';
import { currentLocale } from '../i18n/current';

type Reply = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };
declare global {
  interface Window { uia?: { call(name: string, input: unknown): Promise<Reply> } }
}

export class ApiCallError extends Error {
  constructor(readonly body: ApiErrorBody) { super(body.message); }
}

/** A refusal from the backend, its message put in the reader's language (by its catalogue key; English otherwise). */
const refusal = (body: ApiErrorBody) => new ApiCallError({ ...body, message: errorInWords(body, currentLocale()) });

function tokenFromUrl(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('uia-token', fromHash);
    // Out of the address bar and history: not copied with the URL, not shown over someone's shoulder.
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return fromHash ?? sessionStorage.getItem('uia-token') ?? '';
}
const token = typeof window !== 'undefined' && !window.uia ? tokenFromUrl() : '';

async function transport(name: string, input: unknown): Promise<Reply> {
  if (window.uia) return window.uia.call(name, input);
  const res = await fetch(`./api/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  // binary results (map tiles) come as bytes
  if (res.ok && res.headers.get('Content-Type') === 'application/x-protobuf') return { ok: true, value: new Uint8Array(await res.arrayBuffer()) };
  return (await res.json()) as Reply;
}

export async function call<N extends OperationName>(name: N, input: Input<N>): Promise<Output<N>> {
  const reply = await transport(name, input);
  if (!reply.ok) throw refusal(reply.error);
  return reply.value as Output<N>;
}

/** Browser mode has no native file dialog: files are chosen with <input type=file> and uploaded. */
export const isBrowserMode = () => typeof window !== 'undefined' && !window.uia;

/**
 * Uploads files the user chose (browser mode) and gives the server-side paths of their private
 * copies, in order; files chosen together share one folder (a shapefile's parts stay together).
 */
export async function uploadFiles(files: File[]): Promise<string[]> {
  const batch = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  const paths: string[] = [];
  for (const f of files) {
    const res = await fetch(`./upload?batch=${batch}&name=${encodeURIComponent(f.name)}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: f });
    const reply = (await res.json().catch(() => ({ ok: false, error: { code: 'invalid_input', message: `upload ${f.name}: HTTP ${res.status}` } }))) as { ok: true; value: { path: string } } | { ok: false; error: ApiErrorBody };
    if (!reply.ok) throw refusal(reply.error);
    paths.push(reply.value.path);
  }
  return paths;
}
