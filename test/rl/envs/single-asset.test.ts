// The single-asset trading environment: its equity equals the event-driven backtester's for the
// same positions and costs, its observations never hold data after their bar, it passes
// checkEnv bare, wrapped and vectorized, and bad options fail with argument, value and fix.
import { describe, expect, it } from 'vitest';
import { bpsCommission, fixedBpsSlippage, perTradeCommission, sumCommissions, volumeShareSlippage } from '../../../lib/backtest/costs';
import { runEventBacktest } from '../../../lib/backtest/event';
import { targetWeightsStrategy } from '../../../lib/backtest/strategies/target-weights';
import { sliceBars } from '../../../lib/data/bars';
import { computeFeatures } from '../../../lib/features/registry';
import { featureRegistry } from '../../../lib/features/catalog';
import {
  ActionMasking, checkEnv, FrameStack, NormalizeObservation, NormalizeReward, RecordEpisodeStatistics, SingleAssetTradingEnv,
  SyncVectorEnv, TimeLimit, type SingleAssetTradingOptions,
} from '../../../lib/rl';
import { FEATURES, spx, stickyActions } from './trading-fixtures';

const COSTS = { commission: sumCommissions(bpsCommission({ bps: 10 }), perTradeCommission({ fee: 1 })), slippage: fixedBpsSlippage({ bps: 5 }) };

function env(extra: Partial<SingleAssetTradingOptions> = {}): SingleAssetTradingEnv {
  return new SingleAssetTradingEnv({ bars: spx(), featureSet: FEATURES, window: 5, episodeLength: 200, ...COSTS, ...extra });
}

/** Runs one episode with the given actions; returns the infos (reset's first) and rewards. */
function run(e: SingleAssetTradingEnv, actions: readonly number[], seed = 1) {
  const [obs0, info0] = e.reset({ seed });
  const infos = [info0], rewards: number[] = [], obs = [obs0];
  for (const a of actions) {
    const [o, r, term, trunc, info] = e.step(a);
    infos.push(info); rewards.push(r); obs.push(o);
    if (term || trunc) break;
  }
  return { infos, rewards, obs };
}

describe('SingleAssetTradingEnv equity equals the event-driven backtester', () => {
  for (const mode of ['train', 'evaluate'] as const) {
    it(`${mode} mode: same positions, same costs, same equity at every close to 1e-9 relative`, () => {
      const e = mode === 'train' ? env() : env({ mode: 'evaluate', range: { start: 600, end: 900 }, episodeLength: undefined });
      const actions = stickyActions(400, 5);
      const { infos } = run(e, actions, 9);
      const t0 = infos[0]!.bar as number, steps = infos.length - 1;
      expect(steps).toBe(mode === 'train' ? 200 : 299);
      // Positions chosen after bar t0 + k's close are the target weights of bar k of the replay
      // (NaN where the position does not change: no order); they fill at the next bar's open.
      const weights = new Float64Array(steps + 1).fill(Number.NaN);
      let held = 0, changes = 0;
      for (let k = 0; k < steps; k++) {
        const p = infos[k + 1]!.position as number;
        if (p !== held) { weights[k] = p; held = p; changes++; }
      }
      expect(changes).toBeGreaterThan(10);
      const bars = sliceBars(spx(), t0, t0 + steps + 1);
      const result = runEventBacktest(targetWeightsStrategy({ weights: { [bars.symbol]: weights }, minChange: 0 }), bars, {
        initialCash: 100_000, ...COSTS, fillModel: 'nextOpen', maxLeverage: 3,
      });
      let worst = 0;
      for (let k = 0; k <= steps; k++) worst = Math.max(worst, Math.abs((infos[k]!.equity as number) / result.equity[k]! - 1));
      expect(worst).toBeLessThan(1e-9);
      // Costs were really charged: the backtester's commissions equal the environment's.
      const envCommission = infos.reduce((s, i) => s + (i.commission as number), 0);
      const btCommission = result.orders.reduce((s, o) => s + o.commission, 0);
      expect(envCommission).toBeGreaterThan(0);
      expect(Math.abs(envCommission / btCommission - 1)).toBeLessThan(1e-9);
    });
  }

  it('rewards are the equity P&L, the log return, or the differential Sharpe ratio of the same equity path', () => {
    const actions = stickyActions(100, 3);
    const pnl = run(env({ reward: 'pnl' }), actions);
    const log = run(env({ reward: 'logReturn' }), actions);
    const eq = pnl.infos.map((i) => i.equity as number);
    pnl.rewards.forEach((r, k) => expect(r).toBeCloseTo(eq[k + 1]! - eq[k]!, 9));
    log.rewards.forEach((r, k) => expect(r).toBeCloseTo(Math.log(eq[k + 1]! / eq[k]!), 14));
    const dsr = run(env({ reward: 'differentialSharpe', eta: 0.05 }), actions);
    let a = 0, b = 0;
    dsr.rewards.forEach((d, k) => {
      const r = eq[k + 1]! / eq[k]! - 1, v = b - a * a;
      expect(d).toBeCloseTo(v > 0 ? (b * (r - a) - 0.5 * a * (r * r - b)) / v ** 1.5 : 0, 9);
      a += 0.05 * (r - a); b += 0.05 * (r * r - b);
    });
    expect(dsr.rewards.some((d) => d !== 0)).toBe(true);
  });
});

