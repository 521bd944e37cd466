import type { ReactNode } from 'react';
import { Center, Paper, Text, Title } from '@mantine/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type XAxisProps,
  type YAxisProps,
} from 'recharts';
import type { Formatters } from '../lib/format';

/**
 * Shared recharts pieces of the dashboard charts (DashboardCharts, RunCharts) and the styles of
 * the what-if histogram: one look for axes, grid, tooltip and legend, so a chart is declared by
 * its data, keys, names, colours and formatters.
 */

/** Tick labels of every axis. */
export const AXIS_TICK = { fontSize: 12, fill: 'var(--mantine-color-dimmed)' };
export const GRID_STROKE = 'var(--mantine-color-default-border)';
export const TOOLTIP_STYLE = {
  background: 'var(--mantine-color-body)',
  border: '1px solid var(--mantine-color-default-border)',
  borderRadius: 8,
  fontSize: 13,
};
const LEGEND_STYLE = { fontSize: 13 };
const HOVER_CURSOR = { fill: 'var(--mantine-color-default-hover)' };
const BAR_RADIUS: [number, number, number, number] = [4, 4, 0, 0];

/** Axes are drawn without tick marks or axis line: labels and the horizontal grid only. */
const AXIS_LOOK = { tick: AXIS_TICK, tickLine: false, axisLine: false } as const;

/** X axis of categories (months, ranks, levels, buckets) read from `dataKey`. */
export function categoryXAxis(dataKey: string): XAxisProps {
  return { dataKey, ...AXIS_LOOK };
}

/** Y axis of rupiah amounts, ticks in short form (`Rp 1,2 jt`). */
export function rupiahYAxis(f: Formatters, width = 80): YAxisProps {
  return { ...AXIS_LOOK, width, tickFormatter: (v: number) => f.rupiahCompact(v) };
}

/** Y axis of whole counts (members, orders). */
export function countYAxis(f: Formatters, width = 48): YAxisProps {
  return {
    ...AXIS_LOOK,
    width,
    allowDecimals: false,
    tickFormatter: (v: number) => f.number(v),
  };
}

/** Right-hand Y axis of percentages (values already divided by 100 from basis points). */
export function percentYAxis(f: Formatters): YAxisProps {
  return {
    ...AXIS_LOOK,
    orientation: 'right',
    width: 48,
    tickFormatter: (v: number) => `${f.number(v)} %`,
  };
}

/** Titled card holding one chart, or a dimmed message when there is nothing to draw. */
export function ChartCard({
  title,
  testId,
  empty,
  height,
  printBlock = false,
  children,
}: {
  title: string;
  testId: string;
  /** Shown instead of the chart when not null. */
  empty: string | null;
  height: number;
  /** Keep the card on one printed page (reports/print.css). */
  printBlock?: boolean;
  children: ReactNode;
}) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid={testId}
      data-print-block={printBlock || undefined}
    >
      <Title order={2} size="h5" mb="sm">
        {title}
      </Title>
      {empty ? (
        <Center h={height}>
          <Text c="dimmed" size="sm">
            {empty}
          </Text>
        </Center>
      ) : (
        <div style={{ width: '100%', height }}>{children}</div>
      )}
    </Paper>
  );
}

/** One data series: the data key, its legend/tooltip name and its colour. */
export interface Series {
  key: string;
  name: string;
  color: string;
}

export interface BarSeries extends Series {
  /** Bars with the same stack id are piled up. */
  stackId?: string;
  /** No rounded top (a bar with another stacked on it). */
  square?: boolean;
}

function bars(series: readonly BarSeries[], yAxisId?: string) {
  return series.map((s) => (
    <Bar
      key={s.key}
      yAxisId={yAxisId}
      dataKey={s.key}
      name={s.name}
      stackId={s.stackId}
      fill={s.color}
      radius={s.square ? undefined : BAR_RADIUS}
      isAnimationActive={false}
    />
  ));
}

interface FrameProps {
  data: readonly object[];
  /** Key of the category shown on the X axis. */
  xKey: string;
  /** Left margin; 8 leaves room for long rupiah ticks. */
  marginLeft?: number;
}

/** Container, horizontal grid and category X axis around the chart's own parts. */
function Frame({
  data,
  xKey,
  marginLeft = 0,
  composed = false,
  children,
}: FrameProps & { composed?: boolean; children: ReactNode }) {
  const Chart = composed ? ComposedChart : BarChart;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <Chart data={data} margin={{ top: 4, right: 8, bottom: 0, left: marginLeft }}>
        <CartesianGrid strokeDasharray="3 3" stroke={GRID_STROKE} vertical={false} />
        <XAxis {...categoryXAxis(xKey)} />
        {children}
      </Chart>
    </ResponsiveContainer>
  );
}

/** Bars on one Y axis; the tooltip shows each value with `format`. */
export function BarsChart({
  yAxis,
  format,
  bars: series,
  legend,
  hoverCursor = false,
  ...frame
}: FrameProps & {
  yAxis: YAxisProps;
  format: (v: number) => string;
  bars: readonly BarSeries[];
  /** Legend below the chart, its items sorted by name or as declared; none when omitted. */
  legend?: 'sorted' | 'declared';
  /** Shade the hovered category. */
  hoverCursor?: boolean;
}) {
  return (
    <Frame {...frame}>
      <YAxis {...yAxis} />
      <Tooltip
        contentStyle={TOOLTIP_STYLE}
        formatter={(v) => format(Number(v))}
        cursor={hoverCursor ? HOVER_CURSOR : undefined}
      />
      {legend === 'sorted' ? <Legend wrapperStyle={LEGEND_STYLE} /> : null}
      {legend === 'declared' ? <Legend wrapperStyle={LEGEND_STYLE} itemSorter={null} /> : null}
      {bars(series)}
    </Frame>
  );
}

/**
 * Bars on a left Y axis (`left`, their tooltip values with `format`) and one line of a
 * percentage on a right Y axis (values in % = basis points / 100, shown as basis points).
 */
export function BarLineChart({
  f,
  left,
  format,
  bars: series,
  line,
  percentDomain,
  ...frame
}: FrameProps & {
  left: YAxisProps;
  format: (v: number) => string;
  bars: readonly BarSeries[];
  line: Series;
  percentDomain?: [number, number];
  f: Formatters;
}) {
  return (
    <Frame {...frame} composed>
      <YAxis yAxisId="left" {...left} />
      <YAxis yAxisId="pct" domain={percentDomain} {...percentYAxis(f)} />
      <Tooltip
        contentStyle={TOOLTIP_STYLE}
        formatter={(v, name) =>
          name === line.name ? f.bp(Math.round(Number(v) * 100)) : format(Number(v))
        }
      />
      <Legend wrapperStyle={LEGEND_STYLE} />
      {bars(series, 'left')}
      <Line
        yAxisId="pct"
        dataKey={line.key}
        name={line.name}
        stroke={line.color}
        strokeWidth={2}
        isAnimationActive={false}
      />
    </Frame>
  );
}
