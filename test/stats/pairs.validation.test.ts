// Bad input to the pairs statistics fails at the boundary with InvalidArgumentError naming the
// argument, the value and the fix; collinear Johansen input gives a clear error, not NaN.
import { describe, expect, it } from 'vitest';
import {
  halfLife, johansenMinObservations, johansenTest, kalmanHedgeRatio, olsHedgeRatio, rollingHedgeRatio,
  selectCointegrationRank, spreadZScore,
} from '../../lib/stats';
import { InvalidArgumentError } from '../../lib/util/errors';
import { simulateSystem } from './pairs-reference';

function thrown(fn: () => unknown): InvalidArgumentError {
  try { fn(); } catch (e) { if (e instanceof InvalidArgumentError) return e; throw e; }
  throw new Error('expected an InvalidArgumentError');
}

const pair = () => simulateSystem('pair', 300, 12);

describe('pairs statistics reject bad series', () => {
  const fns: [string, (x: Float64Array, y: Float64Array) => unknown][] = [
    ['olsHedgeRatio', (x, y) => olsHedgeRatio(x, y)],
    ['rollingHedgeRatio', (x, y) => rollingHedgeRatio(x, y, 20)],
    ['kalmanHedgeRatio', (x, y) => kalmanHedgeRatio(x, y)],
    ['johansenTest', (x, y) => johansenTest([x, y])],
  ];
  it.each(fns)('%s names NaN / Infinity with its index', (_, fn) => {
    const [x, y] = pair();
    y[137] = NaN;
    const e = thrown(() => fn(x, y));
    expect(e.argument).toMatch(/^(y|series\[1\])$/);
    expect(e.message).toMatch(/NaN at index 137/);
    const [x2, y2] = pair();
    x2[5] = -Infinity;
    expect(thrown(() => fn(x2, y2)).message).toMatch(/-Infinity at index 5/);
  });
  it.each(fns)('%s rejects mismatched lengths and constant legs', (_, fn) => {
    const [x, y] = pair();
    const e = thrown(() => fn(x, y.slice(0, 250)));
    expect(e.message).toMatch(/length 250/);
    expect(e.fix).toMatch(/align/);
    expect(thrown(() => fn(new Float64Array(300).fill(3), y)).message).toMatch(/constant/);
  });
  it('states the minimum length when too short for the window or the model', () => {
    const [x, y] = pair();
    let e = thrown(() => rollingHedgeRatio(x.slice(0, 10), y.slice(0, 10), 20));
    expect(e.argument).toBe('x');
    expect(e.message).toMatch(/minimum of 20/);
    e = thrown(() => rollingHedgeRatio(x, y, 2));
    expect(e.argument).toBe('window');
    expect(e.message).toMatch(/at least 3/);
    expect(rollingHedgeRatio(x, y, 2, { intercept: false }).beta[1]).toBeCloseTo((x[0] * y[0] + x[1] * y[1]) / (x[0] ** 2 + x[1] ** 2), 12);
    e = thrown(() => spreadZScore(x.slice(0, 5), { window: 10 }));
    expect(e.argument).toBe('spread');
    expect(e.message).toMatch(/minimum of 10/);
    expect(thrown(() => spreadZScore(x, { window: 1 })).argument).toBe('options.window');
    expect(thrown(() => halfLife(x.slice(0, 3))).message).toMatch(/minimum of 4/);
    expect(thrown(() => olsHedgeRatio(x.slice(0, 2), y.slice(0, 2))).message).toMatch(/minimum of 3/);
    const min = johansenMinObservations(2, 1);
    e = thrown(() => johansenTest([x.slice(0, min - 1), y.slice(0, min - 1)]));
    expect(e.argument).toBe('series[0]');
    expect(e.message).toMatch(new RegExp(`minimum of ${min}`));
    expect(johansenTest([x.slice(0, min), y.slice(0, min)]).eigenvalues.every(Number.isFinite)).toBe(true);
  });
  it('rejects plain arrays, unknown options and bad option values', () => {
    const [x, y] = pair();
    expect(thrown(() => olsHedgeRatio(Array.from(x) as never, y)).argument).toBe('x');
    expect(thrown(() => olsHedgeRatio(x, y, { intercep: true } as never)).argument).toBe('options.intercep');
    expect(thrown(() => spreadZScore(x, { window: 20, ddof: 2 as never })).argument).toBe('options.ddof');
    expect(thrown(() => johansenTest([x, y], { detOrder: 2 as never })).argument).toBe('options.detOrder');
    expect(thrown(() => johansenTest([x, y], { kArDiff: -1 })).argument).toBe('options.kArDiff');
    expect(thrown(() => johansenTest([x])).argument).toBe('series');
    expect(thrown(() => selectCointegrationRank([x, y], { signif: 0.2 as never })).argument).toBe('signif');
    expect(thrown(() => selectCointegrationRank([x, y], { method: 'max' as never })).argument).toBe('method');
  });
  it('does not mutate its inputs', () => {
    const [x, y] = pair();
    const cx = Float64Array.from(x), cy = Float64Array.from(y);
    olsHedgeRatio(x, y); rollingHedgeRatio(x, y, 30); kalmanHedgeRatio(x, y); johansenTest([x, y]); halfLife(y); spreadZScore(y, { window: 30 });
    expect(Array.from(x)).toEqual(Array.from(cx));
    expect(Array.from(y)).toEqual(Array.from(cy));
  });
});

describe('johansenTest on degenerate (collinear) input', () => {
  it.each([
    { label: 'a duplicated series', make: (x: Float64Array, y: Float64Array) => [x, y, Float64Array.from(x)] },
    { label: 'an exact linear combination', make: (x: Float64Array, y: Float64Array) => [x, y, x.map((v, i) => 2 * v - 0.5 * y[i] + 3)] },
    { label: 'a series equal to another plus a linear trend (collinear differences)', make: (x: Float64Array, y: Float64Array) => [x, y, x.map((v, i) => v + 0.01 * i)] },
  ])('$label gives a clear error naming the collinearity, not NaN', ({ make }) => {
    const [x, y] = pair();
    for (const detOrder of [-1, 0] as const) {
      const e = thrown(() => johansenTest(make(x, y), { detOrder }));
      expect(e.argument).toBe('series');
      expect(e.message).toMatch(/linear combination/);
      expect(e.fix).toMatch(/drop series/);
    }
  });
});