describe('SingleAssetTradingEnv observations', () => {
  it('hold the feature window ending at the current bar, then the position', () => {
    const e = env({ mode: 'evaluate', range: { start: 700, end: 720 }, episodeLength: undefined });
    const table = computeFeatures(spx(), FEATURES, featureRegistry());
    const [obs] = e.reset();
    const [next] = e.step(2);
    for (const [o, t, p] of [[obs, 700, 0], [next, 701, 1]] as const) {
      expect(o.length).toBe(5 * 3 + 1);
      for (let r = 0; r < 5; r++) for (let f = 0; f < 3; f++) expect(o[r * 3 + f]).toBe(table.columns[f]![t - 4 + r]);
      expect(o[15]).toBe(p);
    }
  });

  it('never hold data after their bar: truncating the data after bar T changes no observation up to T', () => {
    const T = 1100;
    const full = env({ mode: 'evaluate', range: { start: 1000, end: T + 1 }, episodeLength: undefined });
    const cut = env({ bars: sliceBars(spx(), 0, T + 1), mode: 'evaluate', range: { start: 1000, end: T + 1 }, episodeLength: undefined });
    const actions = stickyActions(200, 11);
    const a = run(full, actions), b = run(cut, actions);
    expect(a.obs.length).toBe(101);
    expect(b.obs.map((o) => Array.from(o))).toEqual(a.obs.map((o) => Array.from(o)));
    expect(b.rewards).toEqual(a.rewards);
  });

  it('two environments seeded alike give identical rollouts; another seed starts elsewhere', () => {
    const actions = stickyActions(300, 2);
    const a = run(env(), actions, 21), b = run(env(), actions, 21), c = run(env(), actions, 22);
    expect(b.obs.map((o) => Array.from(o))).toEqual(a.obs.map((o) => Array.from(o)));
    expect(b.rewards).toEqual(a.rewards);
    expect(c.infos[0]!.bar).not.toBe(a.infos[0]!.bar);
  });

  it('training episodes start at random bars of the range with complete windows; evaluation starts at the range start', () => {
    const e = env({ range: { start: 300, end: 800 }, episodeLength: 100 });
    const starts = new Set<number>();
    e.reset({ seed: 4 });
    for (let i = 0; i < 30; i++) starts.add(e.reset()[1].bar as number);
    expect(starts.size).toBeGreaterThan(20);
    for (const s of starts) expect(s >= 300 && s + 100 <= 799).toBe(true);
    expect(e.plan.startCount).toBe(800 - 1 - 100 - 300 + 1);
    const ev = env({ mode: 'evaluate', range: { start: 300, end: 320 }, episodeLength: undefined });
    for (let i = 0; i < 2; i++) {
      expect(ev.reset()[1].bar).toBe(300);
      let steps = 0, done = false;
      while (!done) { const [, , term, trunc] = ev.step(1); done = term || trunc; steps++; }
      expect(steps).toBe(19);
    }
  });
});

