// The event-driven engine, fed one bar per asset at a time. A backtest is this same engine fed
// in a loop (runEventBacktest), so what a strategy did in the backtest is exactly what it does
// live: same object, same calls, same order log.
//
// One push of bar t, in order:
//   1. the bar joins each asset's history (nothing later exists anywhere in the engine);
//   2. orders placed before t fill: market orders at the open (fillModel 'nextOpen'), then
//      price-triggered orders and attached exits, gaps at the open first, then inside the range
//      (stop-loss before take-profit when both are reached: the pessimistic reading); with
//      'nextClose', market orders at t's close;
//   3. ATR and trailing stops take in bar t; day/ioc/n-bar orders that ran out are retired;
//   4. positions are marked at the close; the drawdown breaker is checked;
//   5. indicators registered in init are updated, then strategy.onBar(ctx) runs;
//   6. with 'sameClose', market orders placed in this onBar fill at t's close.
import type { Bars } from '../../data/bars';
import { AtrState } from '../../features/true-range';
import type { BarValues, FeatureKind, FeatureStream } from '../../features/kind';
import { InvalidArgumentError } from '../../util/errors';
import { rejectUnknownOptions } from '../../util/options';
import { Broker } from './broker';
import { resolveOptions, type ResolvedOptions } from './config';
import { BarHistory, IndicatorSeries } from './history';
import { checkRequest } from './requests';
import type {
  AssetHistory, BarSource, BreakerTrip, EventBacktestResult, IndicatorHandle, OrderLogEntry, EventOrderRecord, OrderRequest, PairOrder,
  PortfolioView, StrategyContext, Strategy, StreamingEngineOptions,
} from './types';

interface Feed {
  readonly a: number;
  readonly series: IndicatorSeries;
  readonly state?: { update(x: number): number };
  readonly source?: BarSource;
  readonly stream?: FeatureStream;
}

const SOURCES: readonly BarSource[] = ['open', 'high', 'low', 'close', 'volume'];

export class StreamingEngine {
  readonly assets: readonly string[];
  private readonly cfg: ResolvedOptions;
  private readonly broker: Broker;
  private readonly index = new Map<string, number>();
  private readonly histories: BarHistory[];
  private readonly atrStates: AtrState[];
  private readonly feeds: Feed[] = [];
  private readonly scratch: { time: number; open: number; high: number; low: number; close: number; volume: number }[];
  private readonly trips: BreakerTrip[] = [];
  private readonly ctx: StrategyContext;
  private bar = -1;
  private time = Number.NaN;
  private inInit = false;
  private peak: number;
  private tripBar = -1;
  private capacity: number;
  private equitySeries: Float64Array;
  private cashSeries: Float64Array;
  private timeSeries: Float64Array;
  private positionSeries: Float64Array;

  constructor(readonly strategy: Strategy, options: StreamingEngineOptions) {
    this.cfg = resolveOptions(options, 'options', ['assets', 'capacity']);
    const assets = checkAssets(options.assets);
    const capacity = options.capacity ?? 256;
    if (!Number.isInteger(capacity) || capacity < 1) throw new InvalidArgumentError('options.capacity', capacity, 'must be a whole number >= 1', 'pass the number of bars you expect, or leave it out');
    if (strategy === null || typeof strategy !== 'object' || typeof strategy.onBar !== 'function') {
      throw new InvalidArgumentError('strategy', strategy, 'must be an object with an onBar(ctx) method (and optionally init(ctx))', 'pass e.g. { onBar(ctx) { ... } }');
    }
    this.assets = assets;
    assets.forEach((s, a) => this.index.set(s, a));
    this.capacity = capacity;
    this.histories = assets.map((s) => new BarHistory(s, capacity));
    this.atrStates = assets.map(() => new AtrState(this.cfg.atrPeriod));
    this.scratch = assets.map(() => ({ time: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 }));
    this.broker = new Broker(assets, this.cfg);
    this.peak = this.cfg.initialCash;
    this.equitySeries = new Float64Array(capacity);
    this.cashSeries = new Float64Array(capacity);
    this.timeSeries = new Float64Array(capacity);
    this.positionSeries = new Float64Array(capacity * assets.length);
    this.ctx = this.makeContext();
    if (strategy.init) {
      this.inInit = true;
      try { strategy.init(this.ctx); } finally { this.inInit = false; }
    }
  }

