// The event-driven engine against backtesting.py 0.6.6, timed in Python in the same run
// (bench/peers/backtesting_py.py).
// (a) 20 assets x 1,260 daily bars (the last five years of the skfolio 20-stock universe, OHLCV
//     synthesised from closes as in bench/features.ts), one shared-cash portfolio: SMA(10/30)
//     crossover per asset sized by fixedFractionSizer(0.05), 5% stop-loss and 3-ATR trailing
//     stop, per-share commission. No multi-asset peer exists; backtesting.py is single-asset, so
//     the peer is 20 separate backtesting.py runs of the same rules (its TrailingStrategy ATR).
// (b) SMA(10/20) crossover on the S&P 500 sample (5,030 bars), the configuration the test suite
//     checks trade for trade against backtesting.py.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  projectPath, readBarsCsv, sliceBars, writeFileAtomic, SmaState, perShareCommission, perTradeCommission,
  fixedFractionSizer, runEventBacktest, type Bars, type IndicatorHandle, type Strategy,
} from 'quantlab';
import { median, result, timeMedian, type Benchmark } from './types';
import { runPeer } from './dataset';
import { benchUniverse } from './features';

const WARMUP = 5, REPEATS = 21, YEARS = 5, BARS = 252 * YEARS;

type Peer = { universe: { ms: number[]; trades: number }; sma: { ms: number[]; trades: number; final: number }; versions: string };
let peerCache: Peer | undefined;
let universeCache: Bars[] | undefined;
const sp500Path = (): string => projectPath('data', 'sp500.csv.gz');

function universe(): Bars[] {
  return (universeCache ??= benchUniverse().map((b) => sliceBars(b, b.time.length - BARS)));
}

function peer(): Peer {
  if (peerCache) return peerCache;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-bench-'));
  try {
    const file = path.join(dir, 'universe.json');
    const u = universe();
    const col = (x: Float64Array) => Array.from(x);
    writeFileAtomic(file, JSON.stringify({
      time: col(u[0]!.time), sp500: sp500Path(),
      assets: u.map((b) => ({ open: col(b.open), high: col(b.high), low: col(b.low), close: col(b.close), volume: col(b.volume) })),
    }));
    peerCache = runPeer<Peer>('backtesting_py.py', [file, String(WARMUP), String(REPEATS)]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return peerCache;
}

function crossStrategy(assets: readonly string[], fastWindow: number, slowWindow: number, enter: (ctx: Parameters<Strategy['onBar']>[0], asset: string) => void): Strategy {
  const fast: IndicatorHandle[] = [], slow: IndicatorHandle[] = [];
  return {
    init(ctx) {
      for (const s of assets) { fast.push(ctx.indicator(s, new SmaState(fastWindow))); slow.push(ctx.indicator(s, new SmaState(slowWindow))); }
    },
    onBar(ctx) {
      for (let i = 0; i < assets.length; i++) {
        const f = fast[i]!, s = slow[i]!, asset = assets[i]!;
        if (f.value(1) < s.value(1) && f.value() > s.value()) {
          if (ctx.portfolio.position(asset) === 0) enter(ctx, asset);
        } else if (f.value(1) > s.value(1) && f.value() < s.value() && ctx.portfolio.position(asset) !== 0) {
          ctx.closePosition(asset);
        }
      }
    },
  };
}

const timeIt = (run: () => number): { ms: number; out: number } => timeMedian(WARMUP, REPEATS, run);

export const eventBacktestUniverse: Benchmark = {
  name: 'event-backtest-20x5y',
  async run() {
    const data = universe();
    const p = peer();
    const symbols = data.map((b) => b.symbol);
    const options = { initialCash: 1_000_000, sizer: fixedFractionSizer(0.05), commission: perShareCommission(), lotSize: 1 };
    const enter = (ctx: Parameters<Strategy['onBar']>[0], asset: string) => { ctx.orderSignal(asset, 1, { stopLoss: { fraction: 0.05 }, trailingStop: { atrMultiple: 3 } }); };
    const { ms, out } = timeIt(() => runEventBacktest(crossStrategy(symbols, 10, 30, enter), data, options).trades.length);
    return result(
      `event engine, ${data.length} assets x ${BARS} bars, stops + sizing`, ms, `backtesting.py x ${data.length} single-asset runs (${p.versions})`, median(p.universe.ms),
      `no multi-asset peer: backtesting.py is single-asset, so the peer is ${data.length} separate runs of the same rules (its TrailingStrategy ATR trailing stop); ` +
        `ours is one shared-cash portfolio; median of ${REPEATS} after ${WARMUP} warm-up (peer: ${p.universe.ms.length} timings); round trips ours ${out}, peer ${p.universe.trades}`,
    );
  },
};

export const eventBacktestSmaCross: Benchmark = {
  name: 'event-backtest-sma-cross',
  async run() {
    const bars = readBarsCsv(sp500Path(), { symbol: 'SPX' });
    const p = peer();
    const options = { initialCash: 1_000_000, commission: perTradeCommission({ fee: 10 }), lotSize: 1, insufficientCash: 'reject' as const };
    const enter = (ctx: Parameters<Strategy['onBar']>[0], asset: string) => { ctx.buy({ asset, quantity: Math.floor((0.99 * ctx.portfolio.equity) / ctx.data(asset).close()) }); };
    let final = 0;
    const { ms, out } = timeIt(() => {
      const r = runEventBacktest(crossStrategy(['SPX'], 10, 20, enter), bars, options);
      final = r.finalEquity;
      return r.trades.length;
    });
    return result(
      `event engine, SMA 10/20 cross, S&P 500 n=${bars.time.length}`, ms, `backtesting.py Backtest.run (${p.versions})`, median(p.sma.ms),
      `median of ${REPEATS} after ${WARMUP} warm-up; trades ours ${out} vs backtesting.py ${p.sma.trades}; final equity ours ${final.toFixed(2)} vs ${p.sma.final.toFixed(2)} ` +
        `(backtesting.py's time includes its statistics, computed inside run())`,
    );
  },
};

export const eventBacktestBenchmarks: readonly Benchmark[] = [eventBacktestUniverse, eventBacktestSmaCross];
