/** Large valid rings about a centre, for the vertex-cap test and the big-ring benchmark. */
export type Ring = [number, number][];

/** A closed circle of n vertices, radius ~440 m (0.004 degrees): convex. */
export function circleRing(centre: [number, number], n: number): Ring {
  const ring = Array.from({ length: n }, (_, i): [number, number] => [centre[0] + 0.004 * Math.cos((2 * Math.PI * i) / n), centre[1] + 0.004 * Math.sin((2 * Math.PI * i) / n)]);
  return [...ring, ring[0]!];
}

/** A closed star of n vertices alternating between radii 0.004 and 0.002 degrees: non-convex at every other vertex. */
export function starRing(centre: [number, number], n: number): Ring {
  const ring = Array.from({ length: n }, (_, i): [number, number] => {
    const r = i % 2 ? 0.002 : 0.004, a = (2 * Math.PI * i) / n;
    return [centre[0] + r * Math.cos(a), centre[1] + r * Math.sin(a)];
  });
  return [...ring, ring[0]!];
}
