import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../lib/data/bars';
import {
  directionLabel, forwardReturn, labelSpec, spreadReversionLabel, tripleBarrierLabel, type Label,
} from '../../lib/dataset';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { runPython } from '../helpers/python';

// Synthetic bars: a geometric random walk with highs and lows around it, and an AR(1) z-score.
const N = 400;
const rng = createRng(2024);
const close = new Float64Array(N);
close[0] = 100;
for (let t = 1; t < N; t++) close[t] = close[t - 1]! * Math.exp(0.01 * rng.normal());
close[37] = close[36]!; // one flat move, for the dead zone's edge
const high = close.map((c) => c * (1 + 0.004 * Math.abs(rng.normal())));
const low = close.map((c) => c * (1 - 0.004 * Math.abs(rng.normal())));
const volatility = Float64Array.from({ length: N }, (_, t) => (t < 5 ? NaN : 0.008 + 0.004 * rng.uniform()));
const z = new Float64Array(N);
for (let t = 1; t < N; t++) z[t] = 0.85 * z[t - 1]! + 0.5 * rng.normal();
z[50] = NaN;
const bars: Bars = { symbol: 'SYN', time: Float64Array.from({ length: N }, (_, t) => Date.UTC(2020, 0, 1) + t * 864e5), open: close, high, low, close, volume: new Float64Array(N).fill(1) };

interface Reference {
  direction: (number | null)[];
  directionDz: (number | null)[];
  fwd: (number | null)[];
  fwdLog: (number | null)[];
  barrierClose: (number | null)[];
  barrierCloseTouch: (number | null)[];
  barrierIntrabar: (number | null)[];
  reversion: (number | null)[];
}

let ref: Reference;

beforeAll(() => {
  // Reference: pandas shift for the forward-looking labels; the triple barrier on closes is
  // Lopez de Prado's applyPtSlOnT1 (AFML snippet 3.2) with the vertical barrier at loc + h; the
  // intrabar variant and the spread reversion are direct loops written from their definitions.
  ref = runPython<Reference>(`
import numpy as np, pandas as pd
close = pd.Series(inp['close']); high = np.array(inp['high']); low = np.array(inp['low'])
vol = pd.Series([np.nan if v is None else v for v in inp['vol']]); n = len(close)
def nan_to_none(a): return [None if (x is None or np.isnan(x)) else float(x) for x in a]
def direction(h, dz):
    r = close.shift(-h) / close - 1
    return np.where(r > dz, 1.0, np.where(r < -dz, 0.0, np.nan))
fwd = close.shift(-3) / close - 1
fwd_log = np.log(close.shift(-3) / close)
# AFML snippet 3.2, barriers 2 x vol, vertical barrier 10 bars.
H, PT, SL = 10, 2.0, 1.5
lab = np.full(n, np.nan); touch = np.full(n, np.nan)
for loc in range(n - H):
    if np.isnan(vol[loc]): continue
    t1 = loc + H
    df0 = close[loc:t1 + 1] / close[loc] - 1
    sl = df0[df0 < -SL * vol[loc]].index.min(); pt = df0[df0 > PT * vol[loc]].index.min()
    first = np.nanmin([t1, sl, pt])
    lab[loc] = 1.0 if pt == first else (-1.0 if sl == first else 0.0); touch[loc] = first
# Intrabar: fixed 1.5% / 1% barriers on highs and lows, 8 bars, stop first when both in one bar.
intra = np.full(n, np.nan)
for t in range(n - 8):
    for s in range(t + 1, t + 9):
        if low[s] / close[t] - 1 <= -0.01: intra[t] = -1; break
        if high[s] / close[t] - 1 >= 0.015: intra[t] = 1; break
        if s == t + 8: intra[t] = 0
zz = np.array([np.nan if v is None else v for v in inp['z']]); rev = np.full(n, np.nan)
for t in range(n - 6):
    if np.isnan(zz[t]) or zz[t] == 0: continue
    for s in range(t + 1, t + 7):
        if np.isnan(zz[s]): break
        if np.sign(zz[t]) * (zz[t] - zz[s]) >= 0.8: rev[t] = 1; break
        if s == t + 6: rev[t] = 0
print(json.dumps({"direction": nan_to_none(direction(1, 0)), "directionDz": nan_to_none(direction(5, 0.01)),
  "fwd": nan_to_none(fwd), "fwdLog": nan_to_none(fwd_log), "barrierClose": nan_to_none(lab),
  "barrierCloseTouch": nan_to_none(touch), "barrierIntrabar": nan_to_none(intra), "reversion": nan_to_none(rev)}))
`, { close: Array.from(close), high: Array.from(high), low: Array.from(low), vol: Array.from(volatility, (v) => (Number.isNaN(v) ? null : v)), z: Array.from(z, (v) => (Number.isNaN(v) ? null : v)) });
});

