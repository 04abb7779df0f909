import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertTimeZone, formatZoned, localDate, localDateTime, localParts, parseZonedDateTime, rowsBetween, startOfLocalDay,
  utcOffsetMs, zonedTimeToEpoch, type Disambiguation, type LocalDateTime,
} from '../../lib/data';
import { InvalidArgumentError } from '../../lib/util/errors';
import { runPython } from '../helpers/python';

// Wall-clock times at the daylight-saving edges that matter: skipped (gap) and repeated (fold)
// times, a 30-minute DST (Lord Howe), a DST change at midnight (Sao Paulo 2018), a skipped day
// (Apia 2011), a zone without DST and a plain time.
const WALL: Array<[string, LocalDateTime]> = [
  ['America/New_York', { year: 2020, month: 3, day: 8, hour: 2, minute: 30 }],
  ['America/New_York', { year: 2020, month: 11, day: 1, hour: 1, minute: 30 }],
  ['America/New_York', { year: 2020, month: 11, day: 1, hour: 0, minute: 59, second: 59, millisecond: 999 }],
  ['America/New_York', { year: 2020, month: 6, day: 15, hour: 9, minute: 30 }],
  ['Europe/London', { year: 2020, month: 3, day: 29, hour: 1, minute: 30 }],
  ['Europe/London', { year: 2020, month: 10, day: 25, hour: 1, minute: 30 }],
  ['Australia/Lord_Howe', { year: 2020, month: 10, day: 4, hour: 2, minute: 15 }],
  ['Australia/Lord_Howe', { year: 2020, month: 4, day: 5, hour: 1, minute: 45 }],
  ['America/Sao_Paulo', { year: 2018, month: 11, day: 4, hour: 0, minute: 0 }],
  ['Pacific/Apia', { year: 2011, month: 12, day: 30, hour: 12, minute: 0 }],
  ['Asia/Kolkata', { year: 2020, month: 1, day: 1, hour: 0, minute: 0 }],
  ['Asia/Tokyo', { year: 1999, month: 1, day: 4, hour: 9, minute: 0 }],
];
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Tokyo'];

interface WallRef { fold0: number; fold1: number; kind: 'gap' | 'fold' | 'plain' }
interface Ref { wall: WallRef[]; local: string[][]; offsets: number[][]; instants: number[] }
let ref: Ref;

// Instants: every transition edge above +-1 ms and +-30 min, plus 400 spread over 1970-2037.
function instants(): number[] {
  const out: number[] = [];
  for (let i = 0; i < 400; i++) out.push(Math.round(i * 5_323_456_789.123 + 1_000) % 2_145_916_800_000);
  return out;
}

beforeAll(() => {
  // Reference: Python 3.11 zoneinfo (system tzdata 2025b); fold=0/1 gives the two readings of a
  // skipped or repeated wall time. Exact equality of epoch ms and of wall-clock text.
  ref = runPython<Ref>(`
from datetime import datetime, timezone
from zoneinfo import ZoneInfo
UTC = timezone.utc
def ms(dt): return round(dt.timestamp() * 1000)
wall = []
for zone, p in inp['wall']:
    z = ZoneInfo(zone)
    naive = datetime(p['year'], p['month'], p['day'], p.get('hour', 0), p.get('minute', 0), p.get('second', 0), p.get('millisecond', 0) * 1000)
    a, b = naive.replace(tzinfo=z, fold=0), naive.replace(tzinfo=z, fold=1)
    back = a.astimezone(UTC).astimezone(z).replace(tzinfo=None)
    kind = 'gap' if back != naive else ('fold' if a.utcoffset() != b.utcoffset() else 'plain')
    wall.append({'fold0': ms(a), 'fold1': ms(b), 'kind': kind})
extra = []
for w in wall:
    for d in (-1800000, -1, 0, 1, 1800000):
        extra += [w['fold0'] + d, w['fold1'] + d]
instants = inp['instants'] + extra
local, offsets = [], []
for zone in inp['zones']:
    z = ZoneInfo(zone)
    row, offs = [], []
    for t in instants:
        # Whole seconds only: adding a timedelta would reset fold and lose the repeated hour's offset.
        dt = datetime.fromtimestamp(t // 1000, z)
        row.append(dt.strftime('%Y-%m-%dT%H:%M:%S.') + '%03d' % (t % 1000))
        offs.append(round(dt.utcoffset().total_seconds() * 1000))
    local.append(row); offsets.append(offs)
print(json.dumps({'wall': wall, 'local': local, 'offsets': offsets, 'instants': instants}))`,
  { wall: WALL, zones: ZONES, instants: instants() });
});