  /**
   * Feeds the next bar of every asset: an array aligned with `assets`, or an object keyed by
   * asset (an asset left out has no bar this time). Returns the order events this bar produced.
   */
  push(bars: readonly (BarValues | undefined)[] | Readonly<Record<string, BarValues | undefined>>): OrderLogEntry[] {
    const isArray = Array.isArray(bars);
    if (bars === null || typeof bars !== 'object') throw new InvalidArgumentError('bars', bars, 'must be an array of bars aligned with the assets or an object keyed by asset', 'pass e.g. [{ time, open, high, low, close, volume }]');
    if (isArray && bars.length !== this.assets.length) {
      throw new InvalidArgumentError('bars', bars, `has ${bars.length} bars for ${this.assets.length} assets`, 'pass one bar per asset, in the order of options.assets (undefined where an asset has none)');
    }
    if (!isArray) {
      for (const key of Object.keys(bars)) if (!this.index.has(key)) throw new InvalidArgumentError(`bars.${key}`, (bars as Record<string, unknown>)[key], "is not one of the engine's assets", `use only ${this.assets.join(', ')}`);
    }
    let time = Number.NaN;
    const rows = this.assets.map((asset, a) => {
      const bar = isArray ? (bars as readonly (BarValues | undefined)[])[a] : (bars as Record<string, BarValues | undefined>)[asset];
      if (bar === undefined) return undefined;
      const where = isArray ? `bars[${a}]` : `bars.${asset}`;
      checkBar(where, bar);
      if (time !== time) time = bar.time;
      else if (bar.time !== time) throw new InvalidArgumentError(`${where}.time`, bar.time, `differs from the other bars' time ${time}`, 'push the bars of one timestamp together');
      return bar;
    });
    if (time !== time) throw new InvalidArgumentError('bars', bars, 'holds no bar', 'pass at least one asset\'s bar');
    if (this.bar >= 0 && !(time > this.time)) throw new InvalidArgumentError('bars.time', time, `is not after the previous bar's time ${this.time}`, 'push bars in strictly increasing time order');
    rows.forEach((bar, a) => {
      if (bar === undefined) this.histories[a]!.append(time, NaN, NaN, NaN, NaN, NaN);
      else this.histories[a]!.append(time, bar.open, bar.high, bar.low, bar.close, bar.volume);
    });
    this.broker.log = [];
    this.step(time);
    const log = this.broker.log;
    this.broker.log = undefined;
    return log;
  }

  /** Feeds bar t of aligned, already validated Bars (the backtest's loop; no per-bar objects). */
  pushColumns(data: readonly Bars[], t: number): void {
    const time = data[0]!.time[t]!;
    for (let a = 0; a < data.length; a++) {
      const b = data[a]!;
      this.histories[a]!.append(time, b.open[t]!, b.high[t]!, b.low[t]!, b.close[t]!, b.volume[t]!);
    }
    this.step(time);
  }

  /** The run so far: series, trades, open lots and the order log. */
  result(): EventBacktestResult {
    const n = this.bar + 1;
    const m = this.assets.length;
    const equity = this.equitySeries.slice(0, n);
    const returns = new Float64Array(n);
    let previous = this.cfg.initialCash;
    for (let t = 0; t < n; t++) { returns[t] = equity[t]! / previous - 1; previous = equity[t]!; }
    const b = this.broker;
    return {
      assets: [...this.assets], initialCash: this.cfg.initialCash,
      time: this.timeSeries.slice(0, n), equity, cash: this.cashSeries.slice(0, n), returns,
      positions: this.positionSeries.slice(0, n * m),
      trades: [...b.ledger.trades], tradeAssets: [...b.ledger.tradeAssets], openLots: b.ledger.openLots(),
      orders: structuredClone(b.records), breakerTrips: [...this.trips],
      finalEquity: n > 0 ? equity[n - 1]! : this.cfg.initialCash,
    };
  }

