/**
 * Work done one piece per turn of the event loop, in the order asked. Between two pieces the loop
 * takes in what has arrived meanwhile, so a call that comes after a batch of such work (a preview
 * asked while the map's first view of a new city is having its tiles built, 100-150 ms each in a
 * city centre) is answered after one piece, not after the whole batch.
 */
export function takingTurns(): <T>(work: () => T) => Promise<T> {
  const waiting: (() => void)[] = [];
  let running = false;
  const next = () => {
    const piece = waiting.shift();
    if (piece) piece();
    else running = false;
  };
  return <T>(work: () => T) => new Promise<T>((resolve, reject) => {
    waiting.push(() => {
      try { resolve(work()); } catch (e) { reject(e); } finally { setImmediate(next); } // the next piece after the loop has polled
    });
    if (!running) { running = true; setImmediate(next); }
  });
}
