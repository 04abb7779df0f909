// Boundary behaviour of backtestMetrics and the kernels: every bad input names the argument, the
// value and the fix; absent inputs give NaN (null in JSON); inputs are never mutated; the report
// is cheap enough to run after every backtest of a parameter sweep.
import { describe, expect, it } from 'vitest';
import {
  backtestMetrics, beta, sharpeRatio, stabilityOfTimeseries, tradeStatistics, valueAtRisk, type TradeRecord,
} from '../../../lib/backtest/performance';
import { createRng } from '../../../lib/util/random';

const R = Float64Array.from([0.01, -0.02, 0.015]);
const TRADE: TradeRecord = { entryTime: 0, exitTime: 86_400_000, entryPrice: 10, exitPrice: 11, quantity: 5, pnl: 5, returnPct: 0.1, barsHeld: 1 };

function rejects(f: () => unknown, message: string | RegExp): void {
  expect(f).toThrow(message);
}

describe('backtestMetrics rejects bad input with the argument, the value and the fix', () => {
  it('input object and its fields', () => {
    rejects(() => backtestMetrics(R as never), 'input = array of length 3: must be an object with a returns field. Fix: call backtestMetrics({ returns }) with the per-period returns as a Float64Array');
    rejects(() => backtestMetrics({ returns: R, benchmarks: R } as never), 'input.benchmarks = array of length 3: is not a known option. Fix: use only: returns, equity, benchmark, trades, positions, turnover');
    rejects(() => backtestMetrics({ returns: [0.01, 0.02] as never }), 'input.returns = array of length 2: must be a Float64Array. Fix: convert with Float64Array.from(values)');
    rejects(() => backtestMetrics({ returns: new Float64Array(0) }), 'input.returns = array of length 0: is empty. Fix: pass at least one period return');
    rejects(() => backtestMetrics({ returns: Float64Array.from([0.01, -Infinity]) }), 'input.returns[1] = -Infinity: is infinite. Fix: check the price series for a zero price');
  });

  it('series that are not aligned with returns', () => {
    const short = Float64Array.from([0.01, 0.02]);
    rejects(() => backtestMetrics({ returns: R, benchmark: short }), 'input.benchmark = array of length 2: has length 2 but returns has length 3. Fix: pass one benchmark return per bar, aligned with returns');
    rejects(() => backtestMetrics({ returns: R, benchmark: [0, 0, 0] as never }), 'input.benchmark = array of length 3: must be a Float64Array');
    rejects(() => backtestMetrics({ returns: R, benchmark: Float64Array.from([0, Infinity, 0]) }), 'input.benchmark[1] = Infinity: is infinite. Fix: check the benchmark price series for a zero price');
    rejects(() => backtestMetrics({ returns: R, positions: short }), 'input.positions = array of length 2: has length 2 but returns has length 3. Fix: pass one position per bar, aligned with returns');
    rejects(() => backtestMetrics({ returns: R, equity: short }), 'input.equity = array of length 2: has length 2 but returns has length 3. Fix: pass one equity value per bar');
    rejects(() => backtestMetrics({ returns: R, equity: Float64Array.from([1, NaN, 1]) }), 'input.equity[1] = NaN: must be finite. Fix: pass the equity curve the engine produced, in currency');
    rejects(() => backtestMetrics({ returns: R, turnover: -1 }), 'input.turnover = -1: must be a finite number >= 0. Fix: pass the total one-way turnover, or leave it out to derive it from positions');
  });

  it('options', () => {
    rejects(() => backtestMetrics({ returns: R }, { annualization: 252 } as never), 'options.annualization = 252: is not a known option. Fix: use only: periodsPerYear, riskFree, varLevel, trials, trialSharpeVariance, stabilityMethod');
    rejects(() => backtestMetrics({ returns: R }, { varLevel: 95 }), 'options.varLevel = 95: must lie strictly between 0 and 1. Fix: pass a confidence level such as 0.95 or 0.99 (not a percentage)');
    rejects(() => backtestMetrics({ returns: R }, { varLevel: 0 }), /^options.varLevel = 0: must lie strictly between 0 and 1/);
    rejects(() => backtestMetrics({ returns: R }, { varLevel: 1 }), /^options.varLevel = 1: must lie strictly between 0 and 1/);
    rejects(() => backtestMetrics({ returns: R }, { trials: 0 }), 'options.trials = 0: must be an integer >= 1. Fix: pass the number of strategy variants tried (1 when this is the only one)');
    rejects(() => backtestMetrics({ returns: R }, { trials: 2.5 }), /^options.trials = 2.5: must be an integer >= 1/);
    rejects(() => backtestMetrics({ returns: R }, { trialSharpeVariance: -0.1 }), 'options.trialSharpeVariance = -0.1: must be a finite number >= 0. Fix: pass the variance of the per-period Sharpe ratios across the trials, or leave it out');
    rejects(() => backtestMetrics({ returns: R }, { periodsPerYear: 0 }), 'options.periodsPerYear = 0: must be a positive number. Fix: pass 252 for daily bars, 52 weekly, 12 monthly');
    rejects(() => backtestMetrics({ returns: R }, { riskFree: NaN }), 'options.riskFree = NaN: must be a finite per-period return. Fix: pass e.g. 0.02 / 252 for 2% a year on daily bars');
    rejects(() => backtestMetrics({ returns: R }, { stabilityMethod: 'r2' as never }), `options.stabilityMethod = "r2": is not a stability method. Fix: pass 'rSquared' (empyrical) or 'signedRSquared'`);
  });

  it('trade records', () => {
    rejects(() => backtestMetrics({ returns: R, trades: TRADE as never }), /^trades = .*: must be an array of trade records. Fix: pass the trades list the backtest engine returned \(or omit it\)/);
    rejects(() => backtestMetrics({ returns: R, trades: [TRADE, null as never] }), /^trades\[1\] = null: must be a trade record. Fix: pass objects with entryTime, exitTime/);
    const { pnl: _pnl, ...noPnl } = TRADE;
    rejects(() => backtestMetrics({ returns: R, trades: [TRADE, noPnl as never] }), 'trades[1].pnl = undefined: must be a finite number. Fix: fill pnl on every trade record');
    rejects(() => tradeStatistics([{ ...TRADE, returnPct: NaN }]), 'trades[0].returnPct = NaN: must be a finite number');
    rejects(() => tradeStatistics([{ ...TRADE, quantity: 0 }]), 'trades[0].quantity = 0: is 0. Fix: record the signed size traded: > 0 long, < 0 short');
    rejects(() => tradeStatistics([{ ...TRADE, barsHeld: 1.5 }]), 'trades[0].barsHeld = 1.5: must be an integer >= 0. Fix: pass the number of bars from entry to exit');
    rejects(() => tradeStatistics([{ ...TRADE, exitTime: -1 }]), 'trades[0].exitTime = -1: is before entryTime 0. Fix: swap or fix the timestamps');
    rejects(() => tradeStatistics([{ ...TRADE, commission: '1' as never }]), 'trades[0].commission = "1": must be a finite number when given. Fix: pass the commission in currency, or leave it out');
  });

  it('kernels check their own arguments', () => {
    rejects(() => sharpeRatio([0.01, 0.02] as never), 'returns = array of length 2: must be a Float64Array. Fix: convert with Float64Array.from(values)');
    rejects(() => sharpeRatio(R, { riskfree: 0 } as never), 'options.riskfree = 0: is not a known option. Fix: use only: periodsPerYear, riskFree');
    rejects(() => valueAtRisk(R, { level: 5 }), 'options.level = 5: must lie strictly between 0 and 1. Fix: pass a confidence level such as 0.95 or 0.99 (not a percentage)');
    rejects(() => beta(R, Float64Array.from([0.01, 0.02])), 'benchmark = array of length 2: has length 2 but returns has length 3. Fix: pass one benchmark return per bar, aligned with returns (NaN where it has none)');
    rejects(() => stabilityOfTimeseries(R, { method: 'kRatio' as never }), `options.method = "kRatio": is not a stability method`);
  });
});

