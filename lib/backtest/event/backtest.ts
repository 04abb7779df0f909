// A backtest is the streaming engine fed the bars in a loop: the strategy cannot tell a replay
// from a live feed, and nothing it does here could not be done live.
import { assertBars, type Bars } from '../../data/bars';
import { InvalidArgumentError } from '../../util/errors';
import { StreamingEngine } from './engine';
import type { EngineOptions, EventBacktestResult, Strategy } from './types';

/**
 * Runs `strategy` over one asset's bars or several assets' bars on one shared calendar (same
 * time column; an asset without a bar at some time has NaN prices there and does not trade).
 */
export function runEventBacktest(strategy: Strategy, data: Bars | readonly Bars[], options: EngineOptions = {}): EventBacktestResult {
  const list = checkData(data);
  if (options !== null && typeof options === 'object' && ('assets' in options || 'capacity' in options)) {
    const key = 'assets' in options ? 'assets' : 'capacity';
    throw new InvalidArgumentError(`options.${key}`, (options as Record<string, unknown>)[key], 'is set by runEventBacktest from the data', 'leave it out; the assets are the bars\' symbols');
  }
  const n = list[0]!.time.length;
  const engine = new StreamingEngine(strategy, { ...options, assets: list.map((b) => b.symbol), capacity: n });
  for (let t = 0; t < n; t++) engine.pushColumns(list, t);
  return engine.result();
}

function checkData(data: Bars | readonly Bars[]): readonly Bars[] {
  const list = Array.isArray(data) ? (data as readonly Bars[]) : [data as Bars];
  if (list.length === 0) throw new InvalidArgumentError('data', data, 'holds no assets', 'pass one Bars or an array of Bars');
  const first = list[0]!;
  list.forEach((bars, i) => {
    const where = Array.isArray(data) ? `data[${i}]` : 'data';
    const n = assertBars(bars, where);
    if (n === 0) throw new InvalidArgumentError(`${where}.time`, bars.time, 'is empty', 'pass at least one bar');
    if (i > 0) {
      if (n !== first.time.length || bars.time.some((x, t) => x !== first.time[t])) {
        throw new InvalidArgumentError(`${where}.time`, bars.time, `is not the same calendar as data[0] (${first.symbol})`, 'align the assets on one time column first (NaN prices where an asset has no bar)');
      }
      if (list.slice(0, i).some((b) => b.symbol === bars.symbol)) throw new InvalidArgumentError(`${where}.symbol`, bars.symbol, 'is used by an earlier asset', 'give each asset a unique symbol');
    }
    checkPrices(where, bars);
  });
  for (let t = 1; t < first.time.length; t++) {
    if (!(first.time[t]! > first.time[t - 1]!)) throw new InvalidArgumentError(`data.time[${t}]`, first.time[t], 'is not after the previous timestamp', 'sort the bars by time and drop duplicates');
  }
  return list;
}

/** Prices are finite and positive, or all four NaN on a bar the asset did not trade. */
function checkPrices(where: string, bars: Bars): void {
  const { open, high, low, close } = bars;
  for (let t = 0; t < open.length; t++) {
    const o = open[t]!, h = high[t]!, l = low[t]!, c = close[t]!;
    if (o > 0 && h > 0 && l > 0 && c > 0 && o < Infinity && h < Infinity && l < Infinity && c < Infinity) continue;
    if (o !== o && h !== h && l !== l && c !== c) continue;
    const [key, value] = !(o > 0 && o < Infinity) ? ['open', o] : !(h > 0 && h < Infinity) ? ['high', h] : !(l > 0 && l < Infinity) ? ['low', l] : ['close', c];
    throw new InvalidArgumentError(`${where}.${key}[${t}]`, value, 'must be a finite positive price (or open, high, low and close all NaN where the asset has no bar)', 'repair or drop the bar; validateBars lists such problems');
  }
}
