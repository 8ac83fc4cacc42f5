/**
 * Issue 15's target: a valid 200,000-vertex ring assessed in under 5 s (npm run bench:big-ring).
 * Times assess.run through the backend (validation, zones, exposure, cascade) on the training
 * city for a convex circle and a non-convex star. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openBackend } from '../../core/api/backend';
import { circleRing, starRing, type Ring } from '../support/big-rings';

const N = Number(process.env.VERTICES ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'uia-big-ring-'));
const backend = openBackend(join(dir, 'b.sqlite'));
try {
  const list = await backend.call('datasets.list', {});
  if (!list.ok) throw new Error(list.error.message);
  const d = (list.value as { id: number; bbox: [number, number, number, number] }[])[0]!;
  const centre: [number, number] = [(d.bbox[0] + d.bbox[2]) / 2, (d.bbox[1] + d.bbox[3]) / 2];
  const operationOf = (ring: Ring) => ({
    name: 'big', areas: [{ id: 'a', name: 'a', geometry: { type: 'Polygon' as const, coordinates: [ring] }, profileId: 'medium' }],
    settings: { timeOfDay: 'night' as const, warningShare: 0, horizonDays: 30 },
  });
  await backend.call('assess.run', { datasetId: d.id, operation: operationOf(circleRing(centre, 100)), mode: 'expectation' }); // warm-up
  for (const [name, ring] of [['circle', circleRing(centre, N)], ['star', starRing(centre, N)]] as const) {
    const t = performance.now(), cpu = process.cpuUsage();
    const r = await backend.call('assess.run', { datasetId: d.id, operation: operationOf(ring), mode: 'expectation' });
    const s = (performance.now() - t) / 1000, used = process.cpuUsage(cpu);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    console.log(`${N.toLocaleString('en')}-vertex ${name}: assessed in ${s.toFixed(2)} s (target < 5 s; ${((used.user + used.system) / 1e6).toFixed(2)} s of CPU, which a loaded machine does not inflate), rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  }
} finally {
  backend.close();
  rmSync(dir, { recursive: true, force: true });
}
