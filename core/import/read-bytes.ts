/** Reads a whole file through a stream, reporting bytes as they arrive and honouring cancellation. */
import { createReadStream, statSync } from 'node:fs';
import { ImportCancelled, progressOf, type ImportContext } from './types';
import type { ImportPhase } from './words';

export async function readWithProgress(path: string, ctx: ImportContext, phase: ImportPhase): Promise<Buffer> {
  const total = statSync(path).size;
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    if (ctx.signal?.aborted) throw new ImportCancelled(path);
    chunks.push(chunk as Buffer);
    read += (chunk as Buffer).length;
    ctx.onProgress?.(progressOf({ key: phase }, read, total, 0));
  }
  return Buffer.concat(chunks);
}
