/**
 * Property-based fuzzing of the API contract (issue 15): random and mutated payloads for every
 * operation never crash the backend (no throw, no 'internal' error), and every refused call leaves
 * the store exactly as it was. `npm test` runs a short pass; `npm run fuzz` a long one
 * (FUZZ_RUNS per operation; the store is hashed again only when SQLite says something was written). Operations that take a file path are left to tests/import and
 * tests/postop: random absolute paths would write outside the test's folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../core/api/backend';
import { contract, type OperationName } from '../../core/api/contract';

const OPERATION_NAMES = Object.keys(contract) as OperationName[];
import { PATH_OPERATIONS } from '../../electron/allowed-operations';
import { tableHashes } from '../support/db-hash';

const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
let dir: string; let backend: Backend;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'uia-fuzz-')); backend = openBackend(join(dir, 'fuzz.sqlite')); });
afterAll(() => { backend.close(); rmSync(dir, { recursive: true, force: true }); });

const square = { type: 'Polygon', coordinates: [[[3, 0.5], [3.001, 0.5], [3.001, 0.501], [3, 0.501], [3, 0.5]]] };
/** Near-valid seeds: the fuzzer mutates them, which reaches deeper than random values. */
const SEED: Record<string, unknown> = {
  datasetId: 1, dataset: 1, id: 1, operationId: 1, jobId: 'x', area: square, name: 'n', author: 'a',
  operation: { name: 'A', areas: [{ id: 'a', name: 'A', geometry: square, profileId: 'medium' }], settings: { timeOfDay: 'night', warningShare: 0, horizonDays: 30 } },
  runs: 1, mode: 'expectation',
};
const value = fc.oneof(fc.anything(), fc.constantFrom(...Object.values(SEED)), fc.constantFrom(null, -1, 0, 1e308, '', '\u0000', '../../etc', NaN));
const payload = fc.oneof(
  fc.anything(),
  fc.dictionary(fc.constantFrom(...Object.keys(SEED), 'extra', '__proto__', 'constructor'), value),
  fc.record({ datasetId: value, operation: value, area: value, id: value }, { requiredKeys: [] }),
);

/**
 * Rows this connection has changed since it opened, and SQLite's counter of commits by other
 * connections: while both stand still the store cannot have changed, so its hash (every row of
 * the training city, the slow part of a run) is taken again only after a write.
 */
const stamp = () => `${(backend.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}:${backend.db.pragma('data_version', { simple: true })}`;
let hashed: { stamp: string; hash: Record<string, string> } | null = null;
function storeHash(): Record<string, string> {
  const now = stamp();
  if (hashed?.stamp !== now) hashed = { stamp: now, hash: tableHashes(backend.db) };
  return hashed.hash;
}

describe('fuzzing every API operation', () => {
  const names = OPERATION_NAMES.filter((n) => !Object.hasOwn(PATH_OPERATIONS, n));
  it.each(names)('%s: random and mutated payloads never crash, and a refused call changes nothing', async (name) => {
    await fc.assert(fc.asyncProperty(payload, async (input) => {
      const before = storeHash();
      const stampBefore = stamp();
      const reply = await backend.call(name, input);
      expect(typeof reply.ok).toBe('boolean');
      if (!reply.ok) {
        expect(reply.error.code, `${name} ${JSON.stringify(input)?.slice(0, 200)}: ${reply.error.message}`).not.toBe('internal');
        // nothing written at all, or (a write rolled back) every table hashes as before
        if (stamp() !== stampBefore) expect(tableHashes(backend.db)).toEqual(before);
      }
    }), { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined });
  }, 600_000);
});
