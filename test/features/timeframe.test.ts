// Weekly/monthly bars and their alignment to daily bars without look-ahead. Reference: pandas
// groupby on the ISO week (DatetimeIndex.isocalendar()) or the calendar month of each bar's date,
// aggregated first/max/min/last/sum; weekly indicators by TA-Lib 0.8.2 on the weekly closes; the
// value a daily bar gets is the one of the previous group (the last completed period).
import { beforeAll, describe, expect, it } from 'vitest';
import { sliceBars, type Bars } from '../../lib/data/bars';
import { nyse } from '../../lib/data/calendar';
import { smaKind } from '../../lib/features/moving-average';
import { rsiKind } from '../../lib/features/rsi';
import { ichimokuKind } from '../../lib/features/ichimoku';
import { alignToBars, resampleBars, timeframeKind } from '../../lib/features/timeframe';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

type Series = (number | null)[];
interface Refs {
  week: Record<string, Series>;
  month: Record<string, Series>;
  nyWeek: Record<string, Series>;
  aligned: Record<string, Series>;
}
let refs: Refs;
const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Hourly bars at half past, 20:30 to 03:30 UTC (afternoon and evening in New York, the same New
 * York date), every day for 6 weeks of 2018 across the end of DST: the late bars of a New York
 * Sunday fall on a UTC Monday, in the next ISO week.
 */
function intradayBars(): Bars {
  const b = sp500Bars();
  const time: number[] = [];
  for (let day = Date.UTC(2018, 9, 1); day < Date.UTC(2018, 10, 12); day += 86_400_000) {
    for (let h = 20; h <= 27; h++) time.push(day + h * 3_600_000 + 1_800_000);
  }
  const n = time.length;
  return { symbol: 'X', time: Float64Array.from(time), open: b.open.slice(0, n), high: b.high.slice(0, n), low: b.low.slice(0, n), close: b.close.slice(0, n), volume: b.volume.slice(0, n) };
}

const columns = (bars: Bars): Record<string, number[]> => Object.fromEntries(FIELDS.map((f) => [f, Array.from(bars[f])]));

beforeAll(() => {
  refs = runPython<Refs>(`
import numpy as np, pandas as pd, talib
def frame(cols, tz=None):
    df = pd.DataFrame(cols)
    stamps = pd.to_datetime(df.time, unit='ms', utc=True)
    df['date'] = (stamps.dt.tz_convert(tz) if tz else stamps).dt.tz_localize(None).dt.normalize()
    return df
def resample(df, unit):
    if unit == 'week':
        iso = df.date.dt.isocalendar(); key = iso.year * 100 + iso.week
    else:
        key = df.date.dt.year * 100 + df.date.dt.month
    g = df.groupby(key.to_numpy(), sort=False)
    out = g.agg(time=('time', 'first'), open=('open', 'first'), high=('high', 'max'), low=('low', 'min'), close=('close', 'last'), volume=('volume', 'sum'))
    return out, g.ngroup().to_numpy()
def js(a): return [None if np.isnan(x) else float(x) for x in np.asarray(a, dtype=float)]
daily = frame(inp['daily'])
week, wg = resample(daily, 'week'); month, mg = resample(daily, 'month')
ny, _ = resample(frame(inp['intraday'], 'America/New_York'), 'week')
def align(values, groups):
    v = np.asarray(values, dtype=float)
    return js(np.where(groups >= 1, v[np.maximum(groups - 1, 0)], np.nan))
wc = week.close.to_numpy(dtype=float); mc = month.close.to_numpy(dtype=float)
aligned = {'sma4_week': align(talib.SMA(wc, 4), wg), 'rsi14_week': align(talib.RSI(wc, 14), wg), 'sma3_month': align(talib.SMA(mc, 3), mg)}
print(json.dumps({'week': {c: js(week[c]) for c in week}, 'month': {c: js(month[c]) for c in month},
                  'nyWeek': {c: js(ny[c]) for c in ny}, 'aligned': aligned}))
`, { daily: columns(sp500Bars()), intraday: columns(intradayBars()) });
});

describe('resampleBars', () => {
  it.each(['week', 'month'] as const)('builds %sly OHLCV bars as pandas groupby (first/max/min/last/sum), stamped at the first bar', (unit) => {
    const coarse = resampleBars(sp500Bars(), unit);
    for (const f of FIELDS) expectMatchesReference(`${unit}.${f}`, coarse[f], refs[unit][f]!, 0);
    expect(coarse.adjClose).toBeDefined();
    expect(coarse.adjClose![coarse.adjClose!.length - 1]).toBe(sp500Bars().adjClose![sp500Bars().adjClose!.length - 1]);
  });

  it('groups intraday bars by the calendar\'s local date (a New York evening is not the next UTC day)', () => {
    const bars = intradayBars();
    const ny = resampleBars(bars, 'week', { calendar: nyse });
    for (const f of FIELDS) expectMatchesReference(`nyWeek.${f}`, ny[f], refs.nyWeek[f]!, 0);
    // Sunday evening in New York is Monday by UTC dates: the weeks split differently.
    expect(Array.from(resampleBars(bars, 'week').time)).not.toEqual(Array.from(ny.time));
  });

  it('makes a period\'s high, low or volume NaN when one of its bars lacks it', () => {
    const bars = sliceBars(sp500Bars(), 0, 15);
    const high = bars.high.slice(); high[6] = Number.NaN;
    const volume = bars.volume.slice(); volume[12] = Number.NaN;
    const weekly = resampleBars({ ...bars, high, volume }, 'week'); // weeks of 4, 11, 19 (after MLK day) and 25 Jan 1999
    expect(Array.from(weekly.high, Number.isNaN)).toEqual([false, true, false, false]);
    expect(Array.from(weekly.volume, Number.isNaN)).toEqual([false, false, true, false]);
    expect(Array.from(weekly.low, Number.isNaN)).toEqual([false, false, false, false]);
  });
});

