// The simulated broker: cash, positions, working orders and their fills. The engine tells it
// where a bar's prices are; it decides, order by order, what fills at which price, what the
// account can afford, and logs every status change. Per bar the work is O(assets + working
// orders); objects are created only for orders, fills and log events.
import { commissionFor } from '../costs/commission';
import { fillCapacity, slippedPrice } from '../costs/slippage';
import type { ResolvedOptions } from './config';
import { limitFillPrice, stopFillPrice, stopLimitFill } from './fills';
import { Ledger } from './ledger';
import { newRecord, type CheckedRequest } from './requests';
import type { ExitLevel, OrderLogEntry, EventOrderRecord, OrderRole, OrderStatus, TrailingStop } from './types';
import { clampExposure, roundLot, WorkingOrder, type MutableRecord } from './working';

const CRUMB = 1e-9;

export class Broker {
  cash: number;
  readonly position: Float64Array;
  /** Latest price per asset: the open while a bar's open-time orders fill, then its close. */
  readonly mark: Float64Array;
  readonly tradable: Uint8Array;
  readonly usedVolume: Float64Array;
  /** Wilder ATR as of the last completed bar (read by ATR trailing stops). */
  readonly atr: Float64Array;
  // The current bar's columns, written by the engine before each pass.
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly records: EventOrderRecord[] = [];
  readonly ledger: Ledger;
  bar = -1;
  time = Number.NaN;
  halted = false;
  /** Events of the current push, when the engine collects them. */
  log: OrderLogEntry[] | undefined;
  private contingent: WorkingOrder[] = [];
  private regular: WorkingOrder[] = [];
  private readonly byId = new Map<number, WorkingOrder>();
  private nextId = 1;

  constructor(readonly assets: readonly string[], readonly cfg: ResolvedOptions) {
    const n = assets.length;
    this.cash = cfg.initialCash;
    this.position = new Float64Array(n);
    this.mark = new Float64Array(n).fill(Number.NaN);
    this.tradable = new Uint8Array(n);
    this.usedVolume = new Float64Array(n);
    this.atr = new Float64Array(n).fill(Number.NaN);
    this.open = new Float64Array(n); this.high = new Float64Array(n); this.low = new Float64Array(n);
    this.close = new Float64Array(n); this.volume = new Float64Array(n);
    this.ledger = new Ledger(assets);
  }

  get hasWorkingOrders(): boolean {
    return this.regular.length > 0 || this.contingent.length > 0;
  }

  /** cash + Σ position × mark, with asset `a` marked at `price` when given. */
  equity(a = -1, price = 0): number {
    let e = this.cash;
    const pos = this.position, mark = this.mark;
    for (let i = 0; i < pos.length; i++) if (pos[i] !== 0) e += pos[i]! * (i === a ? price : mark[i]!);
    return e;
  }

  /** Places a checked request; returns its id. A halted account rejects it at once. */
  submit(checked: CheckedRequest, a: number, role: OrderRole, links: { linkedId?: number } = {}, bypassHalt = false): number {
    const id = this.nextId++;
    const side = this.sideOf(checked, a);
    const record = newRecord(id, this.assets[a]!, role, checked, side === 0 ? 1 : side, this.bar, this.time, links) as MutableRecord;
    this.records.push(record);
    this.emit(record, record.events[0]!);
    const activeFrom = checked.type === 'market' && this.cfg.fillModel === 'sameClose' ? this.bar : this.bar + 1;
    const order = new WorkingOrder(id, a, record, side === 0 ? 1 : side, checked.type, checked.sizing, checked.amount, checked.limit, checked.stop, checked.tif, activeFrom, false);
    if (this.halted && !bypassHalt) {
      this.finish(order, 'rejected', 'trading halted by the drawdown circuit breaker');
    } else if (side === 0) {
      this.finish(order, 'cancelled', 'nothing to trade: the position is already at the target');
    } else {
      const brackets = checked.request;
      if (brackets.stopLoss || brackets.takeProfit || brackets.trailingStop) order.children = [];
      this.regular.push(order);
      this.byId.set(id, order);
    }
    return id;
  }

  /** Records that order `id` has a partner (a pair's other leg). */
  link(id: number, linkedId: number): void {
    // Ids are handed out in the order records are stored, from 1.
    (this.records[id - 1] as { linkedId?: number }).linkedId = linkedId;
  }

  cancel(id: number, reason: string): boolean {
    const order = this.byId.get(id);
    if (!order || order.done) return false;
    this.finish(order, 'cancelled', reason);
    return true;
  }

  /** Copies of the working orders' records, of one asset (index) or all. */
  workingRecords(a = -1): EventOrderRecord[] {
    const out: EventOrderRecord[] = [];
    for (const list of [this.contingent, this.regular]) {
      for (const o of list) if (!o.done && (a < 0 || o.a === a)) out.push(structuredClone(o.record));
    }
    return out;
  }