describe('SingleAssetTradingEnv contract', () => {
  it('passes checkEnv bare, wrapped, masked and vectorized', () => {
    expect(checkEnv(env({ episodeLength: 50 })).episodesEnded).toBeGreaterThan(0);
    expect(checkEnv(env({ reward: 'differentialSharpe' })).steps).toBe(200);
    const wrapped = () => new RecordEpisodeStatistics(new NormalizeReward(new NormalizeObservation(new FrameStack(new TimeLimit(env(), 30), 3))));
    expect(() => checkEnv(wrapped())).toThrow(/determinism: .*pass checkEnv a factory/);
    const report = checkEnv(wrapped);
    expect(report.observationSpace).toMatchObject({ kind: 'box', shape: [3, 16] });
    expect(report.stepAfterEndChecked).toBe(true);
    expect(checkEnv(new ActionMasking(env({ allowShort: false, episodeLength: 40 }))).episodesEnded).toBeGreaterThan(0);
    expect(checkEnv(new SyncVectorEnv([0, 1, 2].map(() => () => env({ episodeLength: 30 }))), { steps: 100 }).episodesEnded).toBeGreaterThan(5);
  });

  it('a long-only account masks and refuses the short action', () => {
    const e = env({ allowShort: false });
    expect(Array.from(e.actionMask())).toEqual([0, 1, 1]);
    e.reset({ seed: 0 });
    expect(() => e.step(0)).toThrow(/action = 0: is short, but options.allowShort is false\. Fix: choose 1 \(flat\) or 2 \(long\)/);
    const masked = new ActionMasking(env({ allowShort: false }));
    expect(Array.from(masked.reset({ seed: 0 })[1].actionMask as Uint8Array)).toEqual([0, 1, 1]);
    expect(() => masked.step(0)).toThrow(/action = 0: is masked out in this state/);
  });

  it('rejects bad options with the argument, the value and the fix', () => {
    const bars = spx();
    const cases: [Partial<SingleAssetTradingOptions> & Record<string, unknown>, RegExp][] = [
      [{ windw: 5 }, /options\.windw = 5: is not a known option\. Fix: use only: bars, featureSet/],
      [{ columns: [bars.close] }, /options\.columns = "columns": was given together with options\.featureSet\. Fix: pass one of/],
      [{ featureSet: undefined }, /options\.featureSet = undefined: is missing.*Fix: pass a FeatureSet/],
      [{ featureSet: undefined, columns: [new Float64Array(3)] }, /options\.columns\[0\] = array of length 3: must be a Float64Array of 1500 values/],
      [{ window: 0 }, /options\.window = 0: must be a whole number >= 1/],
      [{ range: { start: 10, end: 5 } }, /options\.range\.end = 5: must be a row index in \(10, 1500\]/],
      [{ range: { start: 0, end: 100 }, mode: 'evaluate', episodeLength: undefined }, /options\.range\.start = 0: leaves feature windows with missing values.*first bar with a complete window is 23\)\. Fix: start the range at bar 23/],
      [{ mode: 'evaluate', range: { start: 100, end: 200 } }, /options\.episodeLength = 200: does not apply in 'evaluate' mode/],
      [{ mode: 'live' as never }, /options\.mode = "live": must be 'train' or 'evaluate'/],
      [{ episodeLength: 5000 }, /options\.episodeLength = 5000: leaves no start bar in rows \[0, 1500\)/],
      [{ reward: 'sharpe' as never }, /options\.reward = "sharpe": must be 'pnl', 'logReturn' or 'differentialSharpe'/],
      [{ eta: 0.1 }, /options\.eta = 0\.1: only applies to reward 'differentialSharpe', not 'logReturn'/],
      [{ reward: 'differentialSharpe', eta: 1.5 }, /options\.eta = 1\.5: must be in \(0, 1\)/],
      [{ initialCash: -1 }, /options\.initialCash = -1: must be a finite number > 0/],
      [{ commission: { kind: 'bps', bps: -1, minimum: 0 } }, /options\.commission\.bps = -1: must be a finite number >= 0/],
      [{ allowShort: 'no' as never }, /options\.allowShort = "no": must be true or false/],
      [{ registry: featureRegistry(), featureSet: undefined, columns: [bars.close] }, /options\.registry = "a registry": only applies with options\.featureSet/],
    ];
    for (const [extra, message] of cases) expect(() => env(extra as Partial<SingleAssetTradingOptions>)).toThrow(message);
    const gap = { ...bars, open: bars.open.slice() };
    gap.open[400] = Number.NaN;
    expect(() => env({ bars: gap })).toThrow(/options\.bars\.open\[400\] = NaN: must be a finite positive price inside options\.range\. Fix: repair or drop the bar/);
    const novolume = { ...bars, volume: new Float64Array(bars.volume.length) };
    expect(() => env({ bars: novolume, slippage: volumeShareSlippage() })).toThrow(/options\.bars\.volume\[0\] = 0: must be a finite positive volume for volume-share slippage/);
    const e = env();
    e.reset({ seed: 0 });
    expect(() => e.reset({ options: { start: 3 } })).toThrow(/options\.options\.start = 3: is not a known option/);
    expect(() => e.step(3)).toThrow(/action = 3: is not an element of the action space Discrete\(3\)\. Fix: pass an integer from 0 to 2/);
  });
});
