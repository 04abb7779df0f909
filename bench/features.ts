// Feature kernels on 20 symbols x 8,313 daily bars (the skfolio 20-stock universe installed by set-up):
// the whole default feature set, and indicator by indicator next to TA-Lib's C (through its Python
// wrapper, timed in Python in the same run: bench/peers/talib_features.py) and next to
// technicalindicators, the most used JavaScript/TypeScript indicator library on npm.
// The universe has adjusted closes only: open = previous close, high/low = max/min(open, close)
// widened by a seeded random fraction, volume seeded log-normal. Kernel cost does not depend on the
// values, and both sides read the very same float64 arrays.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ti from 'technicalindicators';
import {
  computeFeatures, createFeatureRegistry, createRng, defaultFeatureSet, projectPath, readClosePanelCsv, writeFileAtomic,
  type Bars, type FeatureRegistry,
} from 'quantlab';
import { median, result, type Benchmark, type BenchResult } from './types';
import { runPeer } from './dataset';

const WARMUP = 3, REPEATS = 11;

export function benchUniverse(): Bars[] {
  const panel = readClosePanelCsv(projectPath('data', 'stocks20.csv.gz'));
  const rng = createRng(20_261_129);
  return panel.symbols.map((symbol, s) => {
    const close = panel.close[s]!;
    const n = close.length;
    const open = new Float64Array(n), high = new Float64Array(n), low = new Float64Array(n), volume = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const o = t === 0 ? close[0]! : close[t - 1]!, c = close[t]!;
      open[t] = o;
      high[t] = Math.max(o, c) * (1 + 0.01 * rng.uniform());
      low[t] = Math.min(o, c) * (1 - 0.01 * rng.uniform());
      volume[t] = Math.round(1e6 * Math.exp(0.5 * rng.normal()));
    }
    return { symbol, time: panel.time, open, high, low, close, volume };
  });
}

