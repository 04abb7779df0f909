// Shared set-up of the TA-Lib family tests (weighted averages, MACD, momentum, stochastics,
// oscillators): variants of the S&P 500 sample with a missing bar or a flat stretch, and the
// Python prelude that computes TA-Lib 0.8.2 references on them (one python call per test file).
import { expect, it } from 'vitest';
import type { Bars } from '../../lib/data/bars';
import type { FeatureKind } from '../../lib/features/kind';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

export type Refs = Record<string, (number | null)[]>;

/** Where the gap and the flat stretch go in the 5,030-bar sample. */
export const GAP_AT = 1500;
export const FLAT_FROM = 2500;
export const FLAT_TO = 2560;

/** Copy of `bars` with NaN in `columns` at row `at`. */
export function withGap(bars: Bars, at: number, columns: readonly ('open' | 'high' | 'low' | 'close' | 'volume')[]): Bars {
  const copy = { ...bars, open: bars.open.slice(), high: bars.high.slice(), low: bars.low.slice(), close: bars.close.slice(), volume: bars.volume.slice() };
  for (const c of columns) copy[c][at] = Number.NaN;
  return copy;
}

/** Copy of `bars` where rows [from, to) repeat the close of row `from` as open, high, low and close. */
export function withFlat(bars: Bars, from: number, to: number): Bars {
  const copy = { ...bars, open: bars.open.slice(), high: bars.high.slice(), low: bars.low.slice(), close: bars.close.slice() };
  const level = bars.close[from]!;
  for (let t = from; t < to; t++) { copy.open[t] = level; copy.high[t] = level; copy.low[t] = level; copy.close[t] = level; }
  return copy;
}

/** Scale of the tiny-units variant: prices near 1e-13, where any absolute zero band would fire. */
export const TINY = 1e-16;

/** Copy of `bars` with prices multiplied by TINY (volume unchanged). */
export function withTinyPrices(bars: Bars): Bars {
  const scale = (x: Float64Array) => x.map((v) => v * TINY);
  return { ...bars, open: scale(bars.open), high: scale(bars.high), low: scale(bars.low), close: scale(bars.close) };
}

/** The columns TA-Lib reads, as JSON-ready arrays (NaN as null). */
export function barsInput(bars: Bars): Record<string, (number | null)[]> {
  const col = (x: Float64Array) => Array.from(x, (v) => (Number.isNaN(v) ? null : v));
  return { open: col(bars.open), high: col(bars.high), low: col(bars.low), close: col(bars.close), volume: col(bars.volume) };
}

type GapColumn = 'open' | 'high' | 'low' | 'close' | 'volume';

/** One indicator configuration checked against TA-Lib: `py` is a Python expression over the data dict D. */
export interface TaCase<P extends object> {
  readonly id: string;
  readonly kind: FeatureKind<P>;
  readonly params: Partial<P>;
  readonly py: string;
  /** Column that holds the missing bar in the gap test (default close). */
  readonly gap?: GapColumn;
}

/** Checks a case's params against its kind, then erases the parameter type so cases share a list. */
export function taCase<P extends object>(c: TaCase<P>): TaCase<object> {
  return c as unknown as TaCase<object>;
}

/**
 * Computes, in one python call, TA-Lib's values for every case on the sample (id), on the sample
 * with a missing bar (id@gap: TA-Lib on the rows before the gap, NaN, TA-Lib on the rows after it,
 * which is what restarting after a gap must give), on the sample with a flat stretch (id@flat) and
 * on the sample quoted in tiny units (id@tiny); `extras` are further named Python expressions over B.
 */
export function taReferences(base: Bars, cases: readonly TaCase<object>[], extras: Readonly<Record<string, string>> = {}): Refs {
  const gaps = Object.fromEntries((['open', 'high', 'low', 'close', 'volume'] as const).map((c) => [c, barsInput(withGap(base, GAP_AT, [c]))]));
  const code = [PY_PRELUDE, ...cases.map((c) => [
    `f = lambda D: ${c.py}`,
    `put(${JSON.stringify(c.id)}, f(B))`,
    `put(${JSON.stringify(c.id + '@gap')}, gapped(f, G[${JSON.stringify(c.gap ?? 'close')}]))`,
    `put(${JSON.stringify(c.id + '@flat')}, f(F))`,
    `put(${JSON.stringify(c.id + '@tiny')}, f(T))`,
  ].join('\n')), ...Object.entries(extras).map(([id, py]) => `put(${JSON.stringify(id)}, ${py})`), 'done()'].join('\n');
  return runPython<Refs>(code, {
    base: barsInput(base), gap: gaps, flat: barsInput(withFlat(base, FLAT_FROM, FLAT_TO)), tiny: barsInput(withTinyPrices(base)),
  });
}

