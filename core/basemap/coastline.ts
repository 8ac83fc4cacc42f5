/**
 * Sea from OSM coastlines (natural=coastline) within an extract's box. OSM draws coastlines with
 * the land on the left and the sea on the right. No maintained JavaScript library does this
 * (osmcoastline is C++ and works on whole planets), so: join the ways into chains, clip them to the
 * box (turf's bboxClip keeps their direction), carry a chain that stops inside the box straight on
 * to the nearest edge (an extract cut mid-coast), and close each sea ring by walking the box edge
 * clockwise (sea on the right) from one chain's end to the next chain's start.
 * Closed coastline rings (islands) with no open coast in the box are left out: nothing tells
 * whether the box around them is sea.
 */
import { bboxClip } from '@turf/turf';
import type { Polygon, Position } from 'geojson';

type BBox = [number, number, number, number];

/** Ways (as coordinate lists, in OSM direction) joined end to start into the longest chains. */
export function joinChains(ways: Position[][]): Position[][] {
  const key = (p: Position) => `${p[0]},${p[1]}`;
  const chains = ways.filter((w) => w.length >= 2).map((w) => [...w]);
  let joined = true;
  while (joined) {
    joined = false;
    const byStart = new Map(chains.map((c, i) => [key(c[0]!), i]));
    for (let i = 0; i < chains.length; i++) {
      const j = byStart.get(key(chains[i]![chains[i]!.length - 1]!));
      if (j === undefined || j === i) continue;
      chains[i] = [...chains[i]!, ...chains[j]!.slice(1)];
      chains.splice(j, 1);
      joined = true;
      break;
    }
  }
  return chains;
}

/** Clockwise position on the box edge, from the north-west corner: top 0-1, right 1-2, bottom 2-3, left 3-4. */
function edgePosition([x, y]: Position, [w, s, e, n]: BBox): number {
  const d = [Math.abs(y! - n), Math.abs(x! - e), Math.abs(y! - s), Math.abs(x! - w)];
  const side = d.indexOf(Math.min(...d));
  return side === 0 ? (x! - w) / (e - w) : side === 1 ? 1 + (n - y!) / (n - s) : side === 2 ? 2 + (e - x!) / (e - w) : 3 + (y! - s) / (n - s);
}

/** The point on the nearest box edge to `p`. */
function toNearestEdge([x, y]: Position, [w, s, e, n]: BBox): Position {
  const d = [n - y!, e - x!, y! - s, x! - w];
  const side = d.indexOf(Math.min(...d));
  return side === 0 ? [x!, n] : side === 1 ? [e, y!] : side === 2 ? [x!, s] : [w, y!];
}

const CORNERS = (b: BBox): [number, Position][] => [[0, [b[0], b[3]]], [1, [b[2], b[3]]], [2, [b[2], b[1]]], [3, [b[0], b[1]]]];

/** Sea polygons in `box` from coastline ways (OSM direction: land left, sea right). */
export function seaPolygons(coastlines: Position[][], box: BBox): Polygon[] {
  const pieces: Position[][] = [];
  for (const chain of joinChains(coastlines)) {
    const first = chain[0]!, last = chain[chain.length - 1]!;
    if (chain.length >= 4 && first[0] === last[0] && first[1] === last[1]) continue; // an island: see above
    const clipped = bboxClip({ type: 'LineString', coordinates: chain }, box).geometry;
    const lines = clipped.type === 'MultiLineString' ? clipped.coordinates as Position[][] : [clipped.coordinates as Position[]];
    for (const l of lines) {
      if (l.length < 2) continue;
      const a = toNearestEdge(l[0]!, box), b = toNearestEdge(l[l.length - 1]!, box);
      pieces.push([a, ...l, b]);
    }
  }
  const used = new Set<number>();
  const out: Polygon[] = [];
  for (let start = 0; start < pieces.length; start++) {
    if (used.has(start)) continue;
    const ring: Position[] = [];
    let i = start;
    for (let guard = 0; guard <= pieces.length; guard++) {
      used.add(i);
      ring.push(...pieces[i]!);
      // from this piece's end, clockwise along the edge to the nearest piece start (its own included)
      const from = edgePosition(ring[ring.length - 1]!, box);
      const ahead = (t: number) => ((t - from) % 4 + 4) % 4 || 4;
      let next = start, best = Infinity;
      for (let j = 0; j < pieces.length; j++) {
        if (used.has(j) && j !== start) continue;
        const dist = ahead(edgePosition(pieces[j]![0]!, box));
        if (dist < best) { best = dist; next = j; }
      }
      const corners = CORNERS(box).map(([t, c]) => ({ d: ahead(t), c })).filter((k) => k.d < best).sort((a, b) => a.d - b.d);
      for (const k of corners) ring.push(k.c);
      if (next === start) break;
      i = next;
    }
    ring.push(ring[0]!);
    if (ring.length >= 4) out.push({ type: 'Polygon', coordinates: [ring] });
  }
  return out;
}
