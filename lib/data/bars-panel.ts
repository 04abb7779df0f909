// Several symbols' bars on one time index. Kept wide, as one Bars per symbol that all share the
// panel's `time` array, rather than as a long Arrow table with a symbol column: every kernel in
// features/stats/models takes one symbol's Float64Array columns, and cross-sectional work
// (portfolios, pair screens) needs row i to be the same instant for every symbol. Both hold only
// when the columns are aligned up front. Long format is an exchange format here (panelToArrow),
// the shape pandas, pyarrow and databases expect.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';
import { assertBars, type Bars } from './bars';
import { localDate } from './timezone';

export interface BarsPanel {
  /** Epoch ms (UTC), strictly increasing; bars[i].time is this very array. */
  readonly time: Float64Array;
  readonly symbols: readonly string[];
  /** One Bars per symbol, in the order of `symbols`. */
  readonly bars: readonly Bars[];
  /** The zone every member's bars carry; absent means UTC. */
  readonly timezone?: string;
}

/**
 * 'inner' keeps the instants every symbol has; 'outer' keeps the instants any symbol has and
 * fills the others' rows with NaN (a missing bar, never a carried-forward or invented price).
 */
export type PanelAlign = 'inner' | 'outer';
export const PANEL_ALIGNS: readonly PanelAlign[] = ['inner', 'outer'];
/** Outer by default: dropping rows is a decision the caller should make knowingly. */
export const DEFAULT_PANEL_ALIGN: PanelAlign = 'outer';

export interface PanelFromBarsOptions {
  readonly align?: PanelAlign;
}

/**
 * Aligns bars of distinct symbols on one time index. A member whose timestamps already equal the
 * index keeps its own column arrays (no copy); the others get fresh NaN-filled columns.
 */
export function panelFromBars(list: readonly Bars[], options: PanelFromBarsOptions = {}): BarsPanel {
  rejectUnknownOptions('options', options, ['align']);
  const align = options.align ?? DEFAULT_PANEL_ALIGN;
  if (!PANEL_ALIGNS.includes(align)) {
    throw new InvalidArgumentError('options.align', align, 'is not an alignment', `use one of ${PANEL_ALIGNS.map((a) => `'${a}'`).join(', ')}`);
  }
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidArgumentError('list', list, 'must be a non-empty array of Bars', 'pass one Bars per symbol, e.g. [spy, qqq]');
  }
  const seen = new Set<string>();
  list.forEach((bars, i) => {
    assertBars(bars, `list[${i}]`);
    assertIncreasing(bars.time, `list[${i}].time`);
    if (seen.has(bars.symbol)) {
      throw new InvalidArgumentError(`list[${i}].symbol`, bars.symbol, 'appears twice in the list', 'pass each symbol once (merge its bars first)');
    }
    seen.add(bars.symbol);
    if (bars.timezone !== list[0]!.timezone) {
      throw new InvalidArgumentError(`list[${i}].timezone`, bars.timezone ?? 'UTC', `differs from list[0].timezone (${list[0]!.timezone ?? 'UTC'})`,
        'give every member the same zone ({ ...bars, timezone }); the instants are UTC either way');
    }
  });
  const time = alignedIndex(list.map((b) => b.time), align);
  if (time.length === 0) {
    throw new InvalidArgumentError('list', list.map((b) => b.symbol).join(', '), 'have no timestamp in common',
      "use { align: 'outer' }, or check that the symbols' date ranges overlap");
  }
  const timezone = list[0]!.timezone;
  return {
    time,
    symbols: list.map((b) => b.symbol),
    bars: list.map((b) => reindex(b, time)),
    ...(timezone !== undefined ? { timezone } : {}),
  };
}

export function panelSymbols(panel: BarsPanel): readonly string[] {
  return panel.symbols;
}

/** The bars of one symbol (sharing the panel's memory). */
export function panelBars(panel: BarsPanel, symbol: string): Bars {
  const i = panel.symbols.indexOf(symbol);
  if (i < 0) throw new InvalidArgumentError('symbol', symbol, 'is not in the panel', `use one of ${panel.symbols.join(', ')}`);
  return panel.bars[i]!;
}

export function assertIncreasing(time: Float64Array, argument: string, timezone?: string): void {
  for (let k = 0; k < time.length; k++) {
    const t = time[k]!;
    if (!Number.isFinite(t)) {
      throw new InvalidArgumentError(`${argument}[${k}]`, t, 'is not a timestamp', 'drop rows without a timestamp (validateBars lists them)');
    }
    if (k > 0 && !(t > time[k - 1]!)) {
      throw new InvalidArgumentError(`${argument}[${k}]`, `${t} (${localDate(t, timezone)})`, 'is not after the previous timestamp',
        'sort the bars by time and drop duplicate timestamps (validateBars reports them)');
    }
  }
}

/** Union or intersection of strictly increasing time arrays. */
function alignedIndex(times: readonly Float64Array[], align: PanelAlign): Float64Array {
  if (times.every((t) => sameValues(t, times[0]!))) return times[0]!;
  const all = new Float64Array(times.reduce((s, t) => s + t.length, 0));
  let at = 0;
  for (const t of times) { all.set(t, at); at += t.length; }
  all.sort();
  const out: number[] = [];
  // Each input is strictly increasing, so a value's run length is the number of members holding it.
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j] === all[i]) j++;
    if (align === 'outer' || j - i === times.length) out.push(all[i]!);
    i = j;
  }
  return Float64Array.from(out);
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const VALUE_COLUMNS = ['open', 'high', 'low', 'close', 'volume', 'adjClose'] as const;

function reindex(bars: Bars, time: Float64Array): Bars {
  if (sameValues(bars.time, time)) return { ...bars, time };
  const out: Record<string, Float64Array> = {};
  for (const name of VALUE_COLUMNS) if (bars[name]) out[name] = new Float64Array(time.length).fill(Number.NaN);
  // Two-pointer merge: both time arrays are strictly increasing.
  for (let src = 0, dst = 0; src < bars.time.length && dst < time.length;) {
    const a = bars.time[src]!, b = time[dst]!;
    if (a < b) src++;
    else if (a > b) dst++;
    else {
      for (const name of VALUE_COLUMNS) if (bars[name]) out[name]![dst] = bars[name]![src]!;
      src++; dst++;
    }
  }
  return { ...bars, time, ...out } as Bars;
}
