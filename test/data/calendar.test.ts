import { beforeAll, describe, expect, it } from 'vitest';
import {
  crypto247, easterSunday, holidays, isoDate, makeCalendar, nonSessionWeekdays, nyse, NYSE_FIRST_YEAR, readBarsCsv,
  sessionDateOf, sessions, weekdays,
} from '../../lib/data';
import { InvalidArgumentError } from '../../lib/util/errors';
import { runPython } from '../helpers/python';
import { SP500_GZ } from './fixtures';

const LAST_YEAR = 2099;

// Reference: the NYSE holiday rules written with pandas.tseries.holiday (pandas' own rule engine and
// dateutil's Easter), independently of lib/data/calendar.ts. Observance as NYSE Rule 7.2: Saturday
// holidays move to Friday, Sunday ones to Monday, except New Year's Day on a Saturday (not observed).
const REFERENCE = `
import pandas as pd
from dateutil.easter import easter
from pandas.tseries.holiday import (AbstractHolidayCalendar, Holiday, GoodFriday, USPresidentsDay, USMemorialDay,
    USLaborDay, USThanksgivingDay, nearest_workday, sunday_to_monday)
from pandas.tseries.offsets import DateOffset
from dateutil.relativedelta import MO
class NYSE(AbstractHolidayCalendar):
    rules = [
        Holiday('NewYear', month=1, day=1, observance=sunday_to_monday, days_of_week=(0, 1, 2, 3, 4)),
        Holiday('MLK', month=1, day=1, start_date=pd.Timestamp('1998-01-01'), offset=DateOffset(weekday=MO(3))),
        USPresidentsDay, GoodFriday, USMemorialDay,
        Holiday('Juneteenth', month=6, day=19, start_date=pd.Timestamp('2022-01-01'), observance=nearest_workday),
        Holiday('July4', month=7, day=4, observance=nearest_workday),
        USLaborDay, USThanksgivingDay,
        Holiday('Christmas', month=12, day=25, observance=nearest_workday),
    ]
days = NYSE().holidays(start=f"{inp['first']}-01-01", end=f"{inp['last']}-12-31")
print(json.dumps({
    'holidays': [d.strftime('%Y-%m-%d') for d in days],
    'easter': {str(y): easter(y).isoformat() for y in range(inp['first'], inp['last'] + 1)},
}))
`;

// Unscheduled closures: NYSE closings history as collected in pandas_market_calendars
// (holidays_nyse.py: Election Days 1968-1980, funerals and days of mourning, Hurricane Gloria,
// 1977 blackout, 9/11, Hurricane Sandy) plus the NYSE notice for President Carter's day of mourning.
const SPECIAL = [
  '1972-11-07', '1972-12-28', '1973-01-25', '1976-11-02', '1977-07-14', '1980-11-04', '1985-09-27', '1994-04-27',
  '2001-09-11', '2001-09-12', '2001-09-13', '2001-09-14', '2004-06-11', '2007-01-02', '2012-10-29', '2012-10-30',
  '2018-12-05', '2025-01-09',
];

let ref: { holidays: string[]; easter: Record<string, string> };
beforeAll(() => {
  ref = runPython(REFERENCE, { first: NYSE_FIRST_YEAR, last: LAST_YEAR });
});

describe('nyse calendar', () => {
  it('has a session on every S&P 500 bar date and a bar on every session, 1999-2018', () => {
    const bars = readBarsCsv(SP500_GZ, { symbol: 'SPX' });
    const barDates = Array.from(bars.time, isoDate);
    const expected = sessions(nyse, barDates[0]!, barDates[barDates.length - 1]!);
    const barSet = new Set(barDates);
    const sessionSet = new Set(expected);
    const barsOffCalendar = barDates.filter((d) => !sessionSet.has(d));
    const sessionsWithoutBar = expected.filter((d) => !barSet.has(d));
    expect(barsOffCalendar, `bar dates that are not nyse sessions: ${barsOffCalendar.join(', ')}`).toEqual([]);
    expect(sessionsWithoutBar, `nyse sessions without a bar: ${sessionsWithoutBar.join(', ')}`).toEqual([]);
    expect(expected.length).toBe(5031);
  });

  it('closes on the rule holidays of pandas.tseries.holiday and on the documented special closures, 1971-2099', () => {
    const ours: string[] = [];
    for (let y = NYSE_FIRST_YEAR; y <= LAST_YEAR; y++) ours.push(...holidays(nyse, y));
    const theirs = new Set(ref.holidays);
    const notClosed = ref.holidays.filter((d) => !ours.includes(d));
    expect(notClosed, `reference holidays that nyse trades on: ${notClosed.join(', ')}`).toEqual([]);
    expect(ours.filter((d) => !theirs.has(d))).toEqual(SPECIAL);
  });

  it('matches the holiday lists NYSE published for 2024 and 2025 (nyse.com, holidays and trading hours)', () => {
    expect(holidays(nyse, 2024)).toEqual([
      '2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02',
      '2024-11-28', '2024-12-25',
    ]);
    expect(holidays(nyse, 2025)).toEqual([
      '2025-01-01', '2025-01-09', '2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26', '2025-06-19', '2025-07-04',
      '2025-09-01', '2025-11-27', '2025-12-25',
    ]);
  });

  it('applies the observance rules and names closures', () => {
    expect(nyse.isSession('2021-12-31')).toBe(true);   // New Year 2022 is a Saturday: not observed on Friday
    expect(nyse.isSession('2023-01-02')).toBe(false);  // New Year 2023 is a Sunday: Monday off
    expect(nyse.isSession('2022-06-20')).toBe(false);  // Juneteenth 2022 is a Sunday
    expect(nyse.isSession('2021-06-18')).toBe(true);   // no Juneteenth before 2022
    expect(nyse.isSession('2020-07-03')).toBe(false);  // July 4 2020 is a Saturday
    expect(nyse.isSession('2022-12-26')).toBe(false);  // Christmas 2022 is a Sunday
    expect(nyse.isSession('1997-01-20')).toBe(true);   // MLK day observed from 1998
    expect(nyse.isSession('2024-06-15')).toBe(false);  // Saturday
    expect(nyse.closureName!('2012-10-29')).toBe('Hurricane Sandy');
    expect(nyse.closureName!('2024-03-29')).toBe('Good Friday');
    expect(nyse.closureName!('2024-03-28')).toBeUndefined();
    expect(nyse.timezone).toBe('America/New_York');
  });

  it('computes Easter as dateutil does, 1971-2099', () => {
    for (let y = NYSE_FIRST_YEAR; y <= LAST_YEAR; y++) expect(easterSunday(y), String(y)).toBe(ref.easter[String(y)]);
  });
});