function timeIt(fn: () => void, warmup = WARMUP, repeats = REPEATS): number {
  for (let i = 0; i < warmup; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** Our side of each compared indicator (a registry kind and its parameters) and the technicalindicators call. */
interface Indicator {
  readonly kind: string;
  readonly params: Record<string, unknown>;
  readonly js?: (b: { open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] }) => unknown;
}
const INDICATORS: Readonly<Record<string, Indicator>> = {
  sma20: { kind: 'sma', params: { window: 20 }, js: (b) => ti.SMA.calculate({ period: 20, values: b.close }) },
  ema20: { kind: 'ema', params: { window: 20 }, js: (b) => ti.EMA.calculate({ period: 20, values: b.close }) },
  wma20: { kind: 'wma', params: { period: 20 }, js: (b) => ti.WMA.calculate({ period: 20, values: b.close }) },
  rsi14: { kind: 'rsi', params: { period: 14 }, js: (b) => ti.RSI.calculate({ period: 14, values: b.close }) },
  macd: { kind: 'macd', params: {}, js: (b) => ti.MACD.calculate({ values: b.close, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }) },
  bbands20: { kind: 'bbands', params: { window: 20 }, js: (b) => ti.BollingerBands.calculate({ period: 20, stdDev: 2, values: b.close }) },
  atr14: { kind: 'atr', params: { period: 14 }, js: (b) => ti.ATR.calculate({ period: 14, high: b.high, low: b.low, close: b.close }) },
  adx14: { kind: 'adx', params: { period: 14 }, js: (b) => ti.ADX.calculate({ period: 14, high: b.high, low: b.low, close: b.close }) },
  stoch: { kind: 'stoch', params: { fastKPeriod: 14, slowKPeriod: 3, slowDPeriod: 3 }, js: (b) => ti.Stochastic.calculate({ period: 14, signalPeriod: 3, high: b.high, low: b.low, close: b.close }) },
  willr14: { kind: 'willr', params: { period: 14 }, js: (b) => ti.WilliamsR.calculate({ period: 14, high: b.high, low: b.low, close: b.close }) },
  cci20: { kind: 'cci', params: { period: 20 }, js: (b) => ti.CCI.calculate({ period: 20, high: b.high, low: b.low, close: b.close }) },
  mfi14: { kind: 'mfi', params: { period: 14 }, js: (b) => ti.MFI.calculate({ period: 14, high: b.high, low: b.low, close: b.close, volume: b.volume }) },
  roc10: { kind: 'roc', params: { period: 10 }, js: (b) => ti.ROC.calculate({ period: 10, values: b.close }) },
  trix15: { kind: 'trix', params: { period: 15 }, js: (b) => ti.TRIX.calculate({ period: 15, values: b.close }) },
  sar: { kind: 'sar', params: {}, js: (b) => ti.PSAR.calculate({ step: 0.02, max: 0.2, high: b.high, low: b.low }) },
  obv: { kind: 'obv', params: {}, js: (b) => ti.OBV.calculate({ close: b.close, volume: b.volume }) },
  ad: { kind: 'ad', params: {}, js: (b) => ti.ADL.calculate({ high: b.high, low: b.low, close: b.close, volume: b.volume }) },
  stochrsi: { kind: 'stochrsi', params: { period: 14, fastKPeriod: 5, fastDPeriod: 3 } },
  dema20: { kind: 'dema', params: { period: 20 } },
  tema20: { kind: 'tema', params: { period: 20 } },
  kama10: { kind: 'kama', params: { period: 10 } },
  apo: { kind: 'apo', params: {} },
  ppo: { kind: 'ppo', params: {} },
  mom10: { kind: 'mom', params: { period: 10 } },
  cmo14: { kind: 'cmo', params: { period: 14 } },
  ultosc: { kind: 'ultosc', params: {} },
  aroon14: { kind: 'aroon', params: { period: 14 } },
  bop: { kind: 'bop', params: {} },
  stddev20: { kind: 'stddev', params: { window: 20 } },
  natr14: { kind: 'natr', params: { period: 14 } },
  trange: { kind: 'trange', params: {} },
  adosc: { kind: 'adosc', params: {} },
  linreg_slope14: { kind: 'linearreg_slope', params: { window: 14 } },
};

/** Keys of the default set's features that TA-Lib also computes (the peer's share of the set). */
const SET_TALIB_KEYS = ['sma20', 'ema20', 'rsi14', 'macd', 'bbands20', 'atr14', 'natr14', 'adx14', 'stoch', 'willr14', 'cci20', 'mfi14', 'roc10', 'mom10', 'sar', 'obv', 'cmo14', 'ultosc', 'aroon14', 'trix15', 'kama10', 'linreg_slope14', 'adosc'];

interface Peer { ms: Record<string, number>; set_ms: number; versions: string }
interface Shared { universe: Bars[]; registry: FeatureRegistry; peer: Peer; bars: number }
let shared: Shared | undefined;

function setup(): Shared {
  if (shared) return shared;
  const universe = benchUniverse();
  const n = universe[0]!.time.length;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-bench-features-'));
  const flat = new Float64Array(universe.length * 5 * n);
  universe.forEach((b, s) => [b.open, b.high, b.low, b.close, b.volume].forEach((col, j) => flat.set(col, (s * 5 + j) * n)));
  writeFileAtomic(path.join(dir, 'bars.f64'), new Uint8Array(flat.buffer));
  writeFileAtomic(path.join(dir, 'meta.json'), JSON.stringify({ symbols: universe.length, n }));
  try {
    const peer = runPeer<Peer>('talib_features.py', [dir, String(WARMUP), String(REPEATS), Object.keys(INDICATORS).join(',')]);
    const peerSet = runPeer<Peer>('talib_features.py', [dir, String(WARMUP), String(REPEATS), SET_TALIB_KEYS.join(',')]);
    shared = { universe, registry: createFeatureRegistry(), peer: { ...peer, set_ms: peerSet.set_ms }, bars: n };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return shared;
}

export const featureSetBench: Benchmark = {
  name: 'features-default-set',
  async run(): Promise<BenchResult> {
    const { universe, registry, peer, bars } = setup();
    const set = defaultFeatureSet(registry);
    let columns = 0;
    const ms = timeIt(() => { for (const b of universe) columns = computeFeatures(b, set, registry).columns.length; });
    return result(
      `default feature set (${set.features.length} features, ${columns} columns), ${universe.length} symbols x ${bars} bars`, ms,
      `TA-Lib on its ${SET_TALIB_KEYS.length} features of the set (${peer.versions})`, peer.set_ms,
      `median of ${REPEATS} after ${WARMUP} warm-up, one core; goal < 100 ms for the whole set; the peer computes only the TA-Lib share of the set (no calendar, Ichimoku, range volatilities, lags, VWAP, Keltner)`,
    );
  },
};

/** The same TA-Lib share of the set on both sides: the like-for-like figure for the set. */
export const featureSetTalibShareBench: Benchmark = {
  name: 'features-talib-share',
  async run(): Promise<BenchResult> {
    const { universe, registry, peer, bars } = setup();
    const kinds = SET_TALIB_KEYS.map((key) => {
      const ind = INDICATORS[key]!;
      const kind = registry.get(ind.kind);
      return { kind, params: kind.params(ind.params, key) };
    });
    const ms = timeIt(() => { for (const b of universe) for (const { kind, params } of kinds) kind.batch(b, params); });
    return result(
      `TA-Lib share of the default set (${SET_TALIB_KEYS.length} features), ${universe.length} symbols x ${bars} bars`, ms,
      `TA-Lib, the same ${SET_TALIB_KEYS.length} features (${peer.versions})`, peer.set_ms,
      `median of ${REPEATS} after ${WARMUP} warm-up, one core; like for like: the same indicators and parameters on both sides`,
    );
  },
};

function indicatorBench(key: string, peerKind: 'talib' | 'technicalindicators'): Benchmark {
  return {
    name: `indicator-${key}-vs-${peerKind}`,
    async run(): Promise<BenchResult> {
      const { universe, registry, peer, bars } = setup();
      const ind = INDICATORS[key]!;
      const kind = registry.get(ind.kind);
      const params = kind.params(ind.params, key);
      const ours = timeIt(() => { for (const b of universe) kind.batch(b, params); });
      const label = `${key} (${ind.kind}), ${universe.length} symbols x ${bars} bars`;
      if (peerKind === 'talib') {
        return result(label, ours, `TA-Lib C via Python (${peer.versions})`, peer.ms[key]!, `median of ${REPEATS} after ${WARMUP} warm-up; goal: within 2x of TA-Lib`);
      }
      const arrays = universe.map((b) => ({ open: Array.from(b.open), high: Array.from(b.high), low: Array.from(b.low), close: Array.from(b.close), volume: Array.from(b.volume) }));
      const js = timeIt(() => { for (const a of arrays) ind.js!(a); }, 2, 5);
      return result(label, ours, 'technicalindicators 3.1.0 (npm)', js, 'median of 5 after 2 warm-up for the peer (number[] inputs prepared outside the timing)');
    },
  };
}

export const featureBenchmarks: readonly Benchmark[] = [
  featureSetBench,
  featureSetTalibShareBench,
  ...Object.keys(INDICATORS).map((k) => indicatorBench(k, 'talib')),
  ...Object.entries(INDICATORS).filter(([, v]) => v.js).map(([k]) => indicatorBench(k, 'technicalindicators')),
];
