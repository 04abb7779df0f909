// Five-field cron expressions (minute hour day-of-month month day-of-week) as Vixie cron and
// cronie read them: lists, ranges, steps, month and weekday names, `*`, and the @ macros.
import { InvalidArgumentError } from '../util/errors';

export interface CronExpression {
  /** The text as given (a macro stays a macro). */
  readonly source: string;
  /** Each field's matching values, ascending. */
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  /** 0 = Sunday ... 6 = Saturday (7 is read as Sunday). */
  readonly daysOfWeek: readonly number[];
  /**
   * Vixie cron's rule: a day field counts as restricted unless its text starts with `*` (so
   * `*\/2` is unrestricted). When both day fields are restricted a day matches if EITHER does;
   * otherwise it must match both.
   */
  readonly daysOfMonthRestricted: boolean;
  readonly daysOfWeekRestricted: boolean;
}

export const CRON_MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** Longest each month can be (February in a leap year). */
const MAX_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names for min, min+1, ... */
  readonly names?: readonly string[];
  /** Where `*` and `N/step` end, when not at max. */
  readonly openMax?: number;
  readonly example: string;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59, example: '0,30 or */15' },
  { name: 'hour', min: 0, max: 23, example: '17 or 9-16' },
  { name: 'day-of-month', min: 1, max: 31, example: '1,15 or 1-7' },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, example: '1-12 or JAN-MAR' },
  // 7 is Sunday too, as in every cron since Vixie; folded onto 0 after parsing. `2/1` is 2-6, as in croniter.
  { name: 'day-of-week', min: 0, max: 7, openMax: 6, names: DAY_NAMES, example: '1-5 or MON-FRI' },
];

class FieldError extends Error {
  constructor(readonly problem: string, readonly fix: string) {
    super(problem);
  }
}

function parseValue(text: string, field: FieldSpec): number {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  if (named >= 0) return field.min + named;
  if (/^\?$|[LW#]/i.test(text)) {
    throw new FieldError(`${field.name} field has "${text}": Quartz's ?, L, W and # are not cron syntax`, `use lists, ranges and steps, e.g. ${field.example}`);
  }
  if (!/^\d+$/.test(text)) {
    const names = field.names ? ` or a name (${field.names.join(' ')})` : '';
    throw new FieldError(`${field.name} field has "${text}", which is not a number${names}`, `write a ${field.name} as in ${field.example}`);
  }
  const value = Number(text);
  if (value < field.min || value > field.max) {
    throw new FieldError(`${field.name} ${value} is outside ${field.min}-${field.max}`, `use a ${field.name} in ${field.min}-${field.max}`);
  }
  return value;
}

function parseItem(item: string, field: FieldSpec, out: Set<number>): void {
  if (item.length === 0) throw new FieldError(`${field.name} field has an empty list item`, 'remove the doubled or trailing comma');
  const [range, stepText, extra] = item.split('/');
  if (extra !== undefined) throw new FieldError(`${field.name} item "${item}" has two steps`, 'write one step, e.g. */15');
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
      throw new FieldError(`${field.name} step "${stepText}" in "${item}" is not a positive integer`, 'write a step of 1 or more, e.g. */15');
    }
    step = Number(stepText);
  }
  let lo: number;
  let hi: number;
  if (range === '*') {
    lo = field.min;
    hi = field.openMax ?? field.max;
  } else if (range!.includes('-')) {
    const [a, b, more] = range!.split('-');
    if (more !== undefined || a === '' || b === '') throw new FieldError(`${field.name} range "${range}" is malformed`, `write a range as low-high, e.g. ${field.example}`);
    lo = parseValue(a!, field);
    hi = parseValue(b!, field);
    if (lo > hi) {
      throw new FieldError(`${field.name} range "${range}" runs backwards (${lo} > ${hi})`, 'write it low-high, or as two items when it wraps (e.g. FRI-SAT,SUN-MON)');
    }
  } else {
    lo = parseValue(range!, field);
    // "5/15" means 5-max/15, as croniter reads it (Vixie cron has no such form).
    hi = stepText === undefined ? lo : Math.max(lo, field.openMax ?? field.max);
  }
  for (let v = lo; v <= hi; v += step) out.add(v);
}

function parseField(text: string, field: FieldSpec): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) parseItem(item, field, values);
  return [...values].sort((a, b) => a - b);
}

/** Parses a cron expression; throws InvalidArgumentError naming `argument`, the text, the field and the fix. */
export function parseCron(expression: string, argument = 'expression'): CronExpression {
  if (typeof expression !== 'string') throw new InvalidArgumentError(argument, expression, 'must be a cron expression string', "write e.g. '30 17 * * MON-FRI'");
  const trimmed = expression.trim();
  let text = trimmed;
  if (trimmed.startsWith('@')) {
    const macro = CRON_MACROS[trimmed.toLowerCase()];
    if (macro === undefined) {
      throw new InvalidArgumentError(argument, expression, 'is not a supported macro', `use one of ${Object.keys(CRON_MACROS).join(' ')} or five fields`);
    }
    text = macro;
  }
  const fields = text.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) {
    const hint = fields.length === 6 || fields.length === 7 ? ' (a seconds or year field, as in Quartz, is not supported)' : '';
    throw new InvalidArgumentError(argument, expression, `has ${fields.length} fields, not 5${hint}`, "write minute hour day-of-month month day-of-week, e.g. '30 17 * * MON-FRI'");
  }
  let parsed: number[][];
  try {
    parsed = fields.map((f, i) => parseField(f, FIELDS[i]!));
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    throw new InvalidArgumentError(argument, expression, error.problem, error.fix);
  }
  const [minutes, hours, daysOfMonth, months, rawDaysOfWeek] = parsed as [number[], number[], number[], number[], number[]];
  const daysOfWeek = [...new Set(rawDaysOfWeek.map((d) => d % 7))].sort((a, b) => a - b);
  const result: CronExpression = {
    source: expression,
    minutes, hours, daysOfMonth, months, daysOfWeek,
    daysOfMonthRestricted: !fields[2]!.startsWith('*'),
    daysOfWeekRestricted: !fields[4]!.startsWith('*'),
  };
  // Unless the OR rule applies, every matching day is one of these days of month, so one must exist in a
  // chosen month or nothing ever matches (the weekday then comes round within a 400-year Gregorian cycle).
  const bothDayFieldsCount = !(result.daysOfMonthRestricted && result.daysOfWeekRestricted);
  if (bothDayFieldsCount && !months.some((m) => daysOfMonth[0]! <= MAX_MONTH_DAYS[m - 1]!)) {
    throw new InvalidArgumentError(
      argument, expression, `day-of-month ${daysOfMonth.join(',')} never occurs in month ${months.map((m) => MONTH_NAMES[m - 1]).join(',')}`,
      'pick a day that exists in one of the months',
    );
  }
  return Object.freeze(result);
}

/**
 * Default retraining schedules, read in DEFAULT_SCHEDULE_TIMEZONE (the exchange's clock, so they
 * follow US daylight saving). Daily: 17:30 Monday to Friday, 90 minutes after the 16:00 close, when
 * the day's bars are final at the data vendors. Weekly: Saturday 06:00, with the whole week's bars
 * in and no session until Monday. Both fire on exchange holidays too; a run on unchanged data
 * retrains on the same bars and is harmless.
 */
export const DEFAULT_DAILY_SCHEDULE = '30 17 * * MON-FRI';
export const DEFAULT_WEEKLY_SCHEDULE = '0 6 * * SAT';
export const DEFAULT_SCHEDULE_TIMEZONE = 'America/New_York';
