// A matrix as coloured cells, built for correlation matrices: a diverging scale fixed to -1..1 so
// the same colour means the same correlation in every chart, white at zero, rows read top-down.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import type { Figure } from './figure';

/** Plotly colorscale: a named scale ('Viridis') or [position in 0..1, CSS colour] stops. */
export type Colorscale = string | readonly (readonly [number, string])[];

export interface HeatmapFigureOptions {
  readonly title?: string;
  /** Value drawn in the lowest colour (DEFAULT_HEATMAP_ZMIN); lower values are clipped to it. */
  readonly zmin?: number;
  /** Value drawn in the highest colour (DEFAULT_HEATMAP_ZMAX). */
  readonly zmax?: number;
  readonly colorscale?: Colorscale;
}

export const DEFAULT_HEATMAP_ZMIN = -1;
export const DEFAULT_HEATMAP_ZMAX = 1;
/** ColorBrewer RdBu (9 classes), blue for negative, white at the middle, red for positive. */
export const DIVERGING_COLORSCALE: readonly (readonly [number, string])[] = [
  [0, '#2166ac'], [0.125, '#4393c3'], [0.25, '#92c5de'], [0.375, '#d1e5f0'], [0.5, '#f7f7f7'],
  [0.625, '#fddbc7'], [0.75, '#f4a582'], [0.875, '#d6604d'], [1, '#b2182b'],
];
const OPTION_NAMES = ['title', 'zmin', 'zmax', 'colorscale'];

export function heatmapFigure(
  matrix: readonly (Float64Array | readonly number[])[],
  rowLabels: readonly string[],
  colLabels: readonly string[],
  options: HeatmapFigureOptions = {},
): Figure {
  rejectUnknownOptions('options', options, OPTION_NAMES);
  checkLabels('rowLabels', rowLabels);
  checkLabels('colLabels', colLabels);
  if (!Array.isArray(matrix) || matrix.length !== rowLabels.length) {
    throw new InvalidArgumentError('matrix', matrix, `must be an array of ${rowLabels.length} rows, one per row label`, 'pass one row (Float64Array or number[]) per entry of rowLabels');
  }
  const z = matrix.map((row, i) => {
    if (!(row instanceof Float64Array || Array.isArray(row)) || row.length !== colLabels.length) {
      throw new InvalidArgumentError(`matrix[${i}]`, row, `must hold ${colLabels.length} numbers, one per column label`, 'give every row one value per entry of colLabels');
    }
    const values = Array.from(row as ArrayLike<number>);
    const bad = values.findIndex((v) => typeof v !== 'number');
    if (bad >= 0) throw new InvalidArgumentError(`matrix[${i}][${bad}]`, values[bad], 'must be a number (NaN draws an empty cell)', 'convert the values to numbers');
    return values;
  });
  const zmin = options.zmin ?? DEFAULT_HEATMAP_ZMIN;
  const zmax = options.zmax ?? DEFAULT_HEATMAP_ZMAX;
  for (const [name, v] of [['zmin', zmin], ['zmax', zmax]] as const) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidArgumentError(`options.${name}`, v, 'must be a finite number', `pass e.g. ${name === 'zmin' ? -1 : 1}`);
  }
  if (!(zmin < zmax)) throw new InvalidArgumentError('options.zmax', zmax, `must be above options.zmin (${zmin})`, 'swap them, or pass e.g. zmin -1, zmax 1');
  const colorscale = options.colorscale ?? DIVERGING_COLORSCALE;
  checkColorscale(colorscale);
  if (options.title !== undefined && typeof options.title !== 'string') {
    throw new InvalidArgumentError('options.title', options.title, 'must be a string', "pass e.g. 'Feature correlations (training rows)'");
  }
  return {
    data: [{
      type: 'heatmap', z, x: [...colLabels], y: [...rowLabels], zmin, zmax, hoverongaps: false,
      colorscale: typeof colorscale === 'string' ? colorscale : colorscale.map((stop) => [...stop]),
      hovertemplate: '%{y} / %{x}: %{z:.3f}<extra></extra>',
    }],
    layout: {
      ...(options.title !== undefined ? { title: { text: options.title } } : {}),
      // Category axes in the given order; the first row on top, as the matrix is read.
      // dtick 1: every label, since plotly thins crowded category ticks and an unlabelled row is
      // unreadable; many columns get upright, smaller labels so that neighbours do not overlap.
      xaxis: { type: 'category', automargin: true, dtick: 1, tickangle: crowded(colLabels) ? -90 : -45, ...labelFont(colLabels) },
      yaxis: { type: 'category', automargin: true, autorange: 'reversed', dtick: 1, ...labelFont(rowLabels) },
    },
  };
}

/** Beyond this many labels an axis gets small, upright tick labels. */
const CROWDED_LABELS = 30;
const CROWDED_FONT_SIZE = 10;

function crowded(labels: readonly string[]): boolean {
  return labels.length > CROWDED_LABELS;
}

function labelFont(labels: readonly string[]): { tickfont?: { size: number } } {
  return crowded(labels) ? { tickfont: { size: CROWDED_FONT_SIZE } } : {};
}

function checkLabels(argument: string, labels: readonly string[]): void {
  if (!Array.isArray(labels) || labels.length === 0 || !labels.every((s) => typeof s === 'string')) {
    throw new InvalidArgumentError(argument, labels, 'must be a non-empty array of strings', 'pass one name per row/column, e.g. the feature names');
  }
  // Plotly merges equal category labels into one row or column, silently misplacing cells.
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label)) throw new InvalidArgumentError(argument, label, 'appears twice (plotly would draw both in one row/column)', 'make every label unique');
    seen.add(label);
  }
}

function checkColorscale(scale: unknown): void {
  if (typeof scale === 'string' && scale.trim() !== '') return;
  const fix = "pass a plotly scale name ('Viridis') or stops from 0 to 1, e.g. [[0, 'blue'], [0.5, 'white'], [1, 'red']]";
  if (!Array.isArray(scale) || scale.length < 2) throw new InvalidArgumentError('options.colorscale', scale, 'must be a scale name or at least two [position, colour] stops', fix);
  scale.forEach((stop: unknown, i) => {
    if (!Array.isArray(stop) || stop.length !== 2) throw new InvalidArgumentError(`options.colorscale[${i}]`, stop, 'must be a [position, colour] pair', fix);
    const [at, colour] = stop as [unknown, unknown];
    if (typeof at !== 'number' || !(at >= 0 && at <= 1)) throw new InvalidArgumentError(`options.colorscale[${i}][0]`, at, 'must be a position in 0..1', fix);
    if (typeof colour !== 'string') throw new InvalidArgumentError(`options.colorscale[${i}][1]`, colour, "must be a CSS colour string ('#b2182b', 'red')", fix);
    const previous = i > 0 ? (scale[i - 1] as [number, string])[0] : -Infinity;
    if (!(at > previous)) throw new InvalidArgumentError(`options.colorscale[${i}][0]`, at, `must be above the previous stop's position (${previous})`, fix);
  });
  if (scale[0][0] !== 0 || scale[scale.length - 1][0] !== 1) {
    throw new InvalidArgumentError('options.colorscale', scale, 'must start at position 0 and end at 1', fix);
  }
}
