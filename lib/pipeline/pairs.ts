// The pairs-trading dataset of the GARCH-GRU roadmap: choose a cointegrated pair on a formation
// window, fix everything that is estimated (hedge ratio, GARCH parameters of each leg and of the
// spread) on that window only, then compute features over the whole history with those fixed
// estimates, so a value at t never depends on bars after t. The label asks whether the spread
// reverts toward its mean by `revertBy` z units within `within` bars.
import { isoDate, rowsBetween, type Bars } from '../data/bars';
import type { ClosePanel } from '../data/panel';
import { spreadReversionLabel, type Label } from '../dataset/labels';
import { computeFeatures, defineFeatureSet, type FeatureRegistry, type FeatureSet, type FeatureTable } from '../features/registry';
import { archModel, garch } from '../stats/arch';
import { garchFeatureParams, spreadBars, type GarchVolatilityParams } from '../stats/feature-hooks';
import { screenPairs, type PairScreenRow } from '../stats/screen';
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { createFeatureRegistry } from './features';

export const DEFAULT_PAIRS_ZSCORE_WINDOW = 60;
export const DEFAULT_PAIRS_LABEL = { revertBy: 0.5, within: 10 } as const;

export interface PairsDatasetOptions {
  /** Dates (ISO, inclusive) of the window on which the pair is chosen and every estimate fitted. */
  readonly formation: { readonly from: string; readonly to: string };
  /** Use this pair instead of the screen's best (y is regressed on x). */
  readonly pair?: { readonly y: string; readonly x: string };
  readonly zscoreWindow?: number;
  readonly label?: { readonly revertBy: number; readonly within: number };
}

/** Everything needed to recompute the features on new bars: plain JSON. */
export interface PairsFeatureSpec {
  readonly y: string;
  readonly x: string;
  readonly hedgeRatio: number;
  readonly intercept: number;
  readonly formation: { readonly from: string; readonly to: string };
  readonly spread: FeatureSet;
  readonly legs: { readonly y: FeatureSet; readonly x: FeatureSet };
}

export interface PairsDataset {
  readonly spec: PairsFeatureSpec;
  /** The screen's row for the chosen pair (cointegration p-value, BH-adjusted p-value). */
  readonly screen: PairScreenRow | undefined;
  readonly time: Float64Array;
  readonly names: readonly string[];
  readonly columns: readonly Float64Array[];
  readonly label: Label;
  /** Row range of the formation window: [start, end). */
  readonly formationRows: { readonly start: number; readonly end: number };
}

/** One symbol of a close-only panel as Bars (open = high = low = close, volume 0). */
export function closeBars(panel: ClosePanel, symbol: string): Bars {
  const i = panel.symbols.indexOf(symbol);
  if (i < 0) throw new InvalidArgumentError('symbol', symbol, 'is not in the panel', `use one of ${panel.symbols.join(', ')}`);
  const close = panel.close[i]!;
  const bad = close.findIndex((v) => !(v > 0));
  if (bad >= 0) {
    throw new InvalidArgumentError(`panel.close[${symbol}][${bad}]`, close[bad], `is not a positive price (${isoDate(panel.time[bad]!)})`, 'use a panel without gaps for these symbols, or repair it first');
  }
  return { symbol, time: panel.time, open: close, high: close, low: close, close, volume: new Float64Array(close.length) };
}

function fitGarch(series: Float64Array, start: number, end: number, returns: 'log' | 'difference', argument: string): GarchVolatilityParams {
  const y = new Float64Array(end - start - 1);
  for (let t = start + 1; t < end; t++) {
    y[t - start - 1] = 100 * (returns === 'log' ? Math.log(series[t]! / series[t - 1]!) : series[t]! - series[t - 1]!);
  }
  const fit = archModel(y, { volatility: garch({ p: 1, q: 1 }) }).fit();
  if (!fit.converged) {
    throw new InvalidArgumentError(argument, fit.message, 'GARCH(1,1) did not converge on the formation window', 'choose a longer formation window or another pair');
  }
  return garchFeatureParams(fit, { returns });
}

