/**
 * The renderer's only way to the backend: the typed contract over Electron IPC (window.uia from the
 * preload) or, in browser mode, over HTTP with the per-launch token from the URL fragment.
 */
import type { Input, OperationName, Output } from '../../core/api/contract';
import type { ApiErrorBody } from '../../core/api/errors';

type Reply = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };
declare global {
  interface Window { uia?: { call(name: string, input: unknown): Promise<Reply> } }
}

export class ApiCallError extends Error {
  constructor(readonly body: ApiErrorBody) { super(body.message); }
}

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
  if (!reply.ok) throw new ApiCallError(reply.error);
  return reply.value as Output<N>;
}
