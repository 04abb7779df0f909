import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../lib/util/errors';
import { createRng } from '../../lib/util/random';
import { fitGarch11, GARCH11_MIN_OBSERVATIONS, simulateGarch11 } from '../../lib/stats';

const good = () => simulateGarch11({ mu: 0, omega: 0.05, alpha: 0.1, beta: 0.85 }, 300, createRng(9)).returns;

function thrown(fn: () => unknown): InvalidArgumentError {
  try { fn(); } catch (e) { if (e instanceof InvalidArgumentError) return e; throw e; }
  throw new Error('expected an InvalidArgumentError');
}

describe('fitGarch11 input validation', () => {
  it('rejects a NaN or Infinity inside the series, naming returns and the index', () => {
    const y = good(); y[137] = NaN;
    const e = thrown(() => fitGarch11(y));
    expect(e.argument).toBe('returns');
    expect(e.message).toMatch(/index 137/);
    const z = good(); z[5] = Infinity;
    expect(thrown(() => fitGarch11(z)).argument).toBe('returns');
  });

  it(`rejects fewer than GARCH11_MIN_OBSERVATIONS (${GARCH11_MIN_OBSERVATIONS}) observations`, () => {
    const e = thrown(() => fitGarch11(good().slice(0, GARCH11_MIN_OBSERVATIONS - 1)));
    expect(e.argument).toBe('returns');
    expect(e.message).toMatch(/minimum of 100/);
    expect(fitGarch11(good().slice(0, GARCH11_MIN_OBSERVATIONS)).nobs).toBe(GARCH11_MIN_OBSERVATIONS);
  });

  it('rejects a constant series', () => {
    const e = thrown(() => fitGarch11(new Float64Array(500).fill(0.25)));
    expect(e.argument).toBe('returns');
    expect(e.message).toMatch(/constant/);
  });

  it('rejects a plain array, unknown options and infeasible starting values', () => {
    expect(thrown(() => fitGarch11(Array.from(good()) as never)).argument).toBe('returns');
    expect(thrown(() => fitGarch11(good(), { maxIter: 5 } as never)).argument).toBe('options.maxIter');
    expect(thrown(() => fitGarch11(good(), { startingValues: { mu: 0, omega: 0.1, alpha: 0.5, beta: 0.6 } })).argument)
      .toBe('options.startingValues.alpha + options.startingValues.beta');
  });

  it('does not mutate its input', () => {
    const y = good(), copy = Float64Array.from(y);
    fitGarch11(y);
    expect(Array.from(y)).toEqual(Array.from(copy));
  });
});
