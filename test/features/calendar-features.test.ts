// calendar kind. Reference: pandas from the definitions, given the NYSE session list of
// lib/data/calendar.ts (the calendar is this feature's input; its own rules are tested in
// test/data): dayofweek / month / quarter / day, month (quarter) end = the date is the last session
// of its month (quarter), holidays = business days (bdate_range) that are not sessions,
// days to / since a holiday and pre/post holiday by numpy.searchsorted.
import { beforeAll, describe, expect, it } from 'vitest';
import { crypto247, holidays, makeCalendar, nyse, sessionDateOf, sessions, weekdays } from '../../lib/data/calendar';
import type { Bars } from '../../lib/data/bars';
import { CALENDAR_OUTPUTS, calendarFeatures, calendarKind, CalendarFeatureState } from '../../lib/features/calendar-features';
import { runPython } from '../helpers/python';
import { expectMatchesReference, expectNoLookAhead, expectStreamingEqualsBatch, sp500Bars } from './kind-contract';

type Refs = Record<'daily' | 'intraday', Record<string, (number | null)[]>>;
let refs: Refs;

/**
 * Hourly stamps at half past, 04:30 to 00:30 New York time, around Thanksgiving, Christmas and New
 * Year 2018 (DST ends 2018-11-04): evening bars fall on the next UTC date.
 */
function intradayBars(): Bars {
  const time: number[] = [];
  for (let day = Date.UTC(2018, 9, 29); day < Date.UTC(2019, 0, 8); day += 86_400_000) {
    for (let h = 9; h <= 28; h++) time.push(day + h * 3_600_000 + 1_800_000); // 09:30 .. 04:30+1 UTC
  }
  const n = time.length;
  const one = new Float64Array(n).fill(1);
  return { symbol: 'X', time: Float64Array.from(time), open: one, high: one, low: one, close: one, volume: one };
}

beforeAll(() => {
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  const intraday = intradayBars();
  refs = runPython<Refs>(`
import numpy as np, pandas as pd
sess = pd.DatetimeIndex(inp['sessions'])
business = pd.bdate_range(inp['from'], inp['to'])
hol = business[~business.isin(sess)]
def features(dates):
    d = pd.DatetimeIndex(dates)
    s = pd.Series(sess, index=sess)
    last_m = s.groupby([sess.year, sess.month]).max()
    last_q = s.groupby([sess.year, sess.quarter]).max()
    month_end = np.array([last_m.get((x.year, x.month)) == x for x in d], dtype=float)
    quarter_end = np.array([last_q.get((x.year, x.quarter)) == x for x in d], dtype=float)
    hv = hol.values; sv = sess.values; dv = d.values
    nh = hv[np.searchsorted(hv, dv, side='right')]
    ph = hv[np.searchsorted(hv, dv, side='left') - 1]
    ns = sv[np.searchsorted(sv, dv, side='right')]
    ps = sv[np.searchsorted(sv, dv, side='left') - 1]
    day = np.timedelta64(1, 'D')
    return {'dayOfWeek': d.dayofweek.astype(float).tolist(), 'month': d.month.astype(float).tolist(),
            'quarter': d.quarter.astype(float).tolist(), 'dayOfMonth': d.day.astype(float).tolist(),
            'isMonthEnd': month_end.tolist(), 'isQuarterEnd': quarter_end.tolist(),
            'daysToNextHoliday': ((nh - dv) / day).astype(float).tolist(), 'daysSinceLastHoliday': ((dv - ph) / day).astype(float).tolist(),
            'isPreHoliday': (nh < ns).astype(float).tolist(), 'isPostHoliday': (ph > ps).astype(float).tolist()}
local = pd.to_datetime(inp['intraday'], unit='ms', utc=True).tz_convert('America/New_York').tz_localize(None).normalize()
print(json.dumps({'daily': features(inp['daily']), 'intraday': features(local)}))
`, {
    sessions: sessions(nyse, '1998-01-01', '2020-12-31'), from: '1998-01-01', to: '2020-12-31',
    daily: Array.from(sp500Bars().time, iso), intraday: Array.from(intraday.time),
  });
});

