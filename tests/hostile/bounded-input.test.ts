/**
 * Hostile input against the backend (issue 15): oversized and malformed areas are refused with a
 * clear error before any work, a large valid ring is still assessed, and the HTTP transport answers
 * oversized bodies and malformed %-encoding with 4xx while staying alive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../core/api/backend';
import { MAX_OPERATION_VERTICES } from '../../core/model/operation';
import { startHttpTransport, type HttpTransport } from '../../core/server/http';
import { tableHashes } from '../support/db-hash';
import { circleRing, starRing } from '../support/big-rings';

let dir: string; let backend: Backend; let http: HttpTransport; let datasetId: number; let centre: [number, number];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'uia-hostile-'));
  backend = openBackend(join(dir, 'h.sqlite'));
  http = await startHttpTransport(backend, { staticDir: dir });
  const list = await backend.call('datasets.list', {});
  const d = (list as { value: { id: number; bbox: number[] }[] }).value[0]!;
  datasetId = d.id; centre = [(d.bbox[0]! + d.bbox[2]!) / 2, (d.bbox[1]! + d.bbox[3]!) / 2];
});
afterAll(async () => { await http.close(); backend.close(); rmSync(dir, { recursive: true, force: true }); });

const circle = (n: number) => circleRing(centre, n);
const operationOf = (ring: number[][]) => ({
  name: 'big', areas: [{ id: 'a', name: 'a', geometry: { type: 'Polygon', coordinates: [ring] }, profileId: 'medium' }],
  settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 },
});

describe('bounded work for every area', () => {
  it('a valid 200,000-vertex ring is assessed', async () => {
    const t = performance.now();
    const r = await backend.call('assess.run', { datasetId, operation: operationOf(circle(200_000)), mode: 'expectation' });
    console.log(`200,000-vertex ring assessed in ${((performance.now() - t) / 1000).toFixed(2)} s`);
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
    const residents = (r as { value: { exposure: { residents: number } } }).value;
    expect(JSON.stringify(residents).length).toBeGreaterThan(0);
  }, 120_000);

  it('a valid 200,000-vertex star (non-convex at every other vertex) is assessed', async () => {
    const t = performance.now();
    const r = await backend.call('assess.run', { datasetId, operation: operationOf(starRing(centre, 200_000)), mode: 'expectation' });
    console.log(`200,000-vertex star assessed in ${((performance.now() - t) / 1000).toFixed(2)} s`);
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
  }, 120_000);

  it('a 1,000,000-vertex area is refused at once, naming the cap, and nothing is stored', async () => {
    const before = tableHashes(backend.db);
    const t = performance.now();
    for (const [name, input] of [
      ['assess.run', { datasetId, operation: operationOf(circle(1_000_000)) }],
      ['operations.save', { datasetId, operation: operationOf(circle(1_000_000)) }],
      ['exposure.residents', { datasetId, area: { type: 'Polygon', coordinates: [circle(1_000_000)] } }],
    ] as const) {
      const r = await backend.call(name, input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain(`at most ${MAX_OPERATION_VERTICES.toLocaleString('en')}`);
    }
    console.log(`three 1,000,000-vertex calls refused in ${(performance.now() - t).toFixed(0)} ms`);
    expect(tableHashes(backend.db)).toEqual(before);
  }, 60_000);

  it('an unclosed ring is refused', async () => {
    const ring = circle(50).slice(0, -1);
    const r = await backend.call('assess.run', { datasetId, operation: operationOf(ring) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/must be closed/);
  });
});

describe('the HTTP transport stays alive', () => {
  const post = (path: string, body: string | Blob) => fetch(`http://127.0.0.1:${http.port}${path}`, {
    method: 'POST', headers: { Authorization: `Bearer ${http.token}`, 'Content-Type': 'application/json' }, body,
  });
  it('an oversized body gets 413 and the next call is answered', async () => {
    const r = await post('/api/datasets.list', new Blob([new Uint8Array(40 * 1024 * 1024).fill(0x20)])).catch((e: Error) => e);
    if (!(r instanceof Error)) expect(r.status).toBe(413); // the server may also close the connection mid-upload
    const ok = await post('/api/app.info', '{}');
    expect(ok.status).toBe(200);
  }, 60_000);
  it('slow clients (headers never finished, a body trickling in) do not hold up other calls', async () => {
    const { connect } = await import('node:net');
    const slow = Array.from({ length: 20 }, (_, i) => {
      const s = connect(http.port, '127.0.0.1');
      s.on('error', () => undefined);
      s.write(i % 2 ? `POST /api/app.info HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${http.token}\r\nContent-Length: 1000000\r\n\r\n{` : 'GET / HTTP/1.1\r\nHost: x\r\n');
      return s;
    });
    await new Promise((r) => setTimeout(r, 200));
    const t = performance.now();
    expect((await post('/api/app.info', '{}')).status).toBe(200);
    console.log(`answered in ${(performance.now() - t).toFixed(0)} ms beside 20 stalled connections`);
    for (const s of slow) s.destroy();
  });
  it('malformed %-encoding gets 400, not 500', async () => {
    expect((await post('/api/%E0%A4%A', '{}')).status).toBe(400);
    expect((await fetch(`http://127.0.0.1:${http.port}/%E0%A4%A`)).status).toBe(400);
  });
});
