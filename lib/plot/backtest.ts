// The figures of a backtest report: the equity curve over its drawdown, trades on the candles,
// the calendar of monthly returns, the Monte Carlo fan and a parameter-sweep heatmap. They take
// plain arrays (and structural types matching lib/backtest's results) so that the plot domain
// does not depend on the backtest domain.
import { assertBars, type Bars } from '../data/bars';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { candlestickFigure } from './candlestick';
import { toPlotlyDates } from './dates';
import type { Figure, PlotlyTrace } from './figure';
import { heatmapFigure, type Colorscale } from './heatmap';
import type { XKind } from './line';

export const EQUITY_COLOR = '#1f77b4';
export const BENCHMARK_COLOR = '#7f7f7f';
export const DRAWDOWN_COLOR = '#d62728';
export const ENTRY_COLOR = '#1b9e3e';
export const EXIT_COLOR = '#d32f2f';
/** Red for losses, white at zero, green for gains (ColorBrewer RdYlGn ends). */
export const RETURNS_COLORSCALE: readonly (readonly [number, string])[] = [
  [0, '#d73027'], [0.25, '#fc8d59'], [0.5, '#f7f7f7'], [0.75, '#91cf60'], [1, '#1a9850'],
];
export const MONTH_LABELS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
/** Equity panel on top, drawdown below, as fractions of the plot height. */
const EQUITY_DOMAIN = [0.35, 1] as const;
const DRAWDOWN_DOMAIN = [0, 0.28] as const;

type Layout = { readonly [key: string]: unknown };

function checkTitle(title: unknown, example: string): void {
  if (title !== undefined && typeof title !== 'string') throw new InvalidArgumentError('options.title', title, 'must be a string', `pass e.g. '${example}'`);
}

function checkSeries(argument: string, values: unknown, length?: number): Float64Array {
  if (!(values instanceof Float64Array)) throw new InvalidArgumentError(argument, values, 'must be a Float64Array', 'convert with Float64Array.from(values)');
  if (length !== undefined && values.length !== length) {
    throw new InvalidArgumentError(argument, values, `must hold ${length} values, one per point of the x axis`, 'align it with the other series');
  }
  return values;
}

/** equity / running peak - 1: 0 at a new high, -0.2 twenty percent below it; NaN stays NaN. */
export function drawdownSeries(equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let t = 0; t < equity.length; t++) {
    const e = equity[t]!;
    if (Number.isNaN(e)) { out[t] = NaN; continue; }
    if (e > peak) peak = e;
    out[t] = peak > 0 ? e / peak - 1 : 0;
  }
  return out;
}

export interface EquityDrawdownInput {
  /** Epoch ms per point (or bar numbers with xKind 'number'). */
  readonly time: Float64Array;
  readonly equity: Float64Array;
  /** Buy and hold or an index, on the same points. */
  readonly benchmark?: Float64Array;
  readonly name?: string;
  readonly benchmarkName?: string;
}

export interface EquityDrawdownOptions {
  readonly title?: string;
  readonly xKind?: XKind;
}

