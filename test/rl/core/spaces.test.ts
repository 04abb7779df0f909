// Spaces: membership, seeded sampling with Gymnasium's distributions (checked with SciPy's
// Kolmogorov-Smirnov test: uniform on bounded sides, exponential on half-lines, normal on the
// whole line), JSON round trips (infinite bounds survive JSON.stringify), and argument errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { Box, Discrete, MultiDiscrete, spaceFromJSON, spacesEqual } from '../../../lib/rl';
import { createRng } from '../../../lib/util/random';
import { runPython } from '../../helpers/python';

const N = 4000;
let pValues: Record<string, number>;
let samples: Record<string, number[]>;

beforeAll(() => {
  // One element of each kind of interval: [-2, 3], [1, ∞), (−∞, -1], (−∞, ∞).
  const box = new Box([-2, 1, -Infinity, -Infinity], [3, Infinity, -1, Infinity]);
  box.seed(5);
  const cols: number[][] = [[], [], [], []];
  for (let i = 0; i < N; i++) box.sample().forEach((v, k) => cols[k]!.push(v));
  samples = { uniform: cols[0]!, expon: cols[1]!, negExpon: cols[2]!, normal: cols[3]! };
  pValues = runPython<Record<string, number>>(`
from scipy import stats
import numpy as np
out = {
  'uniform': stats.kstest(inp['uniform'], 'uniform', args=(-2, 5)).pvalue,
  'expon': stats.kstest(inp['expon'], 'expon', args=(1, 1)).pvalue,
  'negExpon': stats.kstest(-np.array(inp['negExpon']), 'expon', args=(1, 1)).pvalue,
  'normal': stats.kstest(inp['normal'], 'norm').pvalue,
  'wrongNormal': stats.kstest(inp['expon'], 'norm').pvalue,
}
print(json.dumps({k: float(v) for k, v in out.items()}))
`, samples);
});

describe('Box', () => {
  it('samples each element from Gymnasium\'s distribution for its kind of interval (KS p > 0.001)', () => {
    for (const k of ['uniform', 'expon', 'negExpon', 'normal']) expect(pValues[k]).toBeGreaterThan(0.001);
    expect(pValues.wrongNormal).toBeLessThan(1e-6); // the test can tell distributions apart
    expect(Math.min(...samples.uniform!)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...samples.uniform!)).toBeLessThan(3);
  });

  it('contains only Float64Arrays of its size within the bounds', () => {
    const box = new Box(-1, 1, [2, 3]);
    expect(box.size).toBe(6);
    expect(box.contains(new Float64Array(6))).toBe(true);
    expect(box.contains(new Float64Array(5))).toBe(false);
    expect(box.contains(new Float32Array(6))).toBe(false);
    expect(box.contains([0, 0, 0, 0, 0, 0])).toBe(false);
    expect(box.contains(Float64Array.of(0, 0, 0, 0, 0, 1.0000001))).toBe(false);
    expect(box.contains(Float64Array.of(0, 0, 0, 0, 0, Number.NaN))).toBe(false);
    expect(box.isBounded()).toBe(true);
    expect(new Box(0, Infinity, [1]).isBounded()).toBe(false);
  });

  it('samples reproducibly from its own seed or a generator passed in', () => {
    const a = new Box(-1, 1, [3]), b = new Box(-1, 1, [3]);
    a.seed(9); b.seed(9);
    expect(Array.from(a.sample())).toEqual(Array.from(b.sample()));
    expect(Array.from(a.sample(createRng(1)))).toEqual(Array.from(b.sample(createRng(1))));
    expect(Array.from(a.sample())).not.toEqual(Array.from(a.sample()));
  });

  it('round-trips through JSON text, infinite bounds included', () => {
    const box = new Box([-Infinity, 0], [Infinity, 2]);
    const back = spaceFromJSON(JSON.parse(JSON.stringify(box)));
    expect(back).toBeInstanceOf(Box);
    expect(spacesEqual(back, box)).toBe(true);
    expect(Array.from((back as Box).low)).toEqual([-Infinity, 0]);
    expect(spacesEqual(back, new Box([-Infinity, 0], [Infinity, 3]))).toBe(false);
  });

  it('rejects bad bounds and shapes with the argument, the value and the fix', () => {
    expect(() => new Box(0, 1)).toThrow(/shape = undefined: is needed when low and high are both numbers\. Fix: pass the shape/);
    expect(() => new Box(0, 1, [0])).toThrow(/shape = array of length 1: must be a non-empty array of whole numbers >= 1/);
    expect(() => new Box([0, 2], [1, 1])).toThrow(/low\[1\] = 2: is above high\[1\] = 1\. Fix: pass low <= high/);
    expect(() => new Box([0, 0], [1, 1, 1])).toThrow(/high = array of length 3: must be a number or an array of 2 numbers/);
    expect(() => new Box(Number.NaN, 1, [1])).toThrow(/low = NaN: is NaN/);
    expect(() => new Box(Infinity, Infinity, [1])).toThrow(/low\[0\] = Infinity: is \+Infinity/);
  });
});

describe('Discrete and MultiDiscrete', () => {
  it('Discrete(n, start) holds the integers start .. start + n − 1 and samples each about equally', () => {
    const d = new Discrete(3, -1);
    expect([-2, -1, 0, 1, 2, 0.5, '0', Number.NaN].map((x) => d.contains(x))).toEqual([false, true, true, true, false, false, false, false]);
    d.seed(1);
    const counts = new Map<number, number>();
    for (let i = 0; i < 3000; i++) { const x = d.sample(); counts.set(x, (counts.get(x) ?? 0) + 1); }
    expect([...counts.keys()].sort()).toEqual([-1, 0, 1]);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(120);
    expect(spaceFromJSON(JSON.parse(JSON.stringify(d)))).toEqual(expect.objectContaining({ n: 3, start: -1 }));
  });

  it('MultiDiscrete(nvec) holds Int32Arrays with element i in [0, nvec[i])', () => {
    const m = new MultiDiscrete([2, 5]);
    expect(m.contains(Int32Array.of(1, 4))).toBe(true);
    expect(m.contains(Int32Array.of(2, 0))).toBe(false);
    expect(m.contains(Int32Array.of(-1, 0))).toBe(false);
    expect(m.contains([1, 1])).toBe(false);
    m.seed(3);
    for (let i = 0; i < 100; i++) expect(m.contains(m.sample())).toBe(true);
    expect(spacesEqual(spaceFromJSON(m.toJSON()), m)).toBe(true);
  });

  it('reject bad arguments and JSON with the argument, the value and the fix', () => {
    expect(() => new Discrete(0)).toThrow(/n = 0: must be a whole number >= 1\. Fix: pass the number of actions/);
    expect(() => new Discrete(2, 0.5)).toThrow(/start = 0\.5: must be a whole number/);
    expect(() => new MultiDiscrete([2, 0])).toThrow(/nvec\[1\] = 0: must be a whole number >= 1/);
    expect(() => new MultiDiscrete([])).toThrow(/nvec = array of length 0: must be a non-empty array/);
    expect(() => spaceFromJSON({ kind: 'tuple' })).toThrow(/json\.kind = "tuple": must be 'discrete', 'box' or 'multiDiscrete'/);
    expect(() => spaceFromJSON({ kind: 'discrete', n: 2, start: 0, extra: 1 })).toThrow(/json\.extra = 1: is not a known option/);
    expect(() => spaceFromJSON({ kind: 'box', low: ['a'], high: [1], shape: [1] })).toThrow(/json\.low\[0\] = "a": must be a number or null/);
  });
});