  /** Market orders due at this bar fill at `prices` (the open or the close). */
  marketPass(prices: Float64Array, atOpen: boolean): void {
    const t = this.bar;
    for (const o of this.regular) {
      if (o.done || o.type !== 'market' || o.activeFrom > t || !this.tradable[o.a]) continue;
      this.tryFill(o, prices[o.a]!, atOpen);
    }
    this.compact();
  }

  /**
   * Price-triggered orders against the bar's range: first those the open already satisfies (the
   * open trades before anything else in the bar), then those reached inside the bar. Exits
   * attached to positions go before new limit/stop orders.
   */
  triggeredPass(atOpenOnly: boolean): void {
    const t = this.bar;
    for (const list of [this.contingent, this.regular]) {
      for (const o of list) {
        if (o.done || o.type === 'market' || o.activeFrom > t || !this.tradable[o.a]) continue;
        const a = o.a;
        const op = this.open[a]!, hi = this.high[a]!, lo = this.low[a]!;
        let price: number;
        if (o.type === 'limit') price = limitFillPrice(o.side, o.limit, op, hi, lo, atOpenOnly);
        else if (o.type === 'stop') price = stopFillPrice(o.side, o.stop, op, hi, lo, atOpenOnly);
        else {
          const [p, triggered] = stopLimitFill(o.side, o.stop, o.limit, o.triggered, op, hi, lo, atOpenOnly);
          o.triggered = triggered;
          price = p;
        }
        if (price === price) this.tryFill(o, price, false);
      }
    }
    this.compact();
  }

  /** After the bar: trailing stops take in its extreme and the updated ATR. */
  updateTrailing(): void {
    const t = this.bar;
    for (const o of this.contingent) {
      if (o.done || o.trail === undefined) continue;
      if (o.activeFrom <= t && this.tradable[o.a]) {
        o.best = o.side === -1 ? Math.max(o.best, this.high[o.a]!) : Math.min(o.best, this.low[o.a]!);
      }
      o.stop = this.trailLevel(o.trail, o.side, o.best, o.a);
    }
  }

  /** Time in force: counts the bars each order could fill on and retires the ones that ran out. */
  housekeeping(): void {
    const t = this.bar;
    for (const o of this.regular) {
      if (o.done || o.activeFrom > t || !this.tradable[o.a]) continue;
      o.eligibleBars++;
      const tif = o.tif;
      if (tif === 'ioc') this.finish(o, 'cancelled', 'ioc: the unfilled rest is cancelled after its first bar');
      else if (tif === 'day') this.finish(o, 'expired', 'day order not filled on its bar');
      else if (typeof tif === 'object' && o.eligibleBars >= tif.bars) this.finish(o, 'expired', `not filled within ${tif.bars} bar(s)`);
    }
    this.compact();
  }

  /** Cancels every working order and sends market orders that flatten every position. */
  flattenAll(reason: string, submitClose: (a: number) => void): void {
    for (const list of [this.contingent, this.regular]) for (const o of list) if (!o.done) this.finish(o, 'cancelled', reason);
    this.compact();
    for (let a = 0; a < this.position.length; a++) if (this.position[a] !== 0) submitClose(a);
  }

  /** Buy or sell, from the request (targets: against the position at the latest price). */
  private sideOf(checked: CheckedRequest, a: number): 1 | -1 | 0 {
    if (checked.sizing === 'quantity') return checked.amount > 0 ? 1 : -1;
    const pos = this.position[a]!;
    const price = this.mark[a]!;
    let target = checked.amount;
    if (checked.sizing === 'weight') {
      // Before the asset's first price only the weight's sign can tell.
      if (price !== price) return target > 0 ? 1 : target < 0 ? -1 : pos > 0 ? -1 : pos < 0 ? 1 : 0;
      target = (checked.amount * this.equity()) / price;
    }
    const delta = target - pos;
    return delta > 0 ? 1 : delta < 0 ? -1 : 0;
  }

