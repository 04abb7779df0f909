// A small hand-built market for the engine's worked examples, and a strategy that places given
// orders at given bars. Daily bars from 2024-01-01 (UTC).
import type { Bars } from '../../../lib/data/bars';
import { runEventBacktest, type EngineOptions, type EventBacktestResult, type StrategyContext } from '../../../lib/backtest/event';

/** open, high, low, close, volume per bar. */
export const ROWS: readonly (readonly number[])[] = [
  [100, 101, 99, 100, 1000], // 0
  [102, 104, 101, 103, 1000], // 1
  [103, 106, 102, 105, 1000], // 2
  [104, 105, 98, 99, 1000], // 3
  [97, 99, 95, 96, 1000], // 4 gap down
  [96, 100, 95, 99, 1000], // 5
  [101, 103, 100, 102, 1000], // 6 gap up
  [102, 108, 101, 107, 1000], // 7
];

export const day = (i: number): number => Date.UTC(2024, 0, 1 + i);

export function scenarioBars(symbol = 'X', rows: readonly (readonly number[])[] = ROWS): Bars {
  const col = (k: number): Float64Array => Float64Array.from(rows, (r) => r[k]!);
  return { symbol, time: Float64Array.from(rows, (_, i) => day(i)), open: col(0), high: col(1), low: col(2), close: col(3), volume: col(4) };
}

export type Steps = Record<number, (ctx: StrategyContext, ids: Record<string, number>) => void>;

/** Runs a strategy that calls steps[t](ctx, ids) at bar t; ids collects what the steps store. */
export function runSteps(steps: Steps, options: EngineOptions = {}, data: Bars | Bars[] = scenarioBars()): { result: EventBacktestResult; ids: Record<string, number> } {
  const ids: Record<string, number> = {};
  const result = runEventBacktest({ onBar(ctx) { steps[ctx.bar]?.(ctx, ids); } }, data, options);
  return { result, ids };
}

export function orderOf(result: EventBacktestResult, id: number) {
  const o = result.orders.find((r) => r.id === id);
  if (!o) throw new Error(`no order ${id}`);
  return o;
}

/** The statuses an order went through, e.g. ['submitted', 'filled']. */
export function statuses(result: EventBacktestResult, id: number): string[] {
  return orderOf(result, id).events.map((e) => e.status);
}
