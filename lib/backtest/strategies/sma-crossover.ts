// The moving-average crossover as an event-driven Strategy: long (a target weight of equity) from
// the bar after the fast average crosses above the slow one, flat after it crosses back. The same
// object runs in runEventBacktest and, bar by bar, in StreamingEngine: what is backtested trades.
import { SmaState } from '../../features/moving-average';
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import type { IndicatorHandle, Strategy, TrailingStop } from '../event/types';

export const DEFAULT_SMA_CROSSOVER_WEIGHT = 1;

export interface SmaCrossoverOptions {
  readonly asset: string;
  readonly fast: number;
  readonly slow: number;
  /** Target weight of equity while long (DEFAULT_SMA_CROSSOVER_WEIGHT). */
  readonly weight?: number;
  /** Stop-loss as a fraction below the entry fill, attached to every entry. */
  readonly stopLoss?: number;
  readonly trailingStop?: TrailingStop;
  /** No order before this bar (the indicators still warm up on earlier bars). */
  readonly tradeFrom?: number;
}

const KEYS = ['asset', 'fast', 'slow', 'weight', 'stopLoss', 'trailingStop', 'tradeFrom'] as const;

export function smaCrossover(options: SmaCrossoverOptions): Strategy {
  rejectUnknownOptions('options', options, KEYS);
  const { asset, fast: fastWindow, slow: slowWindow } = options;
  if (typeof asset !== 'string' || asset.length === 0) throw new InvalidArgumentError('options.asset', asset, 'must be a non-empty string', "pass the bars' symbol, e.g. 'SPX'");
  for (const [name, w] of [['fast', fastWindow], ['slow', slowWindow]] as const) {
    if (!(Number.isInteger(w) && w >= 1)) throw new InvalidArgumentError(`options.${name}`, w, 'must be a positive integer', 'pass a window in bars, e.g. 10');
  }
  if (fastWindow >= slowWindow) throw new InvalidArgumentError('options.fast', fastWindow, `must be below slow (${slowWindow})`, 'swap them, or pick a shorter fast window');
  const weight = options.weight ?? DEFAULT_SMA_CROSSOVER_WEIGHT;
  if (!(weight > 0 && Number.isFinite(weight))) throw new InvalidArgumentError('options.weight', weight, 'must be a positive number', 'pass 1 to invest all equity, 0.5 for half');
  if (options.stopLoss !== undefined && !(options.stopLoss > 0 && options.stopLoss < 1)) {
    throw new InvalidArgumentError('options.stopLoss', options.stopLoss, 'must be a fraction in (0, 1)', 'pass e.g. 0.05 for 5% below the entry');
  }
  const tradeFrom = options.tradeFrom ?? 0;
  let fast: IndicatorHandle, slow: IndicatorHandle;
  return {
    init(ctx) {
      fast = ctx.indicator(asset, new SmaState(fastWindow));
      slow = ctx.indicator(asset, new SmaState(slowWindow));
    },
    onBar(ctx) {
      if (ctx.bar < tradeFrom) return;
      const f0 = fast.value(0), f1 = fast.value(1), s0 = slow.value(0), s1 = slow.value(1);
      const held = ctx.portfolio.position(asset) !== 0 || ctx.openOrders(asset).some((o) => o.role === 'order');
      if (f1 < s1 && f0 > s0 && !held) {
        ctx.order({
          asset, targetWeight: weight,
          ...(options.stopLoss !== undefined ? { stopLoss: { fraction: options.stopLoss } } : {}),
          ...(options.trailingStop !== undefined ? { trailingStop: options.trailingStop } : {}),
        });
      } else if (s1 < f1 && s0 > f0 && ctx.portfolio.position(asset) !== 0) {
        ctx.closePosition(asset);
      }
    },
  };
}
