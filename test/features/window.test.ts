// The streaming building blocks against naive recomputation over each window, on seeded random
// series with gaps (NaN), ties and several window lengths.
import { describe, expect, it } from 'vitest';
import { RollingExtreme, RollingSum } from '../../lib/features/window';
import { createRng } from '../../lib/util/random';

function series(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  // Rounded values make ties common; a few NaN gaps.
  return Float64Array.from({ length: n }, () => (rng.uniform() < 0.03 ? Number.NaN : Math.round(rng.normal() * 4) + 0));
}

describe('RollingSum', () => {
  it.each([1, 2, 5, 20])('equals the naive window sum (window %i), NaN while a window holds a gap', (w) => {
    const x = series(w, 600);
    const s = new RollingSum(w);
    for (let t = 0; t < x.length; t++) {
      const got = s.update(x[t]!);
      const win = t + 1 >= w ? Array.from(x.subarray(t - w + 1, t + 1)) : null;
      if (!win || win.some(Number.isNaN)) expect(Number.isNaN(got), `t=${t}`).toBe(true);
      else expect(got, `t=${t}`).toBeCloseTo(win.reduce((a, b) => a + b, 0), 12);
      expect(Object.is(s.at(0), x[t])).toBe(true);
    }
  });
});

describe('RollingExtreme', () => {
  it.each([[1, 'max'], [3, 'min'], [9, 'max'], [26, 'min'], [52, 'max']] as const)('window %i %s equals the naive extreme and its age, ties to the most recent or the oldest', (w, kind) => {
    const x = series(100 + w, 800);
    for (const preferRecent of [true, false]) {
      const r = new RollingExtreme(w, kind, preferRecent);
      for (let t = 0; t < x.length; t++) {
        r.update(x[t]!);
        const win = t + 1 >= w ? Array.from(x.subarray(t - w + 1, t + 1)) : null;
        if (!win || win.some(Number.isNaN)) {
          expect(Number.isNaN(r.value), `t=${t}`).toBe(true);
          continue;
        }
        const best = kind === 'max' ? Math.max(...win) : Math.min(...win);
        const index = preferRecent ? win.lastIndexOf(best) : win.indexOf(best);
        expect(r.value + 0, `t=${t}`).toBe(best + 0); // +0: -0 and 0 tie
        expect(r.argAge, `t=${t} preferRecent=${preferRecent}`).toBe(w - 1 - index);
      }
    }
  });
});