/** The bars a case's variant runs on. */
export type Variant = '' | '@gap' | '@flat' | '@tiny';

export function variantBars(base: Bars, c: TaCase<object>, variant: Variant): Bars {
  if (variant === '@gap') return withGap(base, GAP_AT, [c.gap ?? 'close']);
  if (variant === '@tiny') return withTinyPrices(base);
  if (variant === '@flat') return withFlat(base, FLAT_FROM, FLAT_TO);
  return base;
}

/** Batch output of the case on a variant of the sample equals the TA-Lib reference (1e-9 relative). */
export function expectCaseMatches(c: TaCase<object>, base: Bars, refs: Refs, variant: Variant = '', rtol = 1e-9): void {
  const params = c.kind.params(c.params, c.id);
  const ours = c.kind.batch(variantBars(base, c, variant), params);
  const names = c.kind.outputs(params);
  expect(ours.length).toBe(names.length);
  ours.forEach((col, j) => {
    const key = names.length === 1 ? c.id + variant : `${c.id}${variant}.${j}`;
    expect(refs[key], `reference ${key}`).toBeDefined();
    expectMatchesReference(`${key} (${names[j]})`, col, refs[key]!, rtol);
  });
}

/**
 * Python prelude: `B` (the sample), `G[column]` (the sample with a missing value in that column),
 * `F` (with a flat stretch), `T` (in tiny units), each a dict of float arrays; `gapped(f, D)` is
 * f on the rows before the gap, NaN at the gap, f on the rows after it. `put` collects results; `done()` prints.
 */
export const PY_PRELUDE = `
import numpy as np, talib
def arrays(d): return {k: np.array([np.nan if v is None else v for v in vals], dtype=float) for k, vals in d.items()}
B = arrays(inp['base']); F = arrays(inp['flat']); T = arrays(inp['tiny']); G = {c: arrays(d) for c, d in inp['gap'].items()}
GAP = ${GAP_AT}
def sl(D, a, b): return {k: v[a:b] for k, v in D.items()}
def gapped(f, D):
    before = f(sl(D, 0, GAP)); after = f(sl(D, GAP + 1, len(D['close'])))
    if isinstance(before, tuple):
        return tuple(np.concatenate([b, [np.nan], a]) for b, a in zip(before, after))
    return np.concatenate([before, [np.nan], after])
out = {}
def put(name, v):
    if isinstance(v, tuple):
        for i, part in enumerate(v): put(f'{name}.{i}', part)
    else:
        out[name] = [None if np.isnan(x) else float(x) for x in v]
def done(): print(json.dumps(out))
`;

/**
 * The contract every TA-Lib case meets, registered inside the caller's describe(): TA-Lib
 * agreement on the sample and on its gap, flat and tiny-price variants, streaming = batch, and
 * no look-ahead at `cuts` (chosen around each family's warm-up boundaries).
 */
export function taContractTests(cases: readonly TaCase<object>[], refs: () => Refs, cuts: readonly number[], flatNote = ''): void {
  const each = cases.map((c) => [c.id, c] as const);
  it.each(each)('%s matches TA-Lib to 1e-9 relative', (_id, c) => expectCaseMatches(c, sp500Bars(), refs()));
  it.each(each)('%s restarts after a missing value exactly as TA-Lib on the rows after it', (_id, c) => expectCaseMatches(c, sp500Bars(), refs(), '@gap'));
  it.each(each)(`%s matches TA-Lib over a flat stretch${flatNote}`, (_id, c) => expectCaseMatches(c, sp500Bars(), refs(), '@flat'));
  it.each(each)('%s matches TA-Lib on prices quoted in tiny units (no absolute zero band)', (_id, c) => expectCaseMatches(c, sp500Bars(), refs(), '@tiny'));
  it('streams exactly what the batch computes and never looks ahead', () => {
    const bars = sp500Bars();
    for (const c of cases) {
      const p = c.kind.params(c.params, c.id);
      expectStreamingEqualsBatch(c.kind, bars, p);
      expectNoLookAhead(c.kind, bars, p, cuts);
    }
  });
}
