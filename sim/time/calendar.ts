// The sim's calendar: Beijing wall time over epoch milliseconds (RULES.md intro: every calendar rule runs
// in UTC+8, no daylight saving). All conversions are integer arithmetic on day numbers (Howard Hinnant's
// days_from_civil / civil_from_days), never Date objects, so the host's time zone cannot leak in and the
// same sim time gives the same calendar on every machine (ARCHITECTURE.md, Determinism).

/** Epoch milliseconds. Always an integer; the sim clock never produces fractions of a millisecond. */
export type SimTime = number;

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** Beijing is UTC+8 all year. Because the offset never changes, every Beijing day is exactly DAY_MS long. */
export const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/** A Beijing wall time; month is 1-12 and day is 1-31, as people write them. */
export interface CalendarDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** What fromCalendar takes: a date, and a time of day whose missing fields are zero. */
export interface CalendarInput {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  ms?: number;
}

export class CalendarError extends Error {
  override name = 'CalendarError';
}

const MONTH_NAMES =
  'January February March April May June July August September October November December'.split(' ');

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in a month of a year (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new CalendarError(`daysInMonth(${year}, ${month}): need an integer year and a month 1-12`);
  }
  return monthLength(year, month);
}

// Unchecked: callers have already validated month.
function monthLength(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date. Years are counted from
// March so that the leap day is the last day of its year and falls out of the arithmetic.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

// Hinnant's civil_from_days, the inverse of daysFromCivil.
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1;
  const month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function assertSimTime(t: SimTime): void {
  if (!Number.isSafeInteger(t))
    throw new CalendarError(`${t}: a sim time is an integer of epoch milliseconds`);
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new CalendarError(`${what}(${n}): the count must be an integer`);
}

/** Integer days since 1970-01-01 in Beijing: a key for "the same Beijing day". */
export function dayIndex(t: SimTime): number {
  assertSimTime(t);
  return Math.floor((t + BEIJING_OFFSET_MS) / DAY_MS);
}

/** 00:00 Beijing of the day with the given dayIndex. */
export function dayStartFromIndex(i: number): SimTime {
  return i * DAY_MS - BEIJING_OFFSET_MS;
}

/** year * 12 + month - 1: consecutive months get consecutive integers, so it keys and counts months. */
export function monthIndex(t: SimTime): number {
  const { year, month } = civilFromDays(dayIndex(t));
  return year * 12 + month - 1;
}

/** 00:00 Beijing on the 1st of the month with the given monthIndex. */
export function monthStartFromIndex(i: number): SimTime {
  const year = Math.floor(i / 12);
  return dayStartFromIndex(daysFromCivil(year, i - year * 12 + 1, 1));
}

export function toCalendar(t: SimTime): CalendarDateTime {
  const days = dayIndex(t);
  let rest = t - dayStartFromIndex(days);
  const hour = Math.floor(rest / HOUR_MS);
  rest -= hour * HOUR_MS;
  const minute = Math.floor(rest / MINUTE_MS);
  rest -= minute * MINUTE_MS;
  const second = Math.floor(rest / SECOND_MS);
  // Field by field: a spread first and fields after it is slow in Node 20's V8.
  const { year, month, day } = civilFromDays(days);
  return { year, month, day, hour, minute, second, ms: rest - second * SECOND_MS };
}

/** Beijing wall time to sim time; throws CalendarError on an impossible date or time (Feb 30, month 13). */
export function fromCalendar(parts: CalendarInput): SimTime {
  const { year, month, day, hour = 0, minute = 0, second = 0, ms = 0 } = parts;
  const hasTime = parts.hour !== undefined || parts.minute !== undefined || parts.second !== undefined;
  const label =
    `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` +
    (hasTime || ms !== 0 ? `T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(ms, 3)}` : '');
  checkWallTime(label, { year, month, day, hour, minute, second, ms });
  return wallToSimTime(year, month, day, hour, minute, second, ms);
}

function wallToSimTime(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): SimTime {
  return dayStartFromIndex(daysFromCivil(y, mo, d)) + h * HOUR_MS + mi * MINUTE_MS + s * SECOND_MS + ms;
}

// The one place that says what a valid wall time is, so parseDateTime and fromCalendar agree and name the
// field at fault. Years are kept to four digits because that is what the formats below write.
function checkWallTime(label: string, c: CalendarDateTime): void {
  const fail = (what: string): never => {
    throw new CalendarError(`${label}: ${what}`);
  };
  const within = (n: number, min: number, max: number): boolean =>
    Number.isInteger(n) && n >= min && n <= max;
  if (!within(c.year, 0, 9999)) fail('year must be 0000-9999');
  if (!within(c.month, 1, 12)) fail('month must be 01-12');
  const length = monthLength(c.year, c.month);
  if (Number.isInteger(c.day) && c.day > length) {
    fail(`${MONTH_NAMES[c.month - 1] ?? c.month} ${c.year} has ${length} days`);
  }
  if (!within(c.day, 1, length)) fail(`day must be 01-${length}`);
  if (!within(c.hour, 0, 23)) fail('hour must be 00-23');
  if (!within(c.minute, 0, 59)) fail('minute must be 00-59');
  if (!within(c.second, 0, 59)) fail('second must be 00-59');
  if (!within(c.ms, 0, 999)) fail('milliseconds must be 000-999');
}

const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Reads `2026-01-15`, `2026-01-15T10:00`, `2026-01-15T10:00:00`, `2026-01-15T10:00:00.250` (a space may
 * stand for the T), with an optional offset after the time (`Z`, `+08:00`, `-05:00`). Without an offset
 * the text is Beijing wall time, as the platform's users write it.
 */
export function parseDateTime(text: string): SimTime {
  const shown = showInput(text);
  const match = DATE_TIME_PATTERN.exec(text);
  if (match === null) {
    throw new CalendarError(
      `${shown}: not a date or date-time (expected YYYY-MM-DD or YYYY-MM-DDTHH:mm[:ss])`,
    );
  }
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const wall: CalendarDateTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    // `.25` is a quarter second: pad on the right, not the left.
    ms: Number((fraction ?? '0').padEnd(3, '0')),
  };
  checkWallTime(shown, wall);
  const local = wallToSimTime(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.ms);
  // wallToSimTime reads the wall time as Beijing; an explicit offset moves it by the difference.
  return offset === undefined ? local : local + BEIJING_OFFSET_MS - offsetMs(shown, offset);
}