/** Reference values are exact labels (0/1/-1) or returns; compare to 1e-12, NaN to null. */
function expectMatches(values: Float64Array, expected: (number | null)[], tolerance = 1e-12): void {
  expect(values.length).toBe(expected.length);
  values.forEach((v, t) => {
    const e = expected[t];
    if (e === null || e === undefined) expect(v, `row ${t}`).toBeNaN();
    else expect(Math.abs(v - e), `row ${t}: ${v} vs ${e}`).toBeLessThanOrEqual(tolerance);
  });
}

const makers: Record<string, (cut: number) => Label> = {
  direction: (cut) => directionLabel(close.subarray(0, cut), { horizon: 5, deadZone: 0.01 }),
  forwardReturn: (cut) => forwardReturn(close.subarray(0, cut), { horizon: 3, log: true }),
  tripleBarrier: (cut) => tripleBarrierLabel({ close: close.subarray(0, cut), high: high.subarray(0, cut), low: low.subarray(0, cut) },
    { upper: 2, lower: 1.5, maxHolding: 10, volatility: volatility.subarray(0, cut) }),
  spreadReversion: (cut) => spreadReversionLabel(z.subarray(0, cut), { revertBy: 0.8, within: 6 }),
};

describe('labels match their references', () => {
  it('directionLabel: 1 up, 0 down, NaN in the dead zone (a flat move included) and at the tail', () => {
    const plain = directionLabel(close);
    expectMatches(plain.values, ref.direction);
    expect(plain.values[36]).toBeNaN(); // close[37] == close[36]
    expect(plain.values[N - 1]).toBeNaN();
    const dz = directionLabel(close, { horizon: 5, deadZone: 0.01 });
    expectMatches(dz.values, ref.directionDz);
    expect(dz.horizon).toBe(5);
    expect(dz.values.subarray(N - 5).every(Number.isNaN)).toBe(true);
  });

  it('forwardReturn: simple and log returns over the horizon', () => {
    expectMatches(forwardReturn(close, { horizon: 3 }).values, ref.fwd, 1e-14);
    expectMatches(forwardReturn(close, { horizon: 3, log: true }).values, ref.fwdLog, 1e-14);
  });

  it('tripleBarrierLabel on closes agrees with AFML applyPtSlOnT1, touch rows included', () => {
    const label = tripleBarrierLabel({ close }, { upper: 2, lower: 1.5, maxHolding: 10, volatility });
    expectMatches(label.values, ref.barrierClose);
    label.touch.forEach((s, t) => expect(s, `row ${t}`).toBe(ref.barrierCloseTouch[t] ?? -1));
    const counts = [-1, 0, 1].map((v) => label.values.filter((x) => x === v).length);
    expect(Math.min(...counts)).toBeGreaterThan(10); // all three outcomes occur
    expect(label.horizon).toBe(10);
  });

  it('tripleBarrierLabel on bars uses highs and lows, and the stop when one bar touches both', () => {
    const label = tripleBarrierLabel(bars, { upper: 0.015, lower: 0.01, maxHolding: 8 });
    expectMatches(label.values, ref.barrierIntrabar);
    expect(label.params).toEqual({ upper: 0.015, lower: 0.01, maxHolding: 8, scaledByVolatility: false, intrabar: true });
    // A bar that spans both barriers: the label is -1 at that bar.
    const wide = { close: Float64Array.of(100, 100, 100), high: Float64Array.of(100, 103, 100), low: Float64Array.of(100, 97, 100) };
    const both = tripleBarrierLabel(wide, { upper: 0.02, lower: 0.02, maxHolding: 2 });
    expect(both.values[0]).toBe(-1);
    expect(both.touch[0]).toBe(1);
    // Without a profit barrier only the stop or the vertical barrier can end the trade.
    const noUpper = tripleBarrierLabel({ close }, { upper: null, lower: 1.5, maxHolding: 10, volatility });
    expect(noUpper.values.some((v) => v === 1)).toBe(false);
  });

  it('spreadReversionLabel: 1 when z moves back towards 0 by revertBy within N bars', () => {
    const label = spreadReversionLabel(z, { revertBy: 0.8, within: 6 });
    expectMatches(label.values, ref.reversion);
    expect(label.values[50]).toBeNaN();
    expect(label.values.filter((v) => v === 1).length).toBeGreaterThan(20);
    expect(label.values.filter((v) => v === 0).length).toBeGreaterThan(20);
  });

  it('carries a JSON-serialisable spec (name, horizon, params)', () => {
    for (const [name, make] of Object.entries(makers)) {
      const label = make(N);
      const spec = labelSpec(label);
      expect(JSON.parse(JSON.stringify(spec)), name).toEqual(spec);
      expect(spec.name).toBe(name);
      expect(spec.horizon).toBe(label.horizon);
    }
  });
});

