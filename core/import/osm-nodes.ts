/**
 * The coordinates of an extract's nodes by id, in three typed arrays searched by id: an extract's
 * ways refer to its nodes by id, and most nodes are only that, a position. Kept in a Map as
 * [lon, lat] pairs, every node was an array, a map entry and (ids above 2^31) a boxed key that
 * outlived the parse, and copying them between generations was a large part of the import's
 * garbage collection. Extracts list nodes by id (PBF "Sort.Type_then_ID"), so the ids usually come
 * sorted; if not, they are sorted once at the end.
 */
import { doubled } from '../model/typed-arrays';

type Pos = [number, number];

export class NodeCoords {
  private ids = new Float64Array(1 << 14);
  private lons = new Float64Array(1 << 14);
  private lats = new Float64Array(1 << 14);
  private n = 0;
  private sorted = true;
  private finished = false;

  get size(): number { return this.n; }

  add(id: number, lon: number, lat: number): void {
    if (this.n === this.ids.length) {
      this.ids = doubled(this.ids); this.lons = doubled(this.lons); this.lats = doubled(this.lats);
    }
    if (this.n > 0 && id <= this.ids[this.n - 1]!) this.sorted = false;
    this.ids[this.n] = id; this.lons[this.n] = lon; this.lats[this.n] = lat;
    this.n++;
  }

  /** After the last `add`: sorts by id if the file did not, keeping the last of a repeated id (as a Map would). */
  finish(): void {
    this.finished = true;
    if (this.sorted) return;
    const order = Array.from({ length: this.n }, (_, i) => i).sort((a, b) => this.ids[a]! - this.ids[b]! || a - b);
    const ids = new Float64Array(this.n), lons = new Float64Array(this.n), lats = new Float64Array(this.n);
    let m = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      if (m > 0 && ids[m - 1] === this.ids[i]) m--; // a later duplicate replaces the earlier
      ids[m] = this.ids[i]!; lons[m] = this.lons[i]!; lats[m] = this.lats[i]!;
      m++;
    }
    this.ids = ids; this.lons = lons; this.lats = lats; this.n = m; this.sorted = true;
  }

  /** The node's [lon, lat] (a new pair each call), or undefined if the extract lacks it. */
  get(id: number): Pos | undefined {
    if (!this.finished) throw new Error('NodeCoords.get before finish()');
    let lo = 0, hi = this.n - 1;
    const ids = this.ids;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1, v = ids[mid]!;
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else return [this.lons[mid]!, this.lats[mid]!];
    }
    return undefined;
  }

  /** [west, south, east, north] of every node, or null if there is none. */
  extent(): [number, number, number, number] | null {
    let w = Infinity, s = Infinity, e = -Infinity, nn = -Infinity;
    for (let i = 0; i < this.n; i++) {
      const x = this.lons[i]!, y = this.lats[i]!;
      if (x < w) w = x; if (x > e) e = x; if (y < s) s = y; if (y > nn) nn = y;
    }
    return this.n > 0 ? [w, s, e, nn] : null;
  }
}