describe('alignToBars and timeframeKind', () => {
  it('give each daily bar the last completed week/month: TA-Lib on pandas-resampled bars, shifted one period', () => {
    const bars = sp500Bars();
    const sma4 = timeframeKind(smaKind, 'week');
    expect(sma4.kind).toBe('sma_weekly');
    expectMatchesReference('sma4_week', sma4.batch(bars, sma4.params({ window: 4 }, 'w'))[0]!, refs.aligned.sma4_week!);
    const rsiW = timeframeKind(rsiKind, 'week');
    expectMatchesReference('rsi14_week', rsiW.batch(bars, rsiW.params({}, 'w'))[0]!, refs.aligned.rsi14_week!);
    const smaM = timeframeKind(smaKind, 'month', { calendar: nyse });
    expect(smaM.kind).toBe('sma_monthly_nyse');
    expectMatchesReference('sma3_month', smaM.batch(bars, smaM.params({ window: 3 }, 'm'))[0]!, refs.aligned.sma3_month!);
  });

  it('never hands Wednesday (or Friday) its own week: the week reaches the bars of the next one', () => {
    const bars = sliceBars(sp500Bars(), 0, 30);
    const weekly = resampleBars(bars, 'week');
    const [aligned] = alignToBars(weekly.time, [weekly.close], bars.time);
    const friday = Array.from(bars.time).indexOf(Date.UTC(1999, 0, 15));
    expect(aligned![friday]).toBe(weekly.close[0]); // the week of 4-8 Jan, not 11-15 Jan
    expect(aligned![friday + 1]).toBe(weekly.close[1]); // Tuesday 19 Jan (Monday was a holiday)
    expect(aligned![friday + 1]).toBe(bars.close[friday]);
    expect(Array.from(aligned!.slice(0, 5), Number.isNaN)).toEqual([true, true, true, true, true]);
  });

  it('streams exactly what the batch computes and never looks ahead, cut in the middle of weeks and months', () => {
    const bars = sp500Bars();
    const wednesdays = [Date.UTC(1999, 0, 13), Date.UTC(2008, 9, 15), Date.UTC(2018, 11, 26)].map((ms) => Array.from(bars.time).indexOf(ms));
    expect(wednesdays.every((t) => t > 0)).toBe(true);
    const cuts = [1, 3, 4, 5, 6, ...wednesdays, ...wednesdays.map((t) => t + 1), 1234];
    const cases = [
      [timeframeKind(smaKind, 'week'), { window: 4 }], [timeframeKind(rsiKind, 'week', { calendar: nyse }), {}],
      [timeframeKind(ichimokuKind, 'month'), {}], [timeframeKind(smaKind, 'month'), { window: 2 }],
    ] as const;
    for (const [kind, params] of cases) {
      const k = kind as ReturnType<typeof timeframeKind<object>>;
      const p = k.params(params as never, k.kind);
      expectStreamingEqualsBatch(k, bars, p);
      expectNoLookAhead(k, bars, p, cuts);
    }
    const intraday = timeframeKind(smaKind, 'week', { calendar: nyse });
    expectStreamingEqualsBatch(intraday, intradayBars(), intraday.params({ window: 2 }, 'w'));
    expectNoLookAhead(intraday, intradayBars(), intraday.params({ window: 2 }, 'w'), [7, 40, 41, 100]);
  });

  it('rejects bad arguments naming the argument, the value and the fix', () => {
    const bars = sp500Bars();
    expect(() => resampleBars(bars, 'day' as never)).toThrow(/unit = "day": must be one of week, month\. Fix: pass 'week' or 'month'/);
    expect(() => resampleBars(bars, 'week', { tz: 'UTC' } as never)).toThrow(/options\.tz = "UTC": is not a known option\. Fix: use only: calendar/);
    expect(() => resampleBars(bars, 'week', { calendar: 'nyse' as never })).toThrow(/options\.calendar = "nyse": must be a Calendar/);
    const time = bars.time.slice(0, 10); time[5] = time[4]!;
    expect(() => resampleBars(sliceBars({ ...bars, time: Float64Array.from([...time, ...bars.time.subarray(10)]) }, 0, 10), 'week')).toThrow(/bars\.time\[5\] = \d+: is not after bars\.time\[4\] .*Fix: sort and de-duplicate the bars first/);
    const w = resampleBars(bars, 'week');
    expect(() => alignToBars(w.time, [w.close], bars.time, { completed: false as never })).toThrow(/options\.completed = false: must be true: a fine bar given its own, unfinished period's coarse values sees that period's future/);
    expect(() => alignToBars(w.time, [w.close.subarray(1)], bars.time)).toThrow(`coarseColumns[0] = array of length ${w.time.length - 1}: must have the length of coarseTime (${w.time.length})`);
    expect(() => timeframeKind(smaKind, 'year' as never)).toThrow(/unit = "year": must be one of week, month/);
    expect(() => timeframeKind(smaKind, 'week').params({ window: 0 }, 'f.w')).toThrow(/f\.w\.window = 0: must be an integer >= 1/);
  });
});
