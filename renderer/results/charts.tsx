/**
 * Charts for intervals (recharts): a range bar from the 5th to the 95th percentile with the mean
 * marked. Never a bare number: every bar is an interval.
 */
import { cloneElement } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Interval } from '../../core/model/assessment';
import { formatCount } from '../../core/model/format';

/** Okabe-Ito colours for severities and options (colour-blind safe). */
export const SERIES_COLOURS = ['#D55E00', '#E69F00', '#56B4E9', '#009E73', '#0072B2', '#CC79A7', '#F0E442', '#000000'];

/** Fixed-size charts (print) skip ResponsiveContainer, which measures 0 in a hidden element. */
function Sized({ width, height, children }: { width?: number; height: number; children: React.ReactElement }) {
  return width ? cloneElement(children, { width, height } as never) : <ResponsiveContainer width="100%" height={height}>{children}</ResponsiveContainer>;
}

export function IntervalBars({ rows, unit, height, width }: { rows: { label: string; interval: Interval }[]; unit: string; height?: number; width?: number }) {
  const data = rows.map((r) => ({ label: r.label, ...r.interval, err: [r.interval.mean - r.interval.p05, r.interval.p95 - r.interval.mean] }));
  return (
    <Sized width={width} height={height ?? 40 + rows.length * 34}>
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: 4, bottom: 4 }}>
        <CartesianGrid horizontal={false} stroke="#eee" />
        <XAxis type="number" tickFormatter={formatCount} fontSize={11} />
        <YAxis type="category" dataKey="label" width={118} fontSize={12} />
        <Tooltip formatter={(_v, _n, item) => {
          const p = item.payload as Interval;
          return [`${formatCount(p.mean)} (90% interval ${formatCount(p.p05)}–${formatCount(p.p95)}) ${unit}`, 'estimate'];
        }} />
        <Bar dataKey="mean" fill="#9ecae1" isAnimationActive={false} barSize={14}>
          <ErrorBar dataKey="err" width={6} strokeWidth={2} stroke="#08306b" direction="x" />
        </Bar>
      </BarChart>
    </Sized>
  );
}

/** Several series (e.g. severities, or options) per category, each with its interval. */
export function GroupedIntervalChart({ categories, series, height, width }: {
  categories: string[];
  series: { name: string; values: Interval[] }[];
  height?: number;
  width?: number;
}) {
  const data = categories.map((c, i) => Object.fromEntries([
    ['category', c],
    // Keys are positional: option names may hold characters recharts reads as a path.
    ...series.flatMap((s, k) => [[`s${k}`, s.values[i]!.mean], [`s${k}err`, [s.values[i]!.mean - s.values[i]!.p05, s.values[i]!.p95 - s.values[i]!.mean]]]),
  ]));
  return (
    <Sized width={width} height={height ?? 220}>
      <BarChart data={data} margin={{ left: 0, right: 8, top: 8, bottom: 4 }}>
        <CartesianGrid vertical={false} stroke="#eee" />
        <XAxis dataKey="category" fontSize={11} interval={0} />
        <YAxis tickFormatter={formatCount} fontSize={11} width={48} />
        <Tooltip formatter={(v) => formatCount(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => (
          <Bar key={s.name} dataKey={`s${i}`} name={s.name} fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} isAnimationActive={false}>
            <ErrorBar dataKey={`s${i}err`} width={4} strokeWidth={1.5} stroke="#333" />
          </Bar>
        ))}
      </BarChart>
    </Sized>
  );
}
