// OHLC candles with the volume below them: the first chart anyone draws of a price series, and the
// quickest way to see bad bars (a wick through the roof, a day without volume).
import { assertBars, sliceBars, type Bars } from '../data/bars';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { allUtcMidnights, toPlotlyDates } from './dates';
import type { Figure, PlotlyTrace } from './figure';

export interface CandlestickFigureOptions {
  /** Chart title; default the symbol and the date range shown. */
  readonly title?: string;
  /** Show only the last `last` bars (all of them when there are fewer); default all bars. */
  readonly last?: number;
  /** Volume bars in a panel below the candles, on the same x axis (DEFAULT_SHOW_VOLUME). */
  readonly volume?: boolean;
  /** Daily bars only: leave out days without a bar (weekends, holidays) instead of drawing empty slots (DEFAULT_HIDE_GAPS). */
  readonly hideGaps?: boolean;
}

export const DEFAULT_SHOW_VOLUME = true;
export const DEFAULT_HIDE_GAPS = true;
/** Close at or above open. */
export const UP_COLOR = '#26a69a';
export const DOWN_COLOR = '#ef5350';
/** Fractions of the plot height: candles on top, volume below, a small gap between. */
const PRICE_DOMAIN = [0.3, 1] as const;
const VOLUME_DOMAIN = [0, 0.22] as const;
const DAY_MS = 86_400_000;
const OPTION_NAMES = ['title', 'last', 'volume', 'hideGaps'];

export function candlestickFigure(bars: Bars, options: CandlestickFigureOptions = {}): Figure {
  rejectUnknownOptions('options', options, OPTION_NAMES);
  const n = assertBars(bars);
  if (n === 0) throw new InvalidArgumentError('bars', bars, 'holds no bars', 'pass bars with at least one row');
  const last = options.last ?? n;
  if (typeof last !== 'number' || !Number.isInteger(last) || last < 1) {
    throw new InvalidArgumentError('options.last', options.last, 'must be a whole number of bars >= 1', 'pass e.g. 250, or leave it out to show every bar');
  }
  for (const name of ['volume', 'hideGaps'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'boolean') {
      throw new InvalidArgumentError(`options.${name}`, options[name], 'must be a boolean', `pass true or false, or leave it out (default ${name === 'volume' ? DEFAULT_SHOW_VOLUME : DEFAULT_HIDE_GAPS})`);
    }
  }
  if (options.title !== undefined && typeof options.title !== 'string') {
    throw new InvalidArgumentError('options.title', options.title, 'must be a string', "pass e.g. 'SP500, last 250 days'");
  }
  const shown = sliceBars(bars, Math.max(0, n - last));
  const withVolume = options.volume ?? DEFAULT_SHOW_VOLUME;
  const x = toPlotlyDates(shown.time);
  const m = shown.time.length;
  const title = options.title ?? `${bars.symbol}, ${x[0] ?? '?'} to ${x[m - 1] ?? '?'}`;

  const data: PlotlyTrace[] = [{
    type: 'candlestick', name: bars.symbol, x, open: shown.open, high: shown.high, low: shown.low, close: shown.close,
    xaxis: 'x', yaxis: 'y',
    increasing: { line: { color: UP_COLOR }, fillcolor: UP_COLOR },
    decreasing: { line: { color: DOWN_COLOR }, fillcolor: DOWN_COLOR },
  }];
  if (withVolume) {
    const colors = Array.from(shown.close, (c, i) => (c >= shown.open[i]! ? UP_COLOR : DOWN_COLOR));
    data.push({ type: 'bar', name: 'volume', x, y: shown.volume, xaxis: 'x', yaxis: 'y2', marker: { color: colors } });
  }
  const breaks = (options.hideGaps ?? DEFAULT_HIDE_GAPS) ? dailyRangeBreaks(shown.time) : [];
  return {
    data,
    layout: {
      title: { text: title },
      showlegend: false,
      // The range slider plotly adds under candles would sit between the two panels.
      xaxis: { type: 'date', rangeslider: { visible: false }, anchor: withVolume ? 'y2' : 'y', ...(breaks.length > 0 ? { rangebreaks: breaks } : {}) },
      yaxis: { domain: withVolume ? [...PRICE_DOMAIN] : [0, 1], title: { text: 'price' } },
      ...(withVolume ? { yaxis2: { domain: [...VOLUME_DOMAIN], title: { text: 'volume' } } } : {}),
    },
  };
}

/**
 * Plotly rangebreaks hiding the days between daily bars. Weekends go as one weekly pattern when no
 * bar falls on one (a few rules instead of thousands of dates); the remaining days, holidays, as
 * dates. Intraday bars get none: their gaps (nights) are not whole days.
 */
function dailyRangeBreaks(time: Float64Array): { readonly [key: string]: unknown }[] {
  const finite = Array.from(time).filter(Number.isFinite);
  if (finite.length < 2 || !allUtcMidnights(finite)) return [];
  const isWeekend = (ms: number): boolean => {
    const day = new Date(ms).getUTCDay();
    return day === 0 || day === 6;
  };
  const weekendBars = finite.some(isWeekend);
  const missing: string[] = [];
  let missingWeekend = false;
  for (let i = 1; i < finite.length; i++) {
    for (let d = finite[i - 1]! + DAY_MS; d < finite[i]!; d += DAY_MS) {
      if (!weekendBars && isWeekend(d)) missingWeekend = true;
      else missing.push(new Date(d).toISOString().slice(0, 10));
    }
  }
  return [
    ...(missingWeekend ? [{ bounds: ['sat', 'mon'] }] : []),
    ...(missing.length > 0 ? [{ values: missing }] : []),
  ];
}