  private step(time: number): void {
    const t = ++this.bar;
    this.time = time;
    const b = this.broker;
    b.bar = t;
    b.time = time;
    const m = this.assets.length;
    for (let a = 0; a < m; a++) {
      const h = this.histories[a]!;
      const o = h.open(0);
      b.open[a] = o; b.high[a] = h.high(0); b.low[a] = h.low(0); b.close[a] = h.close(0); b.volume[a] = h.volume(0);
      b.tradable[a] = o === o ? 1 : 0;
      if (o === o) b.mark[a] = o;
      b.usedVolume[a] = 0;
    }
    const model = this.cfg.fillModel;
    if (b.hasWorkingOrders) {
      if (model === 'nextOpen') b.marketPass(b.open, true);
      b.triggeredPass(true);
      b.triggeredPass(false);
      if (model === 'nextClose') { this.markAtClose(); b.marketPass(b.close, false); }
    }
    for (let a = 0; a < m; a++) b.atr[a] = this.atrStates[a]!.update(b.high[a]!, b.low[a]!, b.close[a]!);
    b.updateTrailing();
    if (model !== 'sameClose') b.housekeeping();
    this.markAtClose();
    this.checkBreaker(t);
    this.updateFeeds();
    this.strategy.onBar(this.ctx);
    if (model === 'sameClose' && b.hasWorkingOrders) { b.marketPass(b.close, false); b.housekeeping(); }
    this.record(t);
  }

  private markAtClose(): void {
    const b = this.broker;
    for (let a = 0; a < this.assets.length; a++) { const c = b.close[a]!; if (c === c) b.mark[a] = c; }
  }

  /**
   * Drawdown circuit breaker: when equity at a close is maxDrawdown below its running peak, every
   * working order is cancelled, every position gets a market order to flat (filled per the fill
   * model) and new strategy orders are rejected. Re-arm policy: with rearmAfterBars = n, trading
   * resumes at the close n bars after the trip and the peak restarts from equity then (so the
   * old peak cannot trip it again at once); without it the account stays halted to the end.
   */
  private checkBreaker(t: number): void {
    const breaker = this.cfg.breaker;
    if (!breaker) return;
    const b = this.broker;
    const equity = b.equity();
    if (b.halted) {
      if (breaker.rearmAfterBars === undefined || t - this.tripBar < breaker.rearmAfterBars) return;
      b.halted = false;
      this.peak = equity;
      return;
    }
    if (equity > this.peak) this.peak = equity;
    if (equity > this.peak * (1 - breaker.maxDrawdown)) return;
    this.trips.push({ bar: t, time: this.time, equity, peak: this.peak });
    b.halted = true;
    this.tripBar = t;
    const reason = `drawdown circuit breaker: equity ${equity.toFixed(2)} is ${((1 - equity / this.peak) * 100).toFixed(2)}% below its peak ${this.peak.toFixed(2)}`;
    b.flattenAll(reason, (a) => {
      b.submit(checkRequest({ asset: this.assets[a]!, targetQuantity: 0 }, 'close', () => true, this.assets), a, 'circuitBreaker', {}, true);
    });
  }

  private updateFeeds(): void {
    for (const f of this.feeds) {
      const h = this.histories[f.a]!;
      if (f.state) {
        f.series.push([f.state.update(h[f.source!](0))]);
      } else {
        const bar = this.scratch[f.a]!;
        bar.time = h.time(0); bar.open = h.open(0); bar.high = h.high(0); bar.low = h.low(0); bar.close = h.close(0); bar.volume = h.volume(0);
        f.series.push(f.stream!.update(bar));
      }
    }
  }

  private record(t: number): void {
    if (t >= this.capacity) this.grow();
    const b = this.broker;
    const m = this.assets.length;
    this.equitySeries[t] = b.equity();
    this.cashSeries[t] = b.cash;
    this.timeSeries[t] = this.time;
    this.positionSeries.set(b.position, t * m);
  }

  private grow(): void {
    const bigger = (x: Float64Array): Float64Array => { const y = new Float64Array(x.length * 2); y.set(x); return y; };
    this.capacity *= 2;
    this.equitySeries = bigger(this.equitySeries);
    this.cashSeries = bigger(this.cashSeries);
    this.timeSeries = bigger(this.timeSeries);
    this.positionSeries = bigger(this.positionSeries);
  }

