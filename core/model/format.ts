/** Number formatting shared by the CLI, the UI and reports: thousands separators, no false precision. */
const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const small = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return Math.abs(n) < 10 && n !== Math.round(n) ? small.format(n) : integer.format(Math.round(n));
}

/** "12 (5-95%: 3 to 30)" style interval text. */
export function formatInterval(i: { mean: number; p05: number; p95: number }): string {
  return `${formatCount(i.mean)} (90% interval ${formatCount(i.p05)}–${formatCount(i.p95)})`;
}

/** The hospital-bed line; with no bed counts in the dataset there is no gap to estimate, and it says so. */
export function describeBeds(b: { total: number; lost: { mean: number; p05: number; p95: number }; seriouslyInjured: { mean: number; p05: number; p95: number }; gap: { mean: number; p05: number; p95: number } }): string {
  if (b.total === 0) return `No hospital bed counts in this dataset: the gap against ${formatInterval(b.seriouslyInjured)} seriously injured cannot be estimated.`;
  return `${formatCount(b.total)} hospital beds; lost ${formatInterval(b.lost)}; seriously injured ${formatInterval(b.seriouslyInjured)}; gap ${formatInterval(b.gap)}.`;
}