  private tryFill(o: WorkingOrder, raw: number, atOpen: boolean): void {
    const a = o.a;
    const cfg = this.cfg;
    const pos = this.position[a]!;
    let q: number;
    if (o.contingent) {
      if (pos * o.side >= 0) return this.finish(o, 'cancelled', 'position closed');
      q = o.side * Math.min(o.remaining, Math.abs(pos));
    } else if (o.sizing === 'quantity') {
      q = o.side * o.remaining;
    } else {
      const target = o.sizing === 'weight' ? (o.amount * this.equity(a, raw)) / raw : o.amount;
      q = target - pos;
      if (q * o.side <= 0) return this.finish(o, 'cancelled', 'nothing to trade: the position is already at the target');
    }
    q = roundLot(q, cfg.lotSize);
    if (q === 0) return this.finish(o, 'cancelled', `less than one lot (${cfg.lotSize}) left to trade`);
    const wanted = Math.abs(q);

    const vol = this.volume[a]!;
    const room = fillCapacity(cfg.slippage, vol) - this.usedVolume[a]!;
    if (Math.abs(q) > room) {
      q = roundLot(Math.sign(q) * Math.max(0, room), cfg.lotSize);
      if (q === 0) return; // no volume left in this bar: keep working
    }
    const notes: string[] = [];
    if (!cfg.allowShort && pos + q < 0) {
      const capped = -Math.max(pos, 0);
      if (capped === 0) return this.finish(o, 'rejected', 'short selling is disabled (options.allowShort = false)');
      notes.push(`reduced from ${q} to ${capped}: short selling is disabled`);
      q = capped;
    }
    let price = this.fillPrice(o, raw, q, vol);
    const requested = q;
    q = this.capPosition(a, pos, q, price);
    if (q === 0) return this.finish(o, 'rejected', 'position limit (options.maxPosition) reached');
    if (q !== requested) notes.push(`reduced from ${requested} to ${q}: position limit (options.maxPosition)`);
    const affordable = this.capBuyingPower(a, pos, q, price);
    if (affordable !== q) {
      if (cfg.insufficientCash === 'reject' || affordable === 0) {
        return this.finish(o, 'rejected', `insufficient buying power for ${q} at ${price} (equity ${round(this.equity(a, price))}, cash ${round(this.cash)}, max leverage ${cfg.maxLeverage})`);
      }
      notes.push(`reduced from ${q} to ${affordable}: insufficient buying power`);
      q = affordable;
    }
    // A limit cut (shorting, position, buying power) would cut the rest too: the order ends here.
    const reduced = notes.length > 0;
    if (reduced) price = this.fillPrice(o, raw, q, vol);
    this.applyFill(o, q, wanted, price, notes, reduced, atOpen);
  }

  private fillPrice(o: WorkingOrder, raw: number, q: number, volume: number): number {
    const p = slippedPrice(this.cfg.slippage, raw, q, volume);
    if (o.type !== 'limit' && o.type !== 'stopLimit') return p;
    // Slippage never takes a limit order through its limit.
    return o.side === 1 ? Math.min(p, o.limit) : Math.max(p, o.limit);
  }

  private capPosition(a: number, pos: number, q: number, price: number): number {
    const cfg = this.cfg;
    if (cfg.maxQuantity === Infinity && cfg.maxWeight === Infinity) return q;
    const cap = Math.min(cfg.maxQuantity, (cfg.maxWeight * this.equity(a, price)) / price);
    return roundLot(clampExposure(pos, q, Math.max(0, cap)), cfg.lotSize);
  }

  /**
   * The largest part of q the account can carry: after a fill that adds exposure, gross exposure
   * (Σ |position| × price) must stay within maxLeverage × equity net of the fill's commission.
   * Commission models are non-decreasing in |q|, so the bound found with q's commission holds
   * for any smaller q.
   */
  private capBuyingPower(a: number, pos: number, q: number, price: number): number {
    const next = pos + q;
    if (Math.abs(next) <= Math.abs(pos) && next * pos >= 0) return q;
    const cfg = this.cfg;
    let others = 0;
    for (let i = 0; i < this.position.length; i++) if (i !== a && this.position[i] !== 0) others += Math.abs(this.position[i]! * this.mark[i]!);
    const commission = commissionFor(cfg.commission, q, price);
    const room = cfg.maxLeverage * (this.equity(a, price) - commission) - others;
    if (Math.abs(next) * price <= room) return q;
    const maxSize = Math.max(0, room / price);
    const bound = next * pos > 0 ? Math.max(maxSize, Math.abs(pos)) : maxSize;
    return roundLot(Math.sign(next) * bound - pos, cfg.lotSize);
  }