  private assetIndex(argument: string, asset: unknown): number {
    const a = typeof asset === 'string' ? this.index.get(asset) : undefined;
    if (a === undefined) throw new InvalidArgumentError(argument, asset, "is not one of the engine's assets", `use one of ${this.assets.slice(0, 10).join(', ')}${this.assets.length > 10 ? ', ...' : ''}`);
    return a;
  }

  private submit(request: OrderRequest, argument: string, role: 'order' | 'close' | 'pairLeg' = 'order', links: { linkedId?: number } = {}): number {
    const checked = checkRequest(request, argument, (s) => this.index.has(s), this.assets);
    if (this.inInit) throw new InvalidArgumentError(argument, request, 'was placed inside init, before any bar exists', 'place orders in onBar');
    return this.broker.submit(checked, this.index.get(checked.request.asset)!, role, links);
  }

  private register(a: number, name: string, outputs: number, feed: Omit<Feed, 'a' | 'series'>): IndicatorHandle {
    if (!this.inInit) throw new InvalidArgumentError(name, this.bar, 'can only be registered in init (it would miss the bars already seen)', 'register indicators in strategy.init(ctx)');
    const series = new IndicatorSeries(name, outputs, this.capacity);
    this.feeds.push({ a, series, ...feed });
    return series;
  }

  private makeContext(): StrategyContext {
    const engine = this;
    const b = this.broker;
    const portfolio: PortfolioView = {
      get cash() { return b.cash; },
      get equity() { return b.equity(); },
      position: (asset) => b.position[engine.assetIndex('asset', asset)]!,
      value(asset) { const a = engine.assetIndex('asset', asset); const p = b.position[a]!; return p === 0 ? 0 : p * b.mark[a]!; },
      weight(asset) { return this.value(asset) / b.equity(); },
      positions() {
        const out: Record<string, number> = {};
        engine.assets.forEach((s, a) => { if (b.position[a] !== 0) out[s] = b.position[a]!; });
        return out;
      },
    };
    return {
      assets: this.assets,
      get bar() { return engine.bar; },
      get time() { return engine.time; },
      get halted() { return b.halted; },
      portfolio,
      data: (asset): AssetHistory => this.histories[this.assetIndex('asset', asset)]!,
      atr: (asset) => b.atr[this.assetIndex('asset', asset)]!,
      indicator: (asset, state, source = 'close') => {
        const a = this.assetIndex('asset', asset);
        if (state === null || typeof state !== 'object' || typeof state.update !== 'function') throw new InvalidArgumentError('state', state, 'must have an update(x) method returning a number', 'pass e.g. new SmaState(20)');
        if (!SOURCES.includes(source)) throw new InvalidArgumentError('source', source, `must be one of ${SOURCES.join(', ')}`, "pass 'close'");
        return this.register(a, `indicator(${asset})`, 1, { state, source });
      },
      feature: <P extends object>(asset: string, kind: FeatureKind<P>, params: Partial<P> = {}) => {
        const a = this.assetIndex('asset', asset);
        const full = kind.params(params, 'params');
        return this.register(a, `${kind.kind}(${asset})`, kind.outputs(full).length, { stream: kind.stream(full) });
      },
      buy: (request) => this.submit(positiveQuantity(request, 'buy', 1), 'request'),
      sell: (request) => this.submit(positiveQuantity(request, 'sell', -1), 'request'),
      order: (request) => this.submit(request, 'request'),
      orderSignal: (asset, signal, extra = {}) => {
        const sizer = this.cfg.sizer;
        if (!sizer) throw new InvalidArgumentError('options.sizer', undefined, 'is not set, so orderSignal cannot size', 'pass a sizer, e.g. fixedFractionSizer(0.1), or use order() with a size');
        if (typeof signal !== 'number' || !Number.isFinite(signal)) throw new InvalidArgumentError('signal', signal, 'must be a finite number', 'pass e.g. 1 (long), -1 (short), 0 (flat)');
        const decision = sizer(this.ctx, asset, signal);
        return this.submit({ ...extra, ...decision, asset }, 'sizer decision');
      },
      closePosition: (asset) => this.submit({ asset, targetQuantity: 0 }, 'closePosition', 'close'),
      orderPair: (pair) => this.orderPair(pair),
      cancel: (id) => b.cancel(id, 'cancelled by the strategy'),
      openOrders: (asset): EventOrderRecord[] => b.workingRecords(asset === undefined ? -1 : this.assetIndex('asset', asset)),
    };
  }

