/**
 * Browser-mode transport: the same API over HTTP, on 127.0.0.1 only, with a random per-launch token
 * and Host/Origin checks (so other sites and DNS-rebinding pages cannot reach it). Also serves the
 * built renderer.
 *
 * Uploads: a browser has no native file dialog, so the user chooses files with <input type=file>
 * and the renderer POSTs each one's bytes to /upload?batch=B&name=N (same token, same body cap);
 * they are written as private files in a private temp folder (one subfolder per batch, so a
 * shapefile's parts stay together) and the reply gives the path the path-taking operations then
 * read. The folder is removed when the transport closes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import type { ApiCaller } from '../worker/worker-backend';
import { CONTENT_SECURITY_POLICY } from './csp';
import { DomainError } from '../model/errors';
import { ensurePrivateDir, writePrivateUpload } from '../store/private-files';

/** Largest request: an operation at the vertex cap (core/model/operation.ts) is about 10 MB of JSON. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 60_000;
const HEADERS_TIMEOUT_MS = 15_000;
class TooLarge extends Error {}
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2',
};

export interface HttpTransport { server: Server; url: string; token: string; port: number; close(): Promise<void> }

export async function startHttpTransport(backend: ApiCaller, opts: { port?: number; staticDir: string }): Promise<HttpTransport> {
  const token = randomBytes(24).toString('hex');
  // A client that trickles its headers or body cannot hold a connection (and its buffers) for long.
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  let uploads: string | null = null; // made on the first upload

  server.on('request', (req, res) => {
    handle(req, res).catch((e) => send(res, 500, { ok: false, error: { code: 'internal', message: String(e) } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 421, { ok: false, error: { code: 'invalid_input', message: 'host not allowed' } });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return send(res, 403, { ok: false, error: { code: 'invalid_input', message: 'origin not allowed' } });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    let pathname: string;
    try { pathname = decodeURIComponent(url.pathname); } catch {
      return send(res, 400, { ok: false, error: { code: 'invalid_input', message: 'malformed %-encoding in the path' } });
    }
    if (pathname.startsWith('/api/') || pathname === '/upload') {
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'invalid_input', message: 'use POST' } });
      if (!tokenMatches(req.headers.authorization, token)) return send(res, 401, { ok: false, error: { code: 'invalid_input', message: 'missing or wrong token' } });
    }
    if (pathname === '/upload') {
      const batch = url.searchParams.get('batch') ?? '';
      const name = url.searchParams.get('name') ?? '';
      if (!/^[0-9a-f]{16,64}$/.test(batch)) return send(res, 400, { ok: false, error: { code: 'invalid_input', message: 'upload: batch must be 16 to 64 hex digits', field: 'batch' } });
      let bytes: Buffer;
      try { bytes = await readBody(req); } catch (e) {
        return send(res, e instanceof TooLarge ? 413 : 400, { ok: false, error: { code: 'invalid_input', message: `upload ${name}: ${(e as Error).message}` } }, e instanceof TooLarge);
      }
      try {
        if (!uploads) { uploads = mkdtempSync(join(tmpdir(), 'uia-uploads-')); ensurePrivateDir(uploads); }
        return send(res, 200, { ok: true, value: { path: writePrivateUpload(join(uploads, batch), name, bytes), bytes: bytes.length } });
      } catch (e) {
        if (e instanceof DomainError) return send(res, 400, { ok: false, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } });
        throw e;
      }
    }
    if (pathname.startsWith('/api/')) {
      let text: string, input: unknown;
      try {
        text = (await readBody(req)).toString('utf8');
        // A backend that parses and serialises off this thread gets the text as it came.
        if (!backend.callText) input = text ? JSON.parse(text) : {};
      } catch (e) {
        return send(res, e instanceof TooLarge ? 413 : 400, { ok: false, error: { code: 'invalid_input', message: `body: ${(e as Error).message}` } }, e instanceof TooLarge);
      }
      if (backend.callText) {
        const reply = await backend.callText(pathname.slice(5), text);
        if ('bytes' in reply) return sendBytes(res, reply.bytes);
        return sendJson(res, statusOf(reply.errorCode), reply.text);
      }
      const reply = await backend.call(pathname.slice(5), input);
      if (reply.ok && reply.value instanceof Uint8Array) return sendBytes(res, reply.value);
      return send(res, statusOf(reply.ok ? null : reply.error.code), reply);
    }
    return serveStatic(opts.staticDir, pathname, res);
  }

  return {
    server, token, port, url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => { if (uploads) rmSync(uploads, { recursive: true, force: true }); r(); });
    }),
  };
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []; let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) { reject(new TooLarge(`larger than ${MAX_BODY_BYTES} bytes`)); req.removeAllListeners('data'); req.resume(); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function serveStatic(root: string, pathname: string, res: ServerResponse) {
  const rel = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^([/\\])+/, '');
  const file = join(root, rel);
  if (!file.startsWith(root + sep) && file !== root) return send(res, 403, 'forbidden');
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    res.end(body);
  } catch {
    send(res, 404, 'not found');
  }
}

/** Binary results (map tiles) go as they are, not as JSON. */
function sendBytes(res: ServerResponse, bytes: Uint8Array) {
  res.writeHead(200, { 'Content-Type': 'application/x-protobuf', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
  res.end(bytes);
}

const statusOf = (errorCode: string | null) => (errorCode === null ? 200 : errorCode === 'internal' ? 500 : errorCode === 'not_found' || errorCode === 'not_assessed' || errorCode === 'unknown_operation' ? 404 : 400);

/** A reply serialised by the backend (ApiCaller.callText), sent as it is. */
function sendJson(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

function send(res: ServerResponse, status: number, body: unknown, close = false) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', 'X-Content-Type-Options': 'nosniff',
    ...(close ? { Connection: 'close' } : {}), // the rest of an oversized body is not read
  });
  res.end(text);
}
