// Shared inputs of the trading-environment tests: the S&P 500 sample, a small feature set from
// the registry, and a random position path that holds positions for a while (as a policy would).
import { sliceBars, type Bars } from '../../../lib/data/bars';
import { featureRegistry } from '../../../lib/features/catalog';
import { defineFeatureSet, type FeatureSet } from '../../../lib/features/registry';
import { createRng } from '../../../lib/util/random';
import { sp500Bars } from '../../features/kind-contract';

export const FEATURES: FeatureSet = defineFeatureSet('rl-test', [
  { name: 'ret', kind: 'log_return' },
  { name: 'rsi14', kind: 'rsi', params: { period: 14 } },
  { name: 'z20', kind: 'zscore', params: { window: 20 } },
], featureRegistry());

/** The first 1,500 bars of the S&P 500 sample (1999-2004): enough for episodes, quick to compute. */
export function spx(): Bars {
  return sliceBars(sp500Bars(), 0, 1500);
}

/** Discrete actions 0..2 that change with probability `pChange` per step. */
export function stickyActions(n: number, seed: number, pChange = 0.15): number[] {
  const rng = createRng(seed);
  const out: number[] = [];
  let a = 1;
  for (let t = 0; t < n; t++) {
    if (rng.uniform() < pChange) a = rng.int(3);
    out.push(a);
  }
  return out;
}

import { readClosePanelCsv, type ClosePanel } from '../../../lib/data/panel';
import { rowsBetween } from '../../../lib/data/bars';
import { STOCKS20_GZ } from '../../data/fixtures';

let stocks: ClosePanel | undefined;
/** The skfolio 20-stock closes from 2010 to 2014 (every symbol priced, about 1,250 rows). */
export function stocks20(): ClosePanel {
  if (stocks) return stocks;
  const full = readClosePanelCsv(STOCKS20_GZ);
  const { start, end } = rowsBetween(full.time, '2010-01-01', '2014-12-31');
  return (stocks = { time: full.time.subarray(start, end), symbols: full.symbols, close: full.close.map((c) => c.subarray(start, end)) });
}

/** Daily bars from a close series: open = the previous close (the first bar opens at its close). */
export function barsFromCloses(symbol: string, time: Float64Array, close: Float64Array): Bars {
  const open = Float64Array.from(close, (c, t) => (t === 0 ? c : close[t - 1]!));
  return {
    symbol, time, open, close,
    high: Float64Array.from(close, (c, t) => Math.max(c, open[t]!)), low: Float64Array.from(close, (c, t) => Math.min(c, open[t]!)),
    volume: new Float64Array(close.length).fill(1e6),
  };
}

/** A portfolio panel: a few symbols of stocks20. */
export function panelOf(symbols: readonly string[]): ClosePanel {
  const p = stocks20();
  return { time: p.time, symbols: [...symbols], close: symbols.map((s) => p.close[p.symbols.indexOf(s)]!) };
}
