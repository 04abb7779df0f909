// The portfolio environment: weights projected onto the simplex or the gross-leverage ball,
// equity that follows the held assets exactly, costs in bps of turnover, a turnover penalty in
// the reward, observations without look-ahead, checkEnv, and errors that say how to fix them.
import { describe, expect, it } from 'vitest';
import { checkEnv, NormalizeObservation, PortfolioEnv, projectOntoL1Ball, projectOntoSimplex, SyncVectorEnv, TimeLimit, type PortfolioEnvOptions } from '../../../lib/rl';
import { createRng } from '../../../lib/util/random';
import { panelOf, stocks20 } from './trading-fixtures';

const SYMBOLS = ['AAPL', 'JNJ', 'KO', 'XOM'];
const env = (extra: Partial<PortfolioEnvOptions> = {}) => new PortfolioEnv({ panel: panelOf(SYMBOLS), window: 5, episodeLength: 100, ...extra });
const evaluate = (start: number, end: number, extra: Partial<PortfolioEnvOptions> = {}) =>
  env({ mode: 'evaluate', range: { start, end }, episodeLength: undefined, ...extra });

describe('weight projections (Duchi et al. 2008)', () => {
  const rng = createRng(3);
  const point = (n: number, scale: number) => Float64Array.from({ length: n }, () => scale * rng.normal());
  const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);

  it('the simplex projection is feasible, idempotent and the closest feasible point', () => {
    for (let trial = 0; trial < 200; trial++) {
      const x = point(1 + (trial % 7), 2);
      const p = projectOntoSimplex(x);
      expect(p.every((v) => v >= 0)).toBe(true);
      expect(Math.abs(p.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
      expect(Array.from(projectOntoSimplex(p)).map((v, i) => Math.abs(v - p[i]!)).every((d) => d < 1e-12)).toBe(true);
      // Projection onto a convex set: (x − p)·(z − p) <= 0 for every feasible z.
      for (let k = 0; k < 20; k++) {
        const z = projectOntoSimplex(point(x.length, 3));
        expect(dot(x.map((v, i) => v - p[i]!), z.map((v, i) => v - p[i]!))).toBeLessThan(1e-12);
      }
    }
  });

  it('the L1-ball projection keeps points inside, and projects the others onto its surface', () => {
    for (let trial = 0; trial < 200; trial++) {
      const x = point(2 + (trial % 6), trial % 3 === 0 ? 0.1 : 2);
      const p = projectOntoL1Ball(x, 1.5);
      const gross = (v: Float64Array) => v.reduce((s, w) => s + Math.abs(w), 0);
      if (gross(x) <= 1.5) expect(Array.from(p)).toEqual(Array.from(x));
      else expect(Math.abs(gross(p) - 1.5)).toBeLessThan(1e-12);
      for (let k = 0; k < 20; k++) {
        const z = projectOntoL1Ball(point(x.length, 2), 1.5);
        expect(dot(x.map((v, i) => v - p[i]!), z.map((v, i) => v - p[i]!))).toBeLessThan(1e-12);
      }
    }
  });
});

describe('PortfolioEnv accounting', () => {
  it('all-in one asset from cash: equity = (1 − cost) × the asset\'s price ratio, no cost afterwards', () => {
    const e = evaluate(100, 400, { costBps: 25 });
    const [, info0] = e.reset();
    expect(info0.equity).toBe(100_000);
    const close = stocks20().close[stocks20().symbols.indexOf('KO')]!;
    let last: Record<string, unknown> = info0;
    for (let k = 0; k < 299; k++) {
      const [, , , , info] = e.step(Float64Array.of(0, 0, 1, 0));
      if (k === 0) expect(info.turnover).toBe(1);
      else expect(Math.abs(info.turnover as number)).toBeLessThan(1e-12);
      last = info;
    }
    expect(Math.abs((last.equity as number) / (100_000 * (1 - 25e-4) * (close[399]! / close[100]!)) - 1)).toBeLessThan(1e-12);
    expect(Array.from(last.weights as Float64Array)).toEqual([0, 0, 1, 0]);
  });

  it('a constant-mix portfolio: equity compounds Σ w·r each bar, drifted weights set the turnover and its cost', () => {
    const w = Float64Array.of(0.1, 0.2, 0.3, 0.4);
    const e = evaluate(200, 300, { costBps: 10, turnoverPenalty: 0.01, reward: 'logReturn' });
    e.reset();
    const p = panelOf(SYMBOLS);
    let equity = 100_000;
    let held = new Float64Array(4);
    for (let t = 200; t < 299; t++) {
      const [obs, reward, , , info] = e.step(w);
      const turnover = w.reduce((s, v, a) => s + Math.abs(v - held[a]!), 0);
      const r = p.close.map((c) => c[t + 1]! / c[t]! - 1);
      const growth = 1 + w.reduce((s, v, a) => s + v * r[a]!, 0);
      const next = (equity - equity * 10e-4 * turnover) * growth;
      expect(info.turnover).toBeCloseTo(turnover, 14);
      expect(info.cost).toBeCloseTo(equity * 10e-4 * turnover, 8);
      expect(Math.abs((info.equity as number) / next - 1)).toBeLessThan(1e-12);
      expect(reward).toBeCloseTo(Math.log(next / equity) - 0.01 * turnover, 12);
      held = w.map((v, a) => (v * (1 + r[a]!)) / growth);
      expect(Array.from(obs.subarray(20))).toEqual(Array.from(info.weights as Float64Array));
      Array.from(held).forEach((h, a) => expect((info.weights as Float64Array)[a]).toBeCloseTo(h, 14));
      equity = next;
    }
  });

  it('long/short weights beyond the leverage limit are projected onto it', () => {
    const e = evaluate(200, 210, { allowShort: true, maxLeverage: 1.5, costBps: 0 });
    e.reset();
    const [, , , , info] = e.step(Float64Array.of(1.5, -1.5, 0.5, 0));
    expect(info.turnover).toBeCloseTo(1.5, 14);
    expect(Array.from(e.weightsOf(Float64Array.of(1.5, -1.5, 0.5, 0)))).toEqual(Array.from(projectOntoL1Ball(Float64Array.of(1.5, -1.5, 0.5, 0), 1.5)));
  });
});

describe('PortfolioEnv contract', () => {
  it('observations hold the log-return window ending at the bar and nothing after it', () => {
    const e = evaluate(500, 505);
    const [obs] = e.reset();
    const p = panelOf(SYMBOLS);
    for (let r = 0; r < 5; r++) for (let a = 0; a < 4; a++) expect(obs[r * 4 + a]).toBe(Math.log(p.close[a]![496 + r]! / p.close[a]![495 + r]!));
    const cut = { ...p, time: p.time.subarray(0, 601), close: p.close.map((c) => c.subarray(0, 601)) };
    const full = evaluate(500, 601), short = new PortfolioEnv({ panel: cut, window: 5, mode: 'evaluate', range: { start: 500, end: 601 } });
    const rng = createRng(1);
    const a = [full.reset()[0]], b = [short.reset()[0]];
    for (let k = 0; k < 100; k++) {
      const action = Float64Array.from({ length: 4 }, () => rng.uniform());
      a.push(full.step(action)[0]);
      b.push(short.step(action)[0]);
    }
    expect(b.map((o) => Array.from(o))).toEqual(a.map((o) => Array.from(o)));
  });

  it('passes checkEnv long-only, long/short, normalized and vectorized; seeded alike, identical', () => {
    const report = checkEnv(env({ episodeLength: 60 }));
    expect(report.warnings.some((w) => w.includes('[-1, 1]'))).toBe(true);
    expect(checkEnv(env({ allowShort: true, maxLeverage: 2, reward: 'differentialSharpe', episodeLength: 60 })).episodesEnded).toBeGreaterThan(0);
    expect(checkEnv(() => new NormalizeObservation(new TimeLimit(env(), 25), {})).stepAfterEndChecked).toBe(true);
    expect(checkEnv(() => new SyncVectorEnv([env, env]), { steps: 150 }).episodesEnded).toBeGreaterThan(1);
  });

  it('rejects bad options with the argument, the value and the fix', () => {
    const p = panelOf(SYMBOLS);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ costbps: 1 }, /options\.costbps = 1: is not a known option/],
      [{ costBps: -1 }, /options\.costBps = -1: must be a finite number >= 0\. Fix: pass basis points of traded value/],
      [{ turnoverPenalty: Number.NaN }, /options\.turnoverPenalty = NaN: must be a finite number >= 0/],
      [{ maxLeverage: 2 }, /options\.maxLeverage = 2: only applies with allowShort: true/],
      [{ allowShort: true, maxLeverage: 0 }, /options\.maxLeverage = 0: must be a finite number > 0/],
      [{ panel: { ...p, close: p.close.slice(0, 2) } }, /options\.panel\.close = array of length 2: must hold one Float64Array per symbol \(4\)/],
      [{ panel: { time: p.time } }, /options\.panel = .*: must be a ClosePanel \{ time, symbols, close \}\. Fix: read one with readClosePanelCsv/],
      [{ columns: [new Float64Array(5)] }, /options\.columns\[0\] = array of length 5: must be a Float64Array of \d+ values/],
    ];
    for (const [extra, message] of cases) expect(() => env(extra as Partial<PortfolioEnvOptions>)).toThrow(message);
    const gap = { ...p, close: p.close.map((c) => c.slice()) };
    gap.close[1]![700] = Number.NaN;
    expect(() => env({ panel: gap, columns: gap.close.map(() => new Float64Array(p.time.length)) })).toThrow(/options\.panel\.close\[1\]\[700\] = NaN: must be a finite positive price inside options\.range/);
    const e = env();
    e.reset({ seed: 1 });
    expect(() => e.step(Float64Array.of(0.5, 0.5, 0.5, 2))).toThrow(/action = array of length 4: is not an element of the action space Box\(shape \[4\]\)\. Fix: pass a Float64Array of 4 numbers within the space's low\/high/);
  });
});
