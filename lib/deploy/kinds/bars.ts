// Checked input columns as the Bars the feature code takes.
import type { Bars } from '../../data/bars';
import type { InputColumns } from '../signature';

/** Bars over the input's columns (shared, not copied: the columns are already private copies). */
export function inputBars(input: InputColumns, symbol = 'input'): Bars {
  const c = input.columns;
  return { symbol: input.symbol ?? symbol, time: c.time!, open: c.open!, high: c.high!, low: c.low!, close: c.close!, volume: c.volume! };
}

/** One price series as close-only Bars (open = high = low = close, volume 0), as closeBars builds them. */
export function closeOnlyBars(symbol: string, time: Float64Array, close: Float64Array): Bars {
  return { symbol, time, open: close, high: close, low: close, close, volume: new Float64Array(close.length) };
}

/** The raw columns of bars in the signature's order, for the data fingerprint. */
export function barColumns(bars: Bars): Record<string, Float64Array> {
  return { time: bars.time, open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume };
}