/** Equity (and benchmark) on top, their drawdowns below, one shared x axis. */
export function equityDrawdownFigure(input: EquityDrawdownInput, options: EquityDrawdownOptions = {}): Figure {
  rejectUnknownOptions('input', input, ['time', 'equity', 'benchmark', 'name', 'benchmarkName']);
  rejectUnknownOptions('options', options, ['title', 'xKind']);
  checkTitle(options.title, 'SMA 50/200, 2010-2020');
  const xKind = options.xKind ?? 'epoch-ms';
  if (xKind !== 'epoch-ms' && xKind !== 'number') throw new InvalidArgumentError('options.xKind', xKind, "must be 'epoch-ms' or 'number'", "pass 'number' for bar indices");
  const equity = checkSeries('input.equity', input.equity);
  if (equity.length === 0) throw new InvalidArgumentError('input.equity', equity, 'is empty', 'pass the equity curve of at least one bar');
  const bad = equity.findIndex((e) => e < 0 || e === Infinity);
  if (bad >= 0) throw new InvalidArgumentError(`input.equity[${bad}]`, equity[bad], 'must be a non-negative finite equity (NaN for a gap)', 'pass equity as a multiple of the start (1 = start), not P&L');
  const time = checkSeries('input.time', input.time, equity.length);
  const benchmark = input.benchmark === undefined ? undefined : checkSeries('input.benchmark', input.benchmark, equity.length);
  const x = xKind === 'epoch-ms' ? toPlotlyDates(time) : Array.from(time);
  const name = input.name ?? 'strategy';
  const benchmarkName = input.benchmarkName ?? 'benchmark';
  const data: PlotlyTrace[] = [
    { type: 'scatter', mode: 'lines', name, x, y: equity, xaxis: 'x', yaxis: 'y', line: { color: EQUITY_COLOR } },
  ];
  if (benchmark) data.push({ type: 'scatter', mode: 'lines', name: benchmarkName, x, y: benchmark, xaxis: 'x', yaxis: 'y', line: { color: BENCHMARK_COLOR } });
  data.push({
    type: 'scatter', mode: 'lines', name: `${name} drawdown`, x, y: drawdownSeries(equity), xaxis: 'x', yaxis: 'y2',
    fill: 'tozeroy', line: { color: DRAWDOWN_COLOR, width: 1 }, hovertemplate: '%{y:.1%}',
  });
  if (benchmark) {
    data.push({ type: 'scatter', mode: 'lines', name: `${benchmarkName} drawdown`, x, y: drawdownSeries(benchmark), xaxis: 'x', yaxis: 'y2', line: { color: BENCHMARK_COLOR, width: 1, dash: 'dot' }, hovertemplate: '%{y:.1%}' });
  }
  return {
    data,
    layout: {
      ...(options.title !== undefined ? { title: { text: options.title } } : {}),
      hovermode: 'x unified',
      // One x axis anchored under the lower panel: zooming either panel moves both.
      xaxis: { ...(xKind === 'epoch-ms' ? { type: 'date' } : {}), anchor: 'y2' },
      yaxis: { domain: [...EQUITY_DOMAIN], title: { text: 'equity' } },
      yaxis2: { domain: [...DRAWDOWN_DOMAIN], title: { text: 'drawdown' }, tickformat: '.0%', rangemode: 'tozero' },
    },
  };
}

export interface TradeMark {
  /** Bar time (epoch ms) of the entry; must be one of the bars' times. */
  readonly entryTime: number;
  readonly entryPrice: number;
  /** Absent for a trade still open at the end. */
  readonly exitTime?: number;
  readonly exitPrice?: number;
  /** Default 'long'. */
  readonly side?: 'long' | 'short';
}

export interface TradeMarkersOptions {
  readonly title?: string;
  /** Volume panel under the candles (candlestickFigure's option; default false here). */
  readonly volume?: boolean;
  readonly hideGaps?: boolean;
}

/** Candles with entries (green triangles, up for long, down for short) and exits (red crosses). */
export function tradeMarkersFigure(bars: Bars, trades: readonly TradeMark[], options: TradeMarkersOptions = {}): Figure {
  rejectUnknownOptions('options', options, ['title', 'volume', 'hideGaps']);
  assertBars(bars);
  if (!Array.isArray(trades)) throw new InvalidArgumentError('trades', trades, 'must be an array', 'pass [{ entryTime, entryPrice, exitTime, exitPrice, side }]');
  const candles = candlestickFigure(bars, { volume: options.volume ?? false, ...(options.title !== undefined ? { title: options.title } : {}), ...(options.hideGaps !== undefined ? { hideGaps: options.hideGaps } : {}) });
  const x = toPlotlyDates(bars.time);
  const barAt = (argument: string, time: unknown): string => {
    const i = typeof time === 'number' ? bisect(bars.time, time) : -1;
    if (i < 0) throw new InvalidArgumentError(argument, time, `is not the time of one of the ${bars.symbol} bars`, 'pass the epoch-ms time of the bar the trade was filled on');
    return x[i]!;
  };
  const price = (argument: string, value: unknown): number => {
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new InvalidArgumentError(argument, value, 'must be a positive price', 'pass the fill price');
    return value;
  };
  const entries = { x: [] as string[], y: [] as number[], symbol: [] as string[], text: [] as string[] };
  const exits = { x: [] as string[], y: [] as number[], text: [] as string[] };
  trades.forEach((trade, i) => {
    if (trade === null || typeof trade !== 'object') throw new InvalidArgumentError(`trades[${i}]`, trade, 'must be an object', 'pass { entryTime, entryPrice, exitTime, exitPrice, side }');
    rejectUnknownOptions(`trades[${i}]`, trade, ['entryTime', 'entryPrice', 'exitTime', 'exitPrice', 'side']);
    const side = trade.side ?? 'long';
    if (side !== 'long' && side !== 'short') throw new InvalidArgumentError(`trades[${i}].side`, side, "must be 'long' or 'short'", "pass 'long' or 'short'");
    const entryPrice = price(`trades[${i}].entryPrice`, trade.entryPrice);
    entries.x.push(barAt(`trades[${i}].entryTime`, trade.entryTime));
    entries.y.push(entryPrice);
    entries.symbol.push(side === 'long' ? 'triangle-up' : 'triangle-down');
    entries.text.push(`${side} entry`);
    if ((trade.exitTime === undefined) !== (trade.exitPrice === undefined)) {
      throw new InvalidArgumentError(`trades[${i}]`, trade, 'has only one of exitTime and exitPrice', 'give both for a closed trade, neither for an open one');
    }
    if (trade.exitTime !== undefined) {
      if (!(trade.exitTime >= trade.entryTime)) throw new InvalidArgumentError(`trades[${i}].exitTime`, trade.exitTime, `is before the entry (${trade.entryTime})`, 'check the order of entry and exit');
      const exitPrice = price(`trades[${i}].exitPrice`, trade.exitPrice);
      exits.x.push(barAt(`trades[${i}].exitTime`, trade.exitTime));
      exits.y.push(exitPrice);
      const ret = (side === 'long' ? exitPrice / entryPrice : entryPrice / exitPrice) - 1;
      exits.text.push(`${side} exit, ${(100 * ret).toFixed(2)}%`);
    }
  });
  const marker = (color: string) => ({ color, size: 11, line: { color: '#212121', width: 1 } });
  return {
    data: [
      ...candles.data,
      { type: 'scatter', mode: 'markers', name: 'entries', x: entries.x, y: entries.y, text: entries.text, xaxis: 'x', yaxis: 'y', marker: { ...marker(ENTRY_COLOR), symbol: entries.symbol }, hovertemplate: '%{text} at %{y}<extra></extra>' },
      { type: 'scatter', mode: 'markers', name: 'exits', x: exits.x, y: exits.y, text: exits.text, xaxis: 'x', yaxis: 'y', marker: { ...marker(EXIT_COLOR), symbol: 'x' }, hovertemplate: '%{text} at %{y}<extra></extra>' },
    ],
    layout: { ...candles.layout, showlegend: true },
  };
}