  private applyFill(o: WorkingOrder, q: number, wanted: number, price: number, notes: string[], reduced: boolean, atOpen: boolean): void {
    const a = o.a;
    const commission = commissionFor(this.cfg.commission, q, price);
    const pos = this.position[a]!;
    this.cash -= q * price + commission;
    let next = pos + q;
    if (Math.abs(next) <= CRUMB * Math.abs(q)) next = 0;
    this.position[a] = next;
    this.usedVolume[a]! += Math.abs(q);
    this.ledger.fill(a, q, price, commission, this.bar, this.time);
    const r = o.record;
    const before = Math.abs(r.filledQuantity);
    r.filledQuantity += q;
    r.averagePrice = before === 0 ? price : (r.averagePrice! * before + price * Math.abs(q)) / (before + Math.abs(q));
    r.commission += commission;
    // A target resolved at its first fill becomes a fixed quantity for the fills that follow.
    if (o.sizing !== 'quantity') { o.sizing = 'quantity'; o.remaining = wanted; }
    o.remaining -= Math.abs(q);
    const complete = reduced || o.remaining <= CRUMB * Math.abs(q);
    const status: OrderStatus = complete ? 'filled' : 'partiallyFilled';
    r.status = status;
    const event = { bar: this.bar, time: this.time, status, quantity: q, price, commission, ...(notes.length ? { reason: notes.join('; ') } : {}) };
    r.events.push(event);
    this.emit(r, event);
    if (complete) { o.done = true; this.byId.delete(o.id); }
    if (o.children) this.attachExits(o, pos, q, price, atOpen);
    // Exits whose position is gone (or flipped) are cancelled: one-cancels-other.
    for (const c of this.contingent) {
      if (!c.done && c.a === a && next * c.side >= 0) this.finish(c, 'cancelled', 'position closed');
    }
  }

  /** Creates (or grows, on later partial fills) the exits attached to an entry's opened units. */
  private attachExits(parent: WorkingOrder, pos: number, q: number, price: number, atOpen: boolean): void {
    const next = pos + q;
    // Only the units that open or add to a position get exits; a flip's closing part has none.
    const opened = pos * q >= 0 ? Math.abs(q) : next * q > 0 ? Math.abs(next) : 0;
    if (opened === 0) return;
    const children = parent.children!;
    if (children.length > 0) {
      for (const c of children) if (!c.done) c.remaining += opened;
      return;
    }
    const side: 1 | -1 = next > 0 ? -1 : 1;
    const req = parent.record;
    const activeFrom = atOpen ? this.bar : this.bar + 1;
    const make = (role: OrderRole, type: 'stop' | 'limit', level: number, trail?: TrailingStop): void => {
      const id = this.nextId++;
      const record: MutableRecord = {
        id, asset: this.assets[parent.a]!, role, parentId: parent.id, type, side: side > 0 ? 'buy' : 'sell', quantity: side * opened,
        ...(type === 'limit' ? { limitPrice: level } : level === level ? { stopPrice: level } : {}),
        timeInForce: 'gtc', ...(trail ? { trailingStop: trail } : {}), ...(req.tag !== undefined ? { tag: req.tag } : {}),
        submittedBar: this.bar, submittedTime: this.time, status: 'submitted', filledQuantity: 0, averagePrice: null, commission: 0,
        events: [{ bar: this.bar, time: this.time, status: 'submitted' }],
      };
      this.records.push(record);
      this.emit(record, record.events[0]!);
      const child = new WorkingOrder(id, parent.a, record, side, type, 'quantity', side * opened, type === 'limit' ? level : Number.NaN, type === 'stop' ? level : Number.NaN, 'gtc', activeFrom, true, trail);
      if (trail) child.best = price;
      children.push(child);
      this.contingent.push(child);
      this.byId.set(id, child);
    };
    const long = side === -1;
    if (req.stopLoss) make('stopLoss', 'stop', exitLevel(req.stopLoss, price, long ? -1 : 1));
    if (req.takeProfit) make('takeProfit', 'limit', exitLevel(req.takeProfit, price, long ? 1 : -1));
    if (req.trailingStop) make('trailingStop', 'stop', this.trailLevel(req.trailingStop, side, price, parent.a), req.trailingStop);
  }

  private trailLevel(trail: TrailingStop, side: 1 | -1, best: number, a: number): number {
    // side −1 sells out of a long: the stop sits below the best (highest) price.
    if ('fraction' in trail) return side === -1 ? best * (1 - trail.fraction) : best * (1 + trail.fraction);
    const distance = trail.atrMultiple * this.atr[a]!;
    return side === -1 ? best - distance : best + distance;
  }

  private finish(o: WorkingOrder, status: OrderStatus, reason: string): void {
    o.done = true;
    this.byId.delete(o.id);
    const r = o.record;
    // A partly filled order keeps its fills; its final status says what happened to the rest.
    r.status = status;
    const event = { bar: this.bar, time: this.time, status, reason };
    r.events.push(event);
    this.emit(r, event);
  }

  private emit(r: EventOrderRecord, event: EventOrderRecord['events'][number]): void {
    if (this.log) this.log.push({ orderId: r.id, asset: r.asset, ...event });
  }

  private compact(): void {
    if (this.regular.some((o) => o.done)) this.regular = this.regular.filter((o) => !o.done);
    if (this.contingent.some((o) => o.done)) this.contingent = this.contingent.filter((o) => !o.done);
  }
}

/** A stop-loss or take-profit level from an entry fill; `direction` +1 above the entry, −1 below. */
function exitLevel(level: ExitLevel, entry: number, direction: 1 | -1): number {
  return 'price' in level ? level.price : entry * (1 + direction * level.fraction);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