describe('local dates and times of an instant', () => {
  it('match zoneinfo for every zone at 400 instants and at every DST edge (+-1 ms, +-30 min)', () => {
    ZONES.forEach((zone, z) => {
      const got = ref.instants.map((t) => localDateTime(t, zone));
      expect(got, zone).toEqual(ref.local[z]);
      expect(ref.instants.map((t) => utcOffsetMs(t, zone)), zone).toEqual(ref.offsets[z]);
      expect(ref.instants.map((t) => localDate(t, zone)), zone).toEqual(ref.local[z]!.map((s) => s.slice(0, 10)));
    });
  });

  it('gives weekday and fields, and UTC by default', () => {
    const t = Date.UTC(2020, 10, 1, 5, 30, 0, 7); // 01:30:00.007 EDT, a Sunday
    expect(localParts(t, 'America/New_York')).toEqual({ year: 2020, month: 11, day: 1, hour: 1, minute: 30, second: 0, millisecond: 7, weekday: 0 });
    expect(localDate(Date.UTC(2020, 0, 2))).toBe('2020-01-02');
    expect(localDate(Date.UTC(2020, 0, 2, 23), 'Asia/Tokyo')).toBe('2020-01-03');
    expect(localDateTime(-1)).toBe('1969-12-31T23:59:59.999');
  });
});

describe('wall-clock time to instant across DST changes', () => {
  it('follows zoneinfo fold=0/1 for every mode, and rejects skipped and repeated times when asked', () => {
    WALL.forEach(([zone, local], i) => {
      const { fold0, fold1, kind } = ref.wall[i]!;
      const at = (disambiguation: Disambiguation) => zonedTimeToEpoch(local, zone, { disambiguation });
      const label = `${zone} ${JSON.stringify(local)} (${kind})`;
      expect(at('compatible'), label).toBe(fold0);
      if (kind === 'plain') {
        expect([at('earlier'), at('later'), at('reject')], label).toEqual([fold0, fold0, fold0]);
      } else if (kind === 'fold') {
        expect([at('earlier'), at('later')], label).toEqual([fold0, fold1]);
        expect(() => at('reject'), label).toThrow(/occurs twice in .*clocks fall back.*Fix: pass an explicit UTC offset/);
      } else {
        expect([at('earlier'), at('later')], label).toEqual([fold1, fold0]);
        expect(() => at('reject'), label).toThrow(/does not exist in .*clocks spring forward/);
      }
    });
    expect(ref.wall.map((w) => w.kind)).toEqual(['gap', 'fold', 'plain', 'plain', 'gap', 'fold', 'gap', 'fold', 'gap', 'gap', 'plain', 'plain']);
  });

  it('parses ISO text with and without offsets, and formats instants back with the offset', () => {
    const ny = 'America/New_York';
    expect(parseZonedDateTime('2020-11-01 01:30', ny)).toBe(ref.wall[1]!.fold0);
    expect(parseZonedDateTime('2020-11-01T01:30:00-05:00', ny)).toBe(ref.wall[1]!.fold1);
    expect(parseZonedDateTime('2020-11-01T06:30:00Z')).toBe(ref.wall[1]!.fold1);
    expect(parseZonedDateTime('2020-11-01T01:30:00.250-0500')).toBe(ref.wall[1]!.fold1 + 250);
    expect(parseZonedDateTime('2020-01-02')).toBe(Date.UTC(2020, 0, 2));
    expect(parseZonedDateTime('2020-01-02 09:30:00.123000', ny)).toBe(Date.UTC(2020, 0, 2, 14, 30, 0, 123));
    expect(formatZoned(ref.wall[1]!.fold0, ny)).toBe('2020-11-01T01:30:00-04:00');
    expect(formatZoned(ref.wall[1]!.fold1, ny)).toBe('2020-11-01T01:30:00-05:00');
    expect(formatZoned(Date.UTC(2020, 0, 2, 14, 30, 0, 5), 'UTC')).toBe('2020-01-02T14:30:00.005Z');
    expect(formatZoned(0, 'Asia/Kolkata', true)).toBe('1970-01-01T05:30:00.000+05:30');
    for (const t of ref.instants) expect(parseZonedDateTime(formatZoned(t, 'Australia/Lord_Howe'))).toBe(t);
    expect(startOfLocalDay('2018-11-04', 'America/Sao_Paulo')).toBe(ref.wall[8]!.fold0); // midnight skipped: 01:00
  });

  it('selects rows by local dates (rowsBetween with a zone)', () => {
    const tokyo = Float64Array.from(['2020-01-01T15:00:00Z', '2020-01-02T14:59:59Z', '2020-01-02T15:00:00Z'].map(Date.parse));
    expect(rowsBetween(tokyo, '2020-01-02', '2020-01-02', 'Asia/Tokyo')).toEqual({ start: 0, end: 2 });
    expect(rowsBetween(tokyo, '2020-01-02', '2020-01-02')).toEqual({ start: 1, end: 3 });
    expect(() => rowsBetween(tokyo, '2021-01-01', '2021-01-02', 'Asia/Tokyo')).toThrow(/data spans 2020-01-02 \.\. 2020-01-03/);
  });
});

