import { describe, expect, it } from 'vitest';
import { filterGarch11 } from '../../lib/stats/filter';
import { fitGarch11 } from '../../lib/stats/garch11';
import { simulateGarch11 } from '../../lib/stats/simulate';
import { createRng } from '../../lib/util/random';
import { InvalidArgumentError } from '../../lib/util/errors';

const truth = { mu: 0.05, omega: 0.02, alpha: 0.08, beta: 0.9 };
const { returns } = simulateGarch11(truth, 3000, createRng(11));

describe('filterGarch11', () => {
  it('reproduces the fit\'s conditional volatility on the fitting sample (bounds do not bind)', () => {
    const fit = fitGarch11(returns.subarray(0, 2000));
    const f = filterGarch11(returns.subarray(0, 2000), fit.params, fit.backcast);
    let worst = 0;
    for (let t = 0; t < 2000; t++) worst = Math.max(worst, Math.abs(f.conditionalVolatility[t] - fit.conditionalVolatility[t]));
    expect(worst).toBeLessThan(1e-12);
  });

  it('never changes past values when later returns are appended (no look-ahead)', () => {
    const fit = fitGarch11(returns.subarray(0, 2000));
    const short = filterGarch11(returns.subarray(0, 2500), fit.params, fit.backcast);
    const long = filterGarch11(returns, fit.params, fit.backcast);
    expect(Array.from(long.conditionalVolatility.subarray(0, 2500))).toEqual(Array.from(short.conditionalVolatility));
    expect(Array.from(long.nextVolatility.subarray(0, 2500))).toEqual(Array.from(short.nextVolatility));
  });

  it('gives next-period volatility equal to the following conditional volatility', () => {
    const f = filterGarch11(returns, truth, 1);
    for (const t of [0, 10, 2998]) expect(f.nextVolatility[t]).toBeCloseTo(f.conditionalVolatility[t + 1], 12);
  });

  it('rejects a NaN return naming its index', () => {
    const bad = returns.slice(0, 200);
    bad[0] = NaN;
    expect(() => filterGarch11(bad, truth, 1)).toThrow(InvalidArgumentError);
    expect(() => filterGarch11(bad, truth, 1)).toThrow(/returns\[0\]/);
  });
});