  private orderPair(pair: PairOrder): [number, number] {
    rejectUnknownOptions('pair', pair, ['y', 'x', 'hedgeRatio', 'units', 'tag']);
    this.assetIndex('pair.y', pair.y);
    this.assetIndex('pair.x', pair.x);
    if (pair.y === pair.x) throw new InvalidArgumentError('pair.x', pair.x, 'is the same asset as pair.y', 'pass two different assets');
    if (typeof pair.hedgeRatio !== 'number' || !Number.isFinite(pair.hedgeRatio) || pair.hedgeRatio === 0) throw new InvalidArgumentError('pair.hedgeRatio', pair.hedgeRatio, 'must be a finite non-zero number', 'pass the units of x per unit of y, e.g. 0.8');
    if (typeof pair.units !== 'number' || !Number.isFinite(pair.units) || pair.units === 0) throw new InvalidArgumentError('pair.units', pair.units, 'must be a finite non-zero number', 'pass units of y, > 0 to buy the spread');
    const tag = pair.tag ?? `pair ${pair.y}/${pair.x}`;
    const y = this.submit({ asset: pair.y, quantity: pair.units, tag }, 'pair', 'pairLeg');
    const x = this.submit({ asset: pair.x, quantity: -pair.hedgeRatio * pair.units, tag }, 'pair', 'pairLeg', { linkedId: y });
    this.broker.link(y, x);
    return [y, x];
  }
}

function positiveQuantity(request: OrderRequest, verb: 'buy' | 'sell', sign: 1 | -1): OrderRequest {
  if (request === null || typeof request !== 'object') throw new InvalidArgumentError('request', request, 'must be an order request object', `pass e.g. ${verb}({ asset: 'SPY', quantity: 10 })`);
  if (request.targetWeight !== undefined || request.targetQuantity !== undefined) {
    throw new InvalidArgumentError('request', request, `${verb}() takes a quantity, not a target`, 'use order({ asset, targetWeight }) for targets');
  }
  const q = request.quantity;
  if (typeof q !== 'number' || !Number.isFinite(q) || q <= 0) throw new InvalidArgumentError('request.quantity', q, `must be a finite number > 0 for ${verb}()`, `pass the units to ${verb}; use order() for a signed quantity`);
  return { ...request, quantity: sign * q };
}

function checkAssets(assets: unknown): readonly string[] {
  if (!Array.isArray(assets) || assets.length === 0 || !assets.every((s) => typeof s === 'string' && s.length > 0)) {
    throw new InvalidArgumentError('options.assets', assets, 'must be a non-empty array of asset names', "pass e.g. ['SPY', 'QQQ']");
  }
  const seen = new Set<string>();
  for (const s of assets as string[]) {
    if (seen.has(s)) throw new InvalidArgumentError('options.assets', assets, `names ${s} twice`, 'give each asset one unique name');
    seen.add(s);
  }
  return [...(assets as string[])];
}

/** A pushed bar: finite time; prices all finite and positive, or all NaN (no trading). */
function checkBar(where: string, bar: BarValues): void {
  if (bar === null || typeof bar !== 'object') throw new InvalidArgumentError(where, bar, 'must be a bar { time, open, high, low, close, volume }', 'pass one bar object per asset');
  if (typeof bar.time !== 'number' || !Number.isFinite(bar.time)) throw new InvalidArgumentError(`${where}.time`, bar.time, 'must be a finite timestamp (epoch ms)', 'pass e.g. Date.parse("2024-01-02")');
  const missing = [bar.open, bar.high, bar.low, bar.close].every((v) => Number.isNaN(v));
  if (missing) return;
  for (const key of ['open', 'high', 'low', 'close'] as const) {
    const v = bar[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new InvalidArgumentError(`${where}.${key}`, v, 'must be a finite positive price (or all four prices NaN for no bar)', 'repair the bar or send NaN prices when the asset did not trade');
  }
  if (typeof bar.volume !== 'number' || bar.volume < 0) throw new InvalidArgumentError(`${where}.volume`, bar.volume, 'must be a number >= 0 (NaN when unknown)', 'pass the bar volume');
}