describe('absent and degenerate inputs', () => {
  it('statistics whose input is absent are NaN, and null in JSON', () => {
    const m = backtestMetrics({ returns: R });
    const absent = [
      'alpha', 'beta', 'informationRatio', 'trackingError', 'tradeCount', 'winRate', 'profitFactor', 'payoffRatio',
      'expectancy', 'sqn', 'bestTrade', 'worstTrade', 'averageHoldingBars', 'kellyFraction', 'totalCommission', 'exposure',
      'averageGrossExposure', 'turnover', 'equityFinal', 'equityPeak',
    ] as const;
    for (const k of absent) expect(m[k], k).toBeNaN();
    expect(Number.isFinite(m.sharpe) && Number.isFinite(m.totalReturn)).toBe(true);
    const json = JSON.parse(JSON.stringify(m)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(Object.keys(m));
    expect(json.beta).toBeNull();
    expect(json.sharpe).toBe(m.sharpe);
    expect(Object.values(m).every((v) => typeof v === 'number')).toBe(true); // flat: no nested objects
  });

  it('one return, and returns that are all NaN, give NaN moments rather than throwing', () => {
    const one = backtestMetrics({ returns: Float64Array.from([0.01]) });
    expect(one.totalReturn).toBeCloseTo(0.01, 15);
    for (const k of ['sharpe', 'annualVolatility', 'skew', 'kurtosis', 'probabilisticSharpe', 'deflatedSharpe', 'ulcerIndex'] as const) expect(one[k], k).toBeNaN();
    const empty = backtestMetrics({ returns: Float64Array.from([NaN, NaN, NaN]) });
    expect(empty.observations).toBe(0);
    expect(empty.totalReturn).toBe(0); // NaN compounds as a 0 return, as empyrical
    expect(empty.maxDrawdown).toBe(0);
    for (const k of ['sharpe', 'valueAtRisk', 'tailRatio', 'stability', 'bestPeriod'] as const) expect(empty[k], k).toBeNaN();
  });
});

describe('speed', () => {
  it('backtestMetrics on 5,000 returns with a benchmark, positions and 500 trades', () => {
    const rng = createRng(7);
    const n = 5000;
    const returns = Float64Array.from({ length: n }, () => 0.0003 + 0.01 * rng.normal());
    const benchmark = Float64Array.from({ length: n }, (_, t) => 0.8 * returns[t]! + 0.005 * rng.normal());
    const positions = Float64Array.from({ length: n }, (_, t) => (Math.floor(t / 10) % 2 === 0 ? 1 : 0));
    const trades: TradeRecord[] = Array.from({ length: 500 }, (_, i) => {
      const ret = 0.03 * rng.normal();
      return { entryTime: i * 10 * 86_400_000, exitTime: (i * 10 + 5) * 86_400_000, entryPrice: 100, exitPrice: 100 * (1 + ret), quantity: 10, pnl: 1000 * ret, returnPct: ret, barsHeld: 5 };
    });
    const input = { returns, benchmark, positions, trades };
    const options = { trials: 20, trialSharpeVariance: 0.0004 };
    for (let i = 0; i < 20; i++) backtestMetrics(input, options); // warm up the JIT
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const start = performance.now();
      backtestMetrics(input, options);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[25]!;
    console.log(`backtestMetrics, 5,000 returns + 500 trades: median ${median.toFixed(3)} ms, min ${times[0]!.toFixed(3)} ms`);
    // Target is well under 5 ms; the bound leaves room for a loaded shared machine.
    expect(median).toBeLessThan(20);
  });
});