describe('weekdays, crypto247 and makeCalendar', () => {
  it('weekdays trades Monday to Friday, crypto247 every day', () => {
    expect(sessions(weekdays, '2024-06-14', '2024-06-18')).toEqual(['2024-06-14', '2024-06-17', '2024-06-18']);
    expect(sessions(crypto247, '2024-06-14', '2024-06-16')).toEqual(['2024-06-14', '2024-06-15', '2024-06-16']);
    expect(holidays(weekdays, 2024)).toEqual([]);
    expect(sessions(crypto247, '2024-01-01', '2024-12-31')).toHaveLength(366);
  });

  it('nonSessionWeekdays lists closed weekdays of a range; holidays is that for one year', () => {
    expect(nonSessionWeekdays(nyse, '2012-10-26', '2012-11-02')).toEqual(['2012-10-29', '2012-10-30']);
    expect(nonSessionWeekdays(nyse, '2018-01-01', '2018-12-31')).toEqual(holidays(nyse, 2018));
  });

  it('makeCalendar builds a calendar from explicit closures and weekend days', () => {
    const cal = makeCalendar({ name: 'xtae', timezone: 'Asia/Jerusalem', closures: ['2024-04-23'], weekendDays: [5, 6] });
    expect(sessions(cal, '2024-04-18', '2024-04-24')).toEqual(['2024-04-18', '2024-04-21', '2024-04-22', '2024-04-24']);
    expect(cal.weekendDays).toEqual([5, 6]);
    expect(holidays(cal, 2024)).toEqual(['2024-04-23']); // Fridays are its weekend, not holidays
    expect(holidays(crypto247, 2024)).toEqual([]);
  });

  it('sessionDateOf reads midnight-UTC stamps as dates and dates intraday stamps in the calendar timezone', () => {
    expect(sessionDateOf(nyse, Date.UTC(2024, 2, 15))).toBe('2024-03-15');
    expect(sessionDateOf(nyse, Date.UTC(2024, 2, 15, 14, 30))).toBe('2024-03-15');
    expect(sessionDateOf(nyse, Date.UTC(2024, 2, 15, 2, 0))).toBe('2024-03-14'); // 22:00 the day before in New York
    expect(sessionDateOf(crypto247, Date.UTC(2024, 2, 15, 2, 0))).toBe('2024-03-15');
  });
});

describe('calendar argument checks', () => {
  it('rejects dates that are not ISO dates, naming the argument, the value and the fix', () => {
    expect(() => nyse.isSession('2024-02-30')).toThrow(InvalidArgumentError);
    expect(() => nyse.isSession('2024-02-30')).toThrow(/date = "2024-02-30": must be an ISO date \(YYYY-MM-DD\) that exists\. Fix: pass e\.g\./);
    expect(() => sessions(nyse, '2024/01/01', '2024-02-01')).toThrow(/^from = "2024\/01\/01": .*Fix:/);
    expect(() => sessions(nyse, '2024-02-01', '2024-01-01')).toThrow(/from\/to = "2024-02-01 \.\. 2024-01-01": from is after to\. Fix: pass from <= to/);
    expect(() => holidays(nyse, 2024.5)).toThrow(/year = 2024\.5: must be an integer year\. Fix:/);
  });

  it('refuses nyse dates before its rules start', () => {
    expect(() => nyse.isSession('1970-06-01')).toThrow(/date = "1970-06-01": is before 1971.*Fix: use dates from 1971 on, or the weekdays calendar/);
  });

  it('rejects a non-calendar and bad makeCalendar options', () => {
    expect(() => sessions({ name: 'x' } as never, '2024-01-01', '2024-01-02')).toThrow(/calendar = .*must be a Calendar.*Fix: pass nyse, weekdays or crypto247/);
    expect(() => makeCalendar({ name: 'x', timezone: 'Mars/Olympus', closures: [] })).toThrow(/options\.timezone = "Mars\/Olympus": must be an IANA timezone name\. Fix:/);
    expect(() => makeCalendar({ name: 'x', timezone: 'UTC', closures: ['2024-13-01'] })).toThrow(/options\.closures\[0\] = "2024-13-01"/);
    expect(() => makeCalendar({ name: 'x', timezone: 'UTC', closures: [], weekendDays: [7] })).toThrow(/options\.weekendDays = .*Fix: pass e\.g\. \[5, 6\]/);
    expect(() => makeCalendar({ name: '', timezone: 'UTC', closures: [] })).toThrow(/options\.name = "": must be a non-empty string/);
    expect(() => makeCalendar({ name: 'x', timezone: 'UTC', closures: [], holidays: [] } as never)).toThrow(/options\.holidays = .*is not a known option/);
  });
});
