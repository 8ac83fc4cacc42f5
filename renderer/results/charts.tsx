/**
 * Charts for intervals (recharts): a range bar from the 5th to the 95th percentile with the mean
 * marked. Never a bare number: every bar is an interval (a point value is a bar of no length).
 */
import { cloneElement } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipPayloadEntry } from 'recharts';
import type { Interval } from '../../core/model/assessment';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../core/model/format';
import type { Locale } from '../../core/i18n/locale';
import { useLocale } from '../i18n';

/** Okabe-Ito colours for severities and options (colour-blind safe). */
export const SERIES_COLOURS = ['#D55E00', '#E69F00', '#56B4E9', '#009E73', '#0072B2', '#CC79A7', '#F0E442', '#000000'];

/** Fixed-size charts (print) skip ResponsiveContainer, which measures 0 in a hidden element. */
function Sized({ width, height, children }: { width?: number; height: number; children: React.ReactElement<{ width?: number; height?: number }> }) {
  return width ? cloneElement(children, { width, height }) : <ResponsiveContainer width="100%" height={height}>{children}</ResponsiveContainer>;
}

/**
 * A bar drawn from the 5th to the 95th percentile with a dark tick at the mean. recharts passes the
 * pixel box of the range; the mean is placed by linear interpolation inside it.
 */
function rangeShape(colour: string, rangeKey: string, meanKey: string, vertical: boolean) {
  return function RangeShape(props: unknown) {
    const { x, y, width, height, payload } = props as { x: number; y: number; width: number; height: number; payload: Record<string, unknown> };
    const [lo, hi] = (payload[rangeKey] as [number, number] | undefined) ?? [0, 0];
    const mean = (payload[meanKey] as number | undefined) ?? lo;
    const f = hi > lo ? (mean - lo) / (hi - lo) : 0;
    const w = Math.max(width, vertical ? 3 : width);
    const h = Math.max(height, vertical ? height : 3);
    return (
      <g>
        <rect x={x} y={vertical ? y : y - (h - height)} width={w} height={h} fill={colour} fillOpacity={0.45} stroke={colour} />
        {vertical
          ? <line x1={x + w * f} x2={x + w * f} y1={y - 2} y2={y + h + 2} stroke="#111" strokeWidth={2.5} />
          : <line x1={x - 2} x2={x + w + 2} y1={y + h - h * f - (h - height)} y2={y + h - h * f - (h - height)} stroke="#111" strokeWidth={2.5} />}
      </g>
    );
  };
}

const AUTO_FROM_ZERO: [number, 'auto'] = [0, 'auto'];
/** Data keys of one series: its 5-95% range and its mean (positional: option names may hold characters recharts reads as a path). */
const seriesKeys = (i: number) => [`s${i}`, `s${i}m`] as const;
const ESTIMATE_SHAPE = rangeShape('#6baed6', 'v', 'vm', true);

function ChartNote() {
  const { t } = useTranslation();
  const loc = useLocale();
  const p = loc.number({ style: 'percent' });
  return <p className="chart-note">{t('results.chart.note', { level: p.format(0.9), low: p.format(0.05), high: p.format(0.95) })}</p>;
}

const intervalTooltip = (unit: string, loc: Locale) => (_v: unknown, name: unknown, item: TooltipPayloadEntry): [string, string] => {
  const key = String(item.dataKey);
  const p = (item.payload as Record<string, unknown> | undefined)?.[`${key}i`] as Interval | undefined;
  const n = (x: number) => formatCount(x, loc);
  return p ? [loc.t('ui:results.chart.tooltip', { mean: n(p.mean), low: n(p.p05), high: n(p.p95), level: loc.number({ style: 'percent' }).format(0.9), unit }).trim(), String(name)] : ['', String(name)];
};

/** recharts has no right-to-left mode: charts stay left to right (axes, bars, ticks) inside Arabic pages. */
const Ltr = ({ children }: { children: React.ReactNode }) => <div dir="ltr" className="chart-ltr">{children}</div>;

export function IntervalBars({ rows, unit, height, width }: { rows: { label: string; interval: Interval }[]; unit: string; height?: number; width?: number }) {
  const loc = useLocale();
  const { t } = useTranslation();
  const data = rows.map((r) => ({ label: r.label, v: [r.interval.p05, r.interval.p95], vm: r.interval.mean, vi: r.interval }));
  return (
    <Ltr>
    <Sized width={width} height={height ?? 40 + rows.length * 34}>
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: 4, bottom: 4 }}>
        <CartesianGrid horizontal={false} stroke="#eee" />
        <XAxis type="number" tickFormatter={(v: number) => formatCount(v, loc)} fontSize={11} domain={AUTO_FROM_ZERO} />
        <YAxis type="category" dataKey="label" width={118} fontSize={12} />
        <Tooltip formatter={intervalTooltip(unit, loc)} />
        <Bar dataKey="v" name={t('results.chart.estimate')} isAnimationActive={false} barSize={14} shape={ESTIMATE_SHAPE} />
      </BarChart>
    </Sized>
    <ChartNote />
    </Ltr>
  );
}

/** Several series (e.g. severities, or options) per category, each drawn as its interval with the mean marked. */
export function GroupedIntervalChart({ categories, series, height, width }: {
  categories: string[];
  series: { name: string; values: Interval[] }[];
  height?: number;
  width?: number;
}) {
  const loc = useLocale();
  const data = categories.map((c, i) => Object.fromEntries([
    ['category', c],
    // Keys are positional: option names may hold characters recharts reads as a path.
    ...series.flatMap((s, k) => { const v = s.values[i]!; const [range, mean] = seriesKeys(k); return [[range, [v.p05, v.p95]], [mean, v.mean], [`${range}i`, v]]; }),
  ]));
  return (
    <Ltr>
    <Sized width={width} height={height ?? 220}>
      <BarChart data={data} margin={{ left: 0, right: 8, top: 8, bottom: 4 }}>
        <CartesianGrid vertical={false} stroke="#eee" />
        <XAxis dataKey="category" fontSize={11} interval={0} />
        <YAxis tickFormatter={(v: number) => formatCount(v, loc)} fontSize={11} width={48} domain={AUTO_FROM_ZERO} />
        <Tooltip formatter={intervalTooltip('', loc)} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => {
          const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
          const [range, mean] = seriesKeys(i);
          return <Bar key={s.name} dataKey={range} name={s.name} fill={colour} isAnimationActive={false} shape={rangeShape(colour, range, mean, false)} />;
        })}
      </BarChart>
    </Sized>
    <ChartNote />
    </Ltr>
  );
}
