// vwap (rolling) and session_vwap (anchored at local midnight) kinds. Reference: numpy/pandas from
// the definition VWAP = sum(tp * V) / sum(V), tp = (H + L + C) / 3: window sums via
// sliding_window_view, session sums via groupby(local date).cumsum() after tz_convert.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bars } from '../../lib/data/bars';
import { LocalDayClock } from '../../lib/features/local-day';
import { rollingVwap, sessionVwap, sessionVwapKind, vwapKind } from '../../lib/features/vwap';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

interface Refs {
  series: Record<string, (number | null)[]>;
  /** Intraday stamps (epoch ms): 14 hourly bars a day, 09:30 to 22:30 New York time, across both 2018 DST changes. */
  intradayTime: number[];
}
let refs: Refs;
let intraday: Bars;
const INTRADAY_BARS = 14 * 260;

// A z-like scale argument: ratio = close / vwap - 1 is a small difference of two ~1 numbers, so
// its rounding is absolute (~1e-16), measured against max(|ratio|, 1e-6).
const RATIO_FLOOR = 1e-6;

beforeAll(() => {
  const b = sp500Bars();
  refs = runPython<Refs>(`
import numpy as np, pandas as pd
from numpy.lib.stride_tricks import sliding_window_view as windows
h, l, c, v = (np.array(inp[k], dtype=float) for k in ('high', 'low', 'close', 'volume'))
def js(a): return [None if np.isnan(x) else float(x) for x in a]
tp = (h + l + c) / 3
out = {}
for n in (20, 5, 1, 100):
    vw = np.full_like(c, np.nan)
    vw[n - 1:] = windows(tp * v, n).sum(axis=1) / windows(v, n).sum(axis=1)
    out[f'vwap{n}'] = js(vw); out[f'ratio{n}'] = js(c / vw - 1)
# intraday: weekdays of 2018, 14 hourly bars from 09:30 New York time
days = pd.bdate_range('2018-01-02', periods=260)
stamps = pd.DatetimeIndex([pd.Timestamp(d) + pd.Timedelta(hours=9.5 + k) for d in days for k in range(14)]).tz_localize('America/New_York')
n = len(stamps)
df = pd.DataFrame({'tp': tp[:n], 'v': v[:n], 'c': c[:n]}, index=stamps)
df['pv'] = df.tp * df.v
for tz in ('America/New_York', 'UTC'):
    local = df.index.tz_convert(tz).date
    g = df.groupby(local)
    sv = (g.pv.cumsum() / g.v.cumsum()).to_numpy()
    out[f'session_{tz}'] = js(sv); out[f'session_ratio_{tz}'] = js(df.c.to_numpy() / sv - 1)
utc_ms = (stamps.tz_convert('UTC').tz_localize(None) - pd.Timestamp('1970-01-01')) // pd.Timedelta(milliseconds=1)
print(json.dumps({'series': out, 'intradayTime': [int(x) for x in utc_ms]}))
`, { high: Array.from(b.high), low: Array.from(b.low), close: Array.from(b.close), volume: Array.from(b.volume) });
  const n = INTRADAY_BARS;
  intraday = {
    symbol: 'SPX-1H', time: Float64Array.from(refs.intradayTime), open: b.open.slice(0, n), high: b.high.slice(0, n),
    low: b.low.slice(0, n), close: b.close.slice(0, n), volume: b.volume.slice(0, n),
  };
});

describe('vwap kind (rolling)', () => {
  it.each([20, 5, 1, 100])('window %i matches numpy, value and close/vwap - 1, to 1e-9', (window) => {
    const [value, ratio] = vwapKind.batch(sp500Bars(), vwapKind.params({ window }, 'vwap'));
    expectMatchesReference(`vwap${window}`, value!, refs.series[`vwap${window}`]!);
    expectMatchesReference(`ratio${window}`, ratio!, refs.series[`ratio${window}`]!, 1e-9, RATIO_FLOOR);
  });

  it('defaults to 20 bars; streams exactly what the batch computes; never looks ahead', () => {
    const bars = sp500Bars();
    const p = vwapKind.params({}, 'vwap');
    expect(p).toEqual({ window: 20 });
    expect(vwapKind.outputs(p)).toEqual(['value', 'ratio']);
    expectStreamingEqualsBatch(vwapKind, bars, p);
    expectNoLookAhead(vwapKind, bars, p, [1, 19, 20, 21, 4321]);
  });

  it('is NaN where the window has no volume or holds a missing value', () => {
    const bars = { high: Float64Array.from([2, 2, 2, 2, 2]), low: Float64Array.from([1, 1, 1, 1, 1]), close: Float64Array.from([1.5, 1.5, 1.5, 1.5, 1.5]), volume: Float64Array.from([0, 0, 10, Number.NaN, 10]) };
    const [value] = rollingVwap(bars, 2);
    expect(Array.from(value!, Number.isNaN)).toEqual([true, true, false, true, true]);
    expect(value![2]).toBe(1.5);
  });
});