describe('labels look only at rows t..t+horizon', () => {
  const cuts = createRng(99);

  it.each(Object.keys(makers))('%s: unchanged when rows after t+horizon are removed, NaN when t+horizon is past the data', (name) => {
    const make = makers[name]!;
    const full = make(N);
    const h = full.horizon;
    for (let trial = 0; trial < 25; trial++) {
      const cut = h + 1 + cuts.int(N - h - 1);
      const part = make(cut);
      for (let t = 0; t < cut; t++) {
        if (t + h < cut) expect(Object.is(part.values[t], full.values[t]), `${name} cut ${cut} row ${t}`).toBe(true);
        else expect(part.values[t], `${name} cut ${cut} row ${t}`).toBeNaN();
      }
    }
  });

  it('does not depend on rows before t either', () => {
    const t = 200;
    const changed = close.slice();
    for (let s = 0; s < t; s++) changed[s] = changed[s]! * 1.5;
    expect(directionLabel(changed, { horizon: 5 }).values[t]).toBe(directionLabel(close, { horizon: 5 }).values[t]);
    expect(forwardReturn(changed, { horizon: 5 }).values[t]).toBe(forwardReturn(close, { horizon: 5 }).values[t]);
    const options = { upper: 2, lower: 1.5, maxHolding: 10, volatility };
    expect(tripleBarrierLabel({ close: changed }, options).values[t]).toBe(tripleBarrierLabel({ close }, options).values[t]);
  });

  it('leaves its inputs unchanged', () => {
    const before = [close.slice(), high.slice(), z.slice()];
    Object.values(makers).forEach((make) => make(N));
    tripleBarrierLabel(bars, { upper: 0.015, lower: 0.01, maxHolding: 8 });
    expect([close, high, z].map((a) => Array.from(a))).toEqual(before.map((a) => Array.from(a)));
  });
});

describe('labels reject bad input, naming argument, value and fix', () => {
  it('horizons', () => {
    expect(() => directionLabel(close, { horizon: N })).toThrow(`options.horizon = ${N}: is larger than the data allows (${N} rows: every label would be NaN). Fix: use a horizon below ${N}, or more data`);
    expect(() => forwardReturn(close, { horizon: 0 })).toThrow('options.horizon = 0: must be an integer >= 1. Fix: pass e.g. 1 (the next bar)');
    expect(() => forwardReturn(close, { horizon: 1.5 })).toThrow(/options\.horizon = 1\.5: must be an integer/);
    expect(() => tripleBarrierLabel({ close }, { upper: 1, lower: 1, maxHolding: N + 3 })).toThrow(/options\.maxHolding = 403: is larger than the data allows/);
    expect(() => spreadReversionLabel(z, { revertBy: 1, within: 0 })).toThrow(/options\.within = 0: must be an integer >= 1/);
  });

  it('options', () => {
    expect(() => directionLabel(close, { deadZone: -0.01 })).toThrow('options.deadZone = -0.01: must be a finite return >= 0. Fix: pass e.g. 0.001 (0.1%), or 0');
    expect(() => directionLabel(close, { horizn: 2 } as never)).toThrow(/options\.horizn = 2: is not a known option\. Fix: use only: horizon, deadZone/);
    expect(() => forwardReturn(close, { log: 'yes' } as never)).toThrow(/options\.log = "yes": must be a boolean/);
    expect(() => tripleBarrierLabel({ close }, { upper: 0, lower: 1, maxHolding: 5 })).toThrow('options.upper = 0: must be a positive finite number, or null for no barrier. Fix: pass e.g. 2 (two volatilities) or 0.02 (2%) without volatility');
    expect(() => tripleBarrierLabel({ close }, { upper: 1, lower: Infinity, maxHolding: 5 })).toThrow(/options\.lower = Infinity/);
    expect(() => tripleBarrierLabel({ close }, { upper: 1, lower: 1, maxHolding: 5, volatility: new Float64Array(3) })).toThrow(/options\.volatility = array of length 3: must be a Float64Array of 400 values/);
    expect(() => tripleBarrierLabel({ close }, undefined as never)).toThrow(/options = undefined: is required/);
    expect(() => spreadReversionLabel(z, { revertBy: -1, within: 5 })).toThrow('options.revertBy = -1: must be a positive number of z units. Fix: pass e.g. 1 (one standard deviation of the spread)');
  });

  it('prices', () => {
    expect(() => directionLabel([1, 2, 3] as never)).toThrow('price = array of length 3: must be a Float64Array. Fix: pass a price column such as bars.close');
    expect(() => forwardReturn(Float64Array.of(1, -2, 3))).toThrow(/price\[1\] = -2: must be a positive price/);
    expect(() => tripleBarrierLabel({ close, high }, { upper: 1, lower: 1, maxHolding: 2 })).toThrow('prices.low = undefined: is missing while the other intrabar column is given. Fix: pass both high and low, or neither (closes only)');
    expect(() => tripleBarrierLabel({ close, high: high.subarray(1), low: low.subarray(1) }, { upper: 1, lower: 1, maxHolding: 2 })).toThrow(/prices\.high\.length = 399: differs from prices\.close\.length = 400/);
    expect(() => tripleBarrierLabel({ ...bars, high: high.subarray(1) }, { upper: 1, lower: 1, maxHolding: 2 })).toThrow(/prices\.high = array of length 399: must be a Float64Array of length 400/);
    expect(() => spreadReversionLabel(Array.from(z) as never, { revertBy: 1, within: 2 })).toThrow(InvalidArgumentError);
  });
});