describe('bad input', () => {
  it('names a misspelt zone and suggests the valid one', () => {
    expect(() => assertTimeZone('Europe/Londn', 'options.timezone')).toThrow(InvalidArgumentError);
    expect(() => assertTimeZone('Europe/Londn', 'options.timezone')).toThrow(/^options.timezone = "Europe\/Londn": is not an IANA time-zone name known to Intl. Fix: did you mean 'Europe\/London'\?/);
    expect(() => assertTimeZone('America/New_Yrok')).toThrow(/timezone = "America\/New_Yrok".*Fix: did you mean 'America\/New_York'/);
    expect(() => assertTimeZone('nowhere at all')).toThrow(/Fix: pass a name from Intl.supportedValuesOf/);
    expect(() => assertTimeZone(5)).toThrow(/timezone = 5: must be an IANA time-zone name/);
    expect(assertTimeZone('america/new_york')).toBe('America/New_York');
    expect(() => localDate(0, 'Mars/Olympus')).toThrow(/timezone = "Mars\/Olympus"/);
    expect(() => rowsBetween(new Float64Array(1), '2020-01-01', '2020-01-02', 'Europe/Londn')).toThrow(/did you mean 'Europe\/London'/);
  });

  it('rejects impossible fields, text and options with the argument named', () => {
    expect(() => zonedTimeToEpoch({ year: 2021, month: 2, day: 29 }, 'UTC')).toThrow(/local.day = 29: is not a day of 2021-02/);
    expect(() => zonedTimeToEpoch({ year: 2021, month: 13, day: 1 }, 'UTC')).toThrow(/local.month = 13: must be an integer in \[1, 12\]/);
    expect(() => zonedTimeToEpoch({ year: 2021, month: 1, day: 1 }, 'UTC', { disambiguation: 'first' as never })).toThrow(/options.disambiguation = "first".*use one of compatible, earlier, later, reject/);
    expect(() => zonedTimeToEpoch({ year: 2021, month: 1, day: 1 }, 'UTC', { fold: 1 } as never)).toThrow(/options.fold/);
    expect(() => parseZonedDateTime('01/02/2020 9:30', 'UTC')).toThrow(/text = "01\/02\/2020 9:30": is not an ISO date or date-time/);
    expect(() => parseZonedDateTime('2020-01-02T09:30:00.0001')).toThrow(/sub-millisecond digits/);
    expect(() => localParts(Number.NaN, 'UTC')).toThrow(/ms = NaN: must be a finite/);
  });
});
