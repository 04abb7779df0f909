// Line charts of one or more series, the figure most research notebooks need.
import { InvalidArgumentError } from '../util/errors';
import { toPlotlyDates } from './dates';
import type { Figure, PlotlyTrace } from './figure';

export interface LineSeries {
  readonly name: string;
  /** Epoch milliseconds (shown as ISO dates), plain numbers, or category/date strings. */
  readonly x: readonly (number | string)[] | Float64Array;
  readonly y: Float64Array;
}

/** 'epoch-ms': numeric x are UTC timestamps shown on a date axis; 'number': plotted as they are. */
export type XKind = 'epoch-ms' | 'number';

export const DEFAULT_X_KIND: XKind = 'epoch-ms';

export interface LineFigureOptions {
  readonly xKind?: XKind;
}

export function lineFigure(
  series: readonly LineSeries[],
  layout: { readonly [key: string]: unknown } = {},
  options: LineFigureOptions = {},
): Figure {
  for (const key of Object.keys(options)) {
    if (key !== 'xKind') throw new InvalidArgumentError(`options.${key}`, (options as Record<string, unknown>)[key], 'is not a known option', 'use only xKind');
  }
  const xKind = options.xKind ?? DEFAULT_X_KIND;
  if (xKind !== 'epoch-ms' && xKind !== 'number') {
    throw new InvalidArgumentError('options.xKind', xKind, "must be 'epoch-ms' or 'number'", "pass 'number' for bar indices, 'epoch-ms' for timestamps");
  }
  if (!Array.isArray(series) || series.length === 0) {
    throw new InvalidArgumentError('series', series, 'must be a non-empty array', 'pass [{ name, x, y }]');
  }
  const data: PlotlyTrace[] = series.map((s, i) => {
    if (typeof s?.name !== 'string') throw new InvalidArgumentError(`series[${i}].name`, s?.name, 'must be a string', 'name each series');
    if (!(s.y instanceof Float64Array)) throw new InvalidArgumentError(`series[${i}].y`, s.y, 'must be a Float64Array', 'convert with Float64Array.from(values)');
    if (!(Array.isArray(s.x) || s.x instanceof Float64Array) || s.x.length !== s.y.length) {
      throw new InvalidArgumentError(`series[${i}].x`, s.x, `must be an array with one value per y (${s.y.length})`, 'align x and y');
    }
    return { type: 'scatter', mode: 'lines', name: s.name, x: xKind === 'epoch-ms' ? toPlotlyDates(s.x) : Array.from(s.x), y: s.y };
  });
  const timeAxis = xKind === 'epoch-ms' && series.some((s) => s.x.length > 0 && typeof s.x[0] === 'number');
  const titled = withTitleObjects(layout);
  const userXaxis = (titled.xaxis ?? {}) as { readonly [key: string]: unknown };
  return {
    data,
    layout: { ...titled, xaxis: { ...(timeAxis ? { type: 'date' } : {}), ...userXaxis } },
  };
}

type Layout = { readonly [key: string]: unknown };
const AXIS = /^[xy]axis\d*$/;

/**
 * plotly.js 3 dropped the string shorthand for titles (`title: 'x'` renders nothing): the figure
 * and axis titles are turned into `{ text }` so layouts written the old way still show them.
 */
export function withTitleObjects(layout: Layout): Layout {
  const text = (title: unknown): unknown => (typeof title === 'string' ? { text: title } : title);
  const out: Record<string, unknown> = { ...layout };
  if ('title' in out) out.title = text(out.title);
  for (const key of Object.keys(out)) {
    const axis = out[key];
    if (AXIS.test(key) && axis !== null && typeof axis === 'object' && 'title' in (axis as Layout)) out[key] = { ...(axis as Layout), title: text((axis as Layout).title) };
  }
  return out;
}