/** Index of `value` in ascending `sorted`, or -1. */
function bisect(sorted: Float64Array, value: number): number {
  let lo = 0, hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return mid;
    if (sorted[mid]! < value) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

export interface MonthlyReturnsTable {
  /** Calendar years (UTC) with at least one bar, ascending. */
  readonly years: readonly number[];
  /** months[i][m]: compounded return of month m (0 = January) of years[i]; NaN without a bar. */
  readonly months: readonly Float64Array[];
  /** Compounded return of each year over its bars. */
  readonly yearly: Float64Array;
}

/** Compounds per-bar returns by UTC calendar month and year (a NaN return counts as 0). */
export function monthlyReturnsTable(returns: Float64Array, time: Float64Array): MonthlyReturnsTable {
  checkSeries('returns', returns);
  checkSeries('time', time, returns.length);
  if (returns.length === 0) throw new InvalidArgumentError('returns', returns, 'is empty', 'pass at least one return');
  for (let t = 0; t < time.length; t++) {
    if (!Number.isFinite(time[t]!)) throw new InvalidArgumentError(`time[${t}]`, time[t], 'is not a timestamp', 'pass epoch milliseconds (UTC) for every return');
    if (t > 0 && time[t]! < time[t - 1]!) throw new InvalidArgumentError(`time[${t}]`, time[t], `is before time[${t - 1}] = ${time[t - 1]}`, 'sort the returns by time');
    if (returns[t] === Infinity || returns[t] === -Infinity) throw new InvalidArgumentError(`returns[${t}]`, returns[t], 'is infinite', 'check the prices for a zero');
  }
  const first = new Date(time[0]!).getUTCFullYear();
  const count = new Date(time[time.length - 1]!).getUTCFullYear() - first + 1;
  const growth = Array.from({ length: count }, () => new Float64Array(12).fill(NaN));
  for (let t = 0; t < returns.length; t++) {
    const d = new Date(time[t]!);
    const row = growth[d.getUTCFullYear() - first]!;
    const m = d.getUTCMonth();
    const r = Number.isNaN(returns[t]!) ? 0 : returns[t]!;
    row[m] = (Number.isNaN(row[m]!) ? 1 : row[m]!) * (1 + r);
  }
  const years: number[] = [], months: Float64Array[] = [], yearly: number[] = [];
  growth.forEach((row, i) => {
    if (row.every(Number.isNaN)) return; // a calendar year without bars (a gap in the data)
    years.push(first + i);
    months.push(Float64Array.from(row, (g) => g - 1));
    yearly.push(row.reduce((p, g) => (Number.isNaN(g) ? p : p * g), 1) - 1);
  });
  return { years, months, yearly: Float64Array.from(yearly) };
}

export interface MonthlyReturnsHeatmapOptions {
  readonly title?: string;
}

/**
 * Years down, months across plus the year's total; cells coloured on a red-white-green scale
 * symmetric about 0 and set by the largest monthly move (the yearly column saturates instead of
 * washing the months out), each cell labelled with its return.
 */
export function monthlyReturnsHeatmap(returns: Float64Array, time: Float64Array, options: MonthlyReturnsHeatmapOptions = {}): Figure {
  rejectUnknownOptions('options', options, ['title']);
  checkTitle(options.title, 'Monthly returns');
  const table = monthlyReturnsTable(returns, time);
  let largest = 0;
  for (const row of table.months) for (const v of row) if (Math.abs(v) > largest) largest = Math.abs(v);
  const bound = largest > 0 ? largest : 0.01;
  const z = table.months.map((row, i) => [...row, table.yearly[i]!]);
  const base = heatmapFigure(z, table.years.map(String), [...MONTH_LABELS, 'Year'], {
    zmin: -bound, zmax: bound, colorscale: RETURNS_COLORSCALE, ...(options.title !== undefined ? { title: options.title } : {}),
  });
  const layout = base.layout as Layout;
  return {
    data: [{ ...base.data[0], texttemplate: '%{z:.1%}', hovertemplate: '%{y} %{x}: %{z:.2%}<extra></extra>', colorbar: { tickformat: '.0%' } }],
    layout: { ...layout, xaxis: { ...(layout.xaxis as Layout), tickangle: 0, side: 'top' } },
  };
}

/** Quantile bands of equity paths, as monteCarlo's fan holds them. */
export interface FanInput {
  /** Bars compounded at each point (or any increasing x). */
  readonly steps: ArrayLike<number>;
  /** Ascending, in (0, 1). */
  readonly quantiles: readonly number[];
  /** bands[q][k]: quantile q of equity at steps[k]. */
  readonly bands: readonly Float64Array[];
}

export interface MonteCarloFanFigureOptions {
  readonly title?: string;
  /** The observed equity at the same steps, drawn over the fan. */
  readonly observed?: Float64Array;
  readonly color?: string;
}

/** Nested shaded bands between quantile pairs (outermost palest), the median as a line. */
export function monteCarloFanFigure(fan: FanInput, options: MonteCarloFanFigureOptions = {}): Figure {
  rejectUnknownOptions('options', options, ['title', 'observed', 'color']);
  checkTitle(options.title, 'Monte Carlo equity, 1000 stationary-bootstrap paths');
  if (fan === null || typeof fan !== 'object') throw new InvalidArgumentError('fan', fan, 'must be { steps, quantiles, bands }', 'pass monteCarlo(...).fan (with fan: true)');
  const steps = Array.from(fan.steps ?? []);
  if (steps.length === 0) throw new InvalidArgumentError('fan.steps', fan.steps, 'must hold at least one step', 'pass monteCarlo(...).fan');
  const q = fan.quantiles;
  if (!Array.isArray(q) || q.length === 0 || !q.every((v, i) => typeof v === 'number' && v > 0 && v < 1 && (i === 0 || v > q[i - 1]!))) {
    throw new InvalidArgumentError('fan.quantiles', q, 'must be ascending numbers in (0, 1)', 'pass e.g. [0.05, 0.25, 0.5, 0.75, 0.95]');
  }
  if (!Array.isArray(fan.bands) || fan.bands.length !== q.length) {
    throw new InvalidArgumentError('fan.bands', fan.bands, `must hold ${q.length} series, one per quantile`, 'pass monteCarlo(...).fan unchanged');
  }
  fan.bands.forEach((band, i) => checkSeries(`fan.bands[${i}]`, band, steps.length));
  const color = options.color ?? EQUITY_COLOR;
  if (typeof color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(color)) throw new InvalidArgumentError('options.color', color, 'must be a #rrggbb colour', "pass e.g. '#1f77b4'");
  const rgba = (alpha: number) => `rgba(${parseInt(color.slice(1, 3), 16)}, ${parseInt(color.slice(3, 5), 16)}, ${parseInt(color.slice(5, 7), 16)}, ${alpha})`;
  const pct = (v: number) => `${+(100 * v).toFixed(2)}%`;
  const data: PlotlyTrace[] = [];
  const pairs = Math.floor(q.length / 2);
  for (let i = 0; i < pairs; i++) {
    const lo = i, hi = q.length - 1 - i;
    const name = `${pct(q[lo]!)} to ${pct(q[hi]!)}`;
    // Plotly fills 'tonexty' from a trace down to the one drawn just before it.
    data.push({ type: 'scatter', mode: 'lines', name: pct(q[lo]!), x: steps, y: fan.bands[lo], line: { width: 0, color: rgba(0) }, showlegend: false, legendgroup: name, hoverinfo: 'skip' });
    data.push({ type: 'scatter', mode: 'lines', name, x: steps, y: fan.bands[hi], fill: 'tonexty', fillcolor: rgba(0.15 + (0.3 * (i + 1)) / pairs), line: { width: 0, color: rgba(0) }, legendgroup: name, hoverinfo: 'skip' });
  }
  if (q.length % 2 === 1) {
    data.push({ type: 'scatter', mode: 'lines', name: `${pct(q[pairs]!)} quantile`, x: steps, y: fan.bands[pairs], line: { color, width: 2 } });
  }
  if (options.observed !== undefined) {
    data.push({ type: 'scatter', mode: 'lines', name: 'observed', x: steps, y: checkSeries('options.observed', options.observed, steps.length), line: { color: '#000000', width: 1.5, dash: 'dash' } });
  }
  return {
    data,
    layout: {
      ...(options.title !== undefined ? { title: { text: options.title } } : {}),
      xaxis: { title: { text: 'bars' } },
      yaxis: { title: { text: 'equity' } },
      hovermode: 'x unified',
    },
  };
}

/** A parameter grid, as parameterSweepGrid returns it. */
export interface SweepGridInput {
  readonly x: string;
  readonly y: string;
  readonly metric: string;
  readonly xValues: readonly (number | string)[];
  readonly yValues: readonly (number | string)[];
  readonly z: readonly (Float64Array | readonly number[])[];
}

export interface SweepHeatmapOptions {
  readonly title?: string;
  /** Default the smallest and largest finite cell. */
  readonly zmin?: number;
  readonly zmax?: number;
  /** Default 'Viridis' (sequential: a metric, not a signed quantity). */
  readonly colorscale?: Colorscale;
}

export const DEFAULT_SWEEP_COLORSCALE = 'Viridis';

/** The metric over two parameters, lowest y at the bottom, each cell labelled with its value. */
export function sweepHeatmapFigure(grid: SweepGridInput, options: SweepHeatmapOptions = {}): Figure {
  rejectUnknownOptions('options', options, ['title', 'zmin', 'zmax', 'colorscale']);
  if (grid === null || typeof grid !== 'object') throw new InvalidArgumentError('grid', grid, 'must be { x, y, metric, xValues, yValues, z }', 'pass parameterSweepGrid(...)');
  for (const key of ['x', 'y', 'metric'] as const) {
    if (typeof grid[key] !== 'string') throw new InvalidArgumentError(`grid.${key}`, grid[key], 'must be a name', 'pass parameterSweepGrid(...) unchanged');
  }
  for (const key of ['xValues', 'yValues'] as const) {
    if (!Array.isArray(grid[key])) throw new InvalidArgumentError(`grid.${key}`, grid[key], 'must be an array of parameter values', 'pass parameterSweepGrid(...) unchanged');
  }
  let lo = Infinity, hi = -Infinity;
  for (const row of Array.isArray(grid.z) ? grid.z : []) {
    for (const v of Array.from((row ?? []) as ArrayLike<number>)) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  if (lo === Infinity) { lo = 0; hi = 1; }
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const base = heatmapFigure(grid.z, grid.yValues.map(String), grid.xValues.map(String), {
    zmin: options.zmin ?? lo, zmax: options.zmax ?? hi, colorscale: options.colorscale ?? DEFAULT_SWEEP_COLORSCALE,
    ...(options.title !== undefined ? { title: options.title } : {}),
  });
  const layout = base.layout as Layout;
  return {
    data: [{
      ...base.data[0], texttemplate: '%{z:.2f}', colorbar: { title: { text: grid.metric } },
      hovertemplate: `${grid.x} %{x}, ${grid.y} %{y}: ${grid.metric} %{z:.3f}<extra></extra>`,
    }],
    layout: {
      ...layout,
      xaxis: { ...(layout.xaxis as Layout), title: { text: grid.x } },
      yaxis: { ...(layout.yaxis as Layout), autorange: true, title: { text: grid.y } },
    },
  };
}