function offsetMs(shown: string, offset: string): number {
  if (offset === 'Z') return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 23 || minutes > 59) throw new CalendarError(`${shown}: offset must be within -23:59 to +23:59`);
  return (offset.startsWith('-') ? -1 : 1) * (hours * HOUR_MS + minutes * MINUTE_MS);
}

// Messages quote the input as typed; JSON quotes only when bare text would hide something (empty, spaces
// at an end, control characters).
function showInput(text: string): string {
  return /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(text) ? text : JSON.stringify(text);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `2026-08-01` (Beijing). */
export function formatDate(t: SimTime): string {
  const c = toCalendar(t);
  return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
}

/** `2026-08-01T00:00:00+08:00`; milliseconds appear only when not zero, so parsing gives t back exactly. */
export function formatDateTime(t: SimTime): string {
  const c = toCalendar(t);
  const ms = c.ms === 0 ? '' : `.${pad(c.ms, 3)}`;
  return `${formatDate(t)}T${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}${ms}+08:00`;
}

/** `2026-08` (Beijing). */
export function formatMonth(t: SimTime): string {
  // Asked for every charge of a monthly bill, a million times at the same instant: the last day's
  // answer is kept (a cache of a pure function; it never changes a result).
  const day = dayIndex(t);
  if (day === lastMonthText.day) return lastMonthText.text;
  const c = toCalendar(t);
  lastMonthText.day = day;
  lastMonthText.text = `${pad(c.year, 4)}-${pad(c.month, 2)}`;
  return lastMonthText.text;
}

const lastMonthText = { day: NaN, text: '' };

/** `2026-08-01 00:00`, Beijing, for people; not meant to be parsed back to the millisecond. */
export function formatShort(t: SimTime): string {
  const c = toCalendar(t);
  return `${formatDate(t)} ${pad(c.hour, 2)}:${pad(c.minute, 2)}`;
}

/** Exactly n days later (or earlier): with no DST every Beijing day is DAY_MS long. */
export function addDays(t: SimTime, n: number): SimTime {
  assertSimTime(t);
  assertCount(n, 'addDays');
  return t + n * DAY_MS;
}

/**
 * n calendar months later (or earlier), keeping the time of day and the day of month, clamped to the
 * target month's last day (RULES.md intro: Jan 31 + 1 month = Feb 28/29).
 */
export function addMonths(t: SimTime, n: number): SimTime {
  assertCount(n, 'addMonths');
  const days = dayIndex(t);
  const timeOfDayMs = t - dayStartFromIndex(days);
  const { year, month, day } = civilFromDays(days);
  const target = year * 12 + month - 1 + n;
  const targetYear = Math.floor(target / 12);
  const targetMonth = target - targetYear * 12 + 1;
  const targetDay = Math.min(day, monthLength(targetYear, targetMonth));
  return dayStartFromIndex(daysFromCivil(targetYear, targetMonth, targetDay)) + timeOfDayMs;
}

/** 00:00 Beijing of t's day. */
export function startOfDay(t: SimTime): SimTime {
  return dayStartFromIndex(dayIndex(t));
}

/** 00:00 Beijing on the 1st of t's month. */
export function startOfMonth(t: SimTime): SimTime {
  return monthStartFromIndex(monthIndex(t));
}

/** 00:00 Beijing on the 1st of the next month, even when t is itself 00:00 on a 1st. */
export function startOfNextMonth(t: SimTime): SimTime {
  return monthStartFromIndex(monthIndex(t) + 1);
}

/** t itself when it is exactly 00:00 on a 1st (Beijing), else the next such instant. */
export function firstOfMonthAtOrAfter(t: SimTime): SimTime {
  const start = startOfMonth(t);
  return start === t ? t : startOfNextMonth(t);
}

/** Day of month, 1-31, in Beijing. */
export function dayOfMonth(t: SimTime): number {
  return civilFromDays(dayIndex(t)).day;
}