/** Builds the pair's feature table and label (see the file comment for what is fitted where). */
export function buildPairsDataset(panel: ClosePanel, options: PairsDatasetOptions, registry: FeatureRegistry = createFeatureRegistry()): PairsDataset {
  rejectUnknownOptions('options', options, ['formation', 'pair', 'zscoreWindow', 'label']);
  if (!options?.formation) throw new InvalidArgumentError('options.formation', options?.formation, 'is required', "pass { from: '2010-01-01', to: '2014-12-31' }");
  const rows = rowsBetween(panel.time, options.formation.from, options.formation.to);
  const zscoreWindow = options.zscoreWindow ?? DEFAULT_PAIRS_ZSCORE_WINDOW;
  const labelOptions = options.label ?? DEFAULT_PAIRS_LABEL;

  let screenRow: PairScreenRow | undefined;
  let pair = options.pair;
  for (const symbol of pair ? [pair.y, pair.x] : []) {
    if (!panel.symbols.includes(symbol)) throw new InvalidArgumentError('symbol', symbol, 'is not in the panel', `use one of ${panel.symbols.join(', ')}`);
  }
  const universe = panel.symbols.map((symbol, i) => ({ symbol, close: panel.close[i]!.subarray(rows.start, rows.end) }));
  const screen = screenPairs(options.pair ? universe.filter((u) => u.symbol === options.pair!.y || u.symbol === options.pair!.x) : universe);
  if (pair) screenRow = screen.rows.find((r) => (r.y === pair!.y && r.x === pair!.x));
  else {
    screenRow = screen.rows[0];
    pair = { y: screenRow!.y, x: screenRow!.x };
  }
  const yBars = closeBars(panel, pair.y), xBars = closeBars(panel, pair.x);
  // The hedge ratio of ln(y) on ln(x) over the formation window (the screen's regression).
  const hedge = screenRow && screenRow.y === pair.y ? { hedgeRatio: screenRow.hedgeRatio, intercept: screenRow.intercept } : undefined;
  if (!hedge) throw new InvalidArgumentError('options.pair', pair, 'was not screened in this orientation', 'swap y and x, or leave pair out to use the best screened pair');
  const spread = spreadBars(yBars, xBars, { ...hedge, symbol: `${pair.y}~${pair.x}` });

  const garchSpread = fitGarch(spread.close, rows.start, rows.end, 'difference', 'spread');
  const garchY = fitGarch(yBars.close, rows.start, rows.end, 'log', `legs.${pair.y}`);
  const garchX = fitGarch(xBars.close, rows.start, rows.end, 'log', `legs.${pair.x}`);
  const spreadSet = defineFeatureSet('pairs-spread', [
    { name: 'z', kind: 'zscore', params: { window: zscoreWindow } },
    { name: 'garch', kind: 'garch_volatility', params: { ...garchSpread } },
    { name: 'rsi14', kind: 'rsi', params: { period: 14 } },
    { name: 'sma5', kind: 'sma', params: { window: 5 } },
    { name: 'sma20', kind: 'sma', params: { window: 20 } },
    { name: 'dspread', kind: 'lag', params: { source: 'difference', minLag: 1, maxLag: 5 } },
  ], registry);
  const legSet = (params: GarchVolatilityParams) => defineFeatureSet('pairs-leg', [{ name: 'garch', kind: 'garch_volatility', params: { ...params } }], registry);
  const legs = { y: legSet(garchY), x: legSet(garchX) };

  const tables: [string, FeatureTable][] = [
    ['spread', computeFeatures(spread, spreadSet, registry)],
    [pair.y, computeFeatures(yBars, legs.y, registry)],
    [pair.x, computeFeatures(xBars, legs.x, registry)],
  ];
  const names = tables.flatMap(([prefix, table]) => table.names.map((n) => `${prefix}.${n}`));
  const columns = tables.flatMap(([, table]) => table.columns);
  const z = tables[0]![1].columns[0]!;
  const label = spreadReversionLabel(z, labelOptions);
  return {
    spec: { y: pair.y, x: pair.x, ...hedge, formation: { ...options.formation }, spread: spreadSet, legs },
    screen: screenRow,
    time: spread.time,
    names,
    columns,
    label,
    formationRows: rows,
  };
}