describe('calendar kind', () => {
  it('matches pandas on the S&P 500 daily bars (NYSE calendar), every output exactly', () => {
    const p = calendarKind.params({}, 'cal');
    expect(p).toEqual({ calendar: 'nyse' });
    expect(calendarKind.outputs(p)).toEqual(CALENDAR_OUTPUTS);
    calendarKind.batch(sp500Bars(), p).forEach((col, j) => expectMatchesReference(`daily.${CALENDAR_OUTPUTS[j]}`, col, refs.daily[CALENDAR_OUTPUTS[j]!]!, 0));
  });

  it('dates intraday bars in New York time (across the DST change and UTC midnight), as sessionDateOf does', () => {
    const bars = intradayBars();
    const cols = calendarFeatures(bars.time, nyse);
    cols.forEach((col, j) => expectMatchesReference(`intraday.${CALENDAR_OUTPUTS[j]}`, col, refs.intraday[CALENDAR_OUTPUTS[j]!]!, 0));
    const [dow, , , dom] = cols;
    const mismatch = Array.from(bars.time).findIndex((ms, t) => {
      const date = sessionDateOf(nyse, ms);
      return Number(date.slice(8)) !== dom![t] || (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7 !== dow![t];
    });
    expect(mismatch).toBe(-1);
    // The daily-bar rule of sessionDateOf: a stamp at exactly 00:00 UTC is the daily bar of that date.
    expect(calendarFeatures(Float64Array.from([Date.UTC(2018, 10, 22)]), nyse)[0]![0]).toBe(3);
  });

  it('flags month ends from the calendar alone: on the sample they are the last bar of each month', () => {
    const bars = sp500Bars();
    const [, month, , , monthEnd] = calendarKind.batch(bars, calendarKind.params({}, 'cal'));
    const lastOfMonth = Array.from(month!, (m, t) => (t + 1 < month!.length ? (month![t + 1] !== m ? 1 : 0) : monthEnd![t]));
    expect(Array.from(monthEnd!)).toEqual(lastOfMonth);
    // Thanksgiving 2018 (Thu 22 Nov): Wednesday is pre-holiday (last holiday: Labor Day, 3 Sep),
    // Friday post-holiday with 12 days to the next closure (5 Dec, mourning for President Bush).
    const t = Array.from(bars.time).indexOf(Date.UTC(2018, 10, 21));
    const cols = calendarKind.batch(bars, calendarKind.params({}, 'cal'));
    const at = (row: number): number[] => cols.map((c) => c[row]!);
    expect(at(t)).toEqual([2, 11, 4, 21, 0, 0, 1, 79, 1, 0]);
    expect(at(t + 1)).toEqual([4, 11, 4, 23, 0, 0, 12, 1, 0, 1]);
  });

  it('gives NaN days-to-holiday on calendars without holidays, and reads custom calendars', () => {
    const time = Float64Array.from([Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 6), Date.UTC(2024, 0, 31)]);
    const crypto = calendarFeatures(time, crypto247);
    expect(Array.from(crypto[6]!).every(Number.isNaN)).toBe(true);
    expect(Array.from(crypto[8]!)).toEqual([0, 0, 0]);
    expect(Array.from(calendarFeatures(time, weekdays)[4]!)).toEqual([0, 0, 1]);
    const custom = makeCalendar({ name: 'x', timezone: 'UTC', closures: ['2024-01-31'] });
    expect(holidays(custom, 2024)).toEqual(['2024-01-31']);
    const c = calendarFeatures(Float64Array.from([Date.UTC(2024, 0, 30)]), custom);
    expect([c[4]![0], c[6]![0], c[8]![0]]).toEqual([1, 1, 1]); // last session of January, the day before a holiday
  });

  it('streams exactly what the batch computes and never looks ahead (features need no later bar)', () => {
    const bars = sp500Bars();
    for (const calendar of ['nyse', 'weekdays', 'crypto247']) {
      const p = calendarKind.params({ calendar }, 'cal');
      expectStreamingEqualsBatch(calendarKind, bars, p);
      expectNoLookAhead(calendarKind, bars, p, [1, 20, 21, 22, 2345]);
    }
    expectStreamingEqualsBatch(calendarKind, intradayBars(), calendarKind.params({}, 'cal'));
  });

  it('rejects bad parameters naming the argument, the value and the fix', () => {
    expect(() => calendarKind.params({ calendar: 'lse' }, 'f.cal')).toThrow(/f\.cal\.calendar = "lse": must name a built-in calendar \(nyse, weekdays, crypto247\)\. Fix: pass 'nyse', or call calendarFeatures\(time, calendar\) with your own Calendar/);
    expect(() => calendarKind.params({ timezone: 'UTC' } as never, 'cal')).toThrow(/cal\.timezone = "UTC": is not a known option\. Fix: use only: calendar/);
    expect(() => new CalendarFeatureState({ name: 'x' } as never)).toThrow(/calendar = \{"name":"x"\}: must be a Calendar/);
    expect(() => calendarFeatures(Float64Array.from([Date.UTC(1965, 0, 4)]), nyse)).toThrow(/date = "1965-01-01": is before 1971/);
  });
});