describe('session_vwap kind (anchored at local midnight)', () => {
  it('resets at New York midnight on intraday bars across both DST changes (pandas groupby local date)', () => {
    const [value, ratio] = sessionVwapKind.batch(intraday, sessionVwapKind.params({ timezone: 'America/New_York' }, 'sv'));
    expectMatchesReference('session NY', value!, refs.series['session_America/New_York']!);
    expectMatchesReference('session NY ratio', ratio!, refs.series['session_ratio_America/New_York']!, 1e-9, RATIO_FLOOR);
  });

  it('defaults to UTC days, which split a New York evening session (so the timezone matters)', () => {
    const p = sessionVwapKind.params({}, 'sv');
    expect(p).toEqual({ timezone: 'UTC' });
    const [value] = sessionVwapKind.batch(intraday, p);
    expectMatchesReference('session UTC', value!, refs.series.session_UTC!);
    const ny = refs.series['session_America/New_York']!;
    expect(ny.some((x, t) => Math.abs(x! - value![t]!) > 1e-6 * Math.abs(x!))).toBe(true);
  });

  it('streams exactly what the batch computes and never looks ahead (cuts inside a day)', () => {
    const p = sessionVwapKind.params({ timezone: 'America/New_York' }, 'sv');
    expectStreamingEqualsBatch(sessionVwapKind, intraday, p);
    expectNoLookAhead(sessionVwapKind, intraday, p, [1, 7, 14, 15, 14 * 47 + 5, 14 * 200 + 13]);
  });

  it('makes the rest of a session NaN after a missing value, then resets', () => {
    const volume = intraday.volume.slice(0, 42);
    volume[16] = Number.NaN;
    const [value] = sessionVwap({ ...intraday, time: intraday.time.subarray(0, 42), high: intraday.high.subarray(0, 42), low: intraday.low.subarray(0, 42), close: intraday.close.subarray(0, 42), volume }, 'America/New_York');
    expect(Array.from(value!.slice(13, 30), Number.isNaN)).toEqual([false, false, false, ...Array(12).fill(true), false, false]);
  });

  it('finds local days by a cached clock that agrees with Intl on every stamp, DST at 2am or at midnight', () => {
    // Santiago's clocks change at midnight (the day starts at 01:00 or twice at 00:00); Lord Howe by 30 minutes.
    for (const zone of ['America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata']) {
      const clock = new LocalDayClock(zone);
      const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      const stamps: number[] = [];
      // Every half hour (where clocks change) and the millisecond before it.
      for (let ms = Date.UTC(2018, 0, 1); ms < Date.UTC(2019, 0, 1); ms += 30 * 60_000) stamps.push(ms - 1, ms);
      const wrong = stamps.filter((ms) => new Date(clock.dayOf(ms) * 86_400_000).toISOString().slice(0, 10) !== fmt.format(ms));
      expect(wrong, zone).toEqual([]);
    }
  });

  it('rejects bad parameters and columns naming the argument, the value and the fix', () => {
    expect(() => sessionVwapKind.params({ timezone: 'New York' }, 'f.sv')).toThrow(/f\.sv\.timezone = "New York": must be an IANA timezone name\. Fix: pass e\.g\. 'America\/New_York' or 'UTC'/);
    expect(() => vwapKind.params({ window: 0 }, 'f.vwap')).toThrow(/f\.vwap\.window = 0: must be an integer >= 1\. Fix: pass e\.g\. 20/);
    expect(() => vwapKind.params({ typical: true } as never, 'vwap')).toThrow(/vwap\.typical = true: is not a known option\. Fix: use only: window/);
    const b = sp500Bars();
    expect(() => rollingVwap({ ...b, volume: b.volume.subarray(1) }, 20)).toThrow(`bars.volume = array of length ${b.close.length - 1}: must have the length of bars.close (${b.close.length})`);
    expect(() => sessionVwap(b, 'Mars/Olympus')).toThrow(/timezone = "Mars\/Olympus": must be an IANA timezone name/);
  });
});
