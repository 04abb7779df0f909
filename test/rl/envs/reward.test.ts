// The differential Sharpe ratio (Moody & Saffell 1998) is the derivative of the exponentially
// weighted Sharpe ratio S = A / sqrt(B − A²) with respect to the adaptation rate: for a small
// eta, (S_t − S_{t−1}) / eta must approach D_t. This checks the formula from its definition
// rather than against a copy of itself.
import { describe, expect, it } from 'vitest';
import { DifferentialSharpe } from '../../../lib/rl';
import { createRng } from '../../../lib/util/random';

describe('DifferentialSharpe', () => {
  it('D_t is the first-order change of the moving Sharpe ratio per unit of eta', () => {
    const eta = 1e-3;
    const dsr = new DifferentialSharpe(eta);
    const rng = createRng(12);
    let a = 0, b = 0, checked = 0;
    for (let t = 0; t < 6000; t++) {
      const r = 0.0004 + 0.01 * rng.normal();
      const d = dsr.update(r);
      const before = a / Math.sqrt(b - a * a);
      a += eta * (r - a);
      b += eta * (r * r - b);
      const after = a / Math.sqrt(b - a * a);
      if (t >= 3000) {
        expect(Math.abs((after - before) / eta - d)).toBeLessThan(0.01 * Math.max(1, Math.abs(d)));
        checked++;
      }
    }
    expect(checked).toBe(3000);
  });

  it('is 0 until the moving variance is positive, and restarts on reset', () => {
    const dsr = new DifferentialSharpe(0.1);
    expect(dsr.update(0)).toBe(0);
    expect(dsr.update(0.01)).toBe(0);
    expect(dsr.update(0.02)).not.toBe(0);
    dsr.reset();
    expect(dsr.update(0.05)).toBe(0);
  });
});
