import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  BEIJING_OFFSET_MS,
  CalendarError,
  DAY_MS,
  dayIndex,
  dayOfMonth,
  daysInMonth,
  dayStartFromIndex,
  firstOfMonthAtOrAfter,
  formatDate,
  formatDateTime,
  formatMonth,
  formatShort,
  fromCalendar,
  HOUR_MS,
  isLeapYear,
  MINUTE_MS,
  monthIndex,
  monthStartFromIndex,
  parseDateTime,
  SECOND_MS,
  startOfDay,
  startOfMonth,
  startOfNextMonth,
  toCalendar,
  WEEK_MS,
} from './calendar.ts';

// Beijing wall time, written the way a reader checks it against a calendar.
const bj = (text: string): number => parseDateTime(text);
const SEED = 20260115;

describe('constants', () => {
  it('are the usual sizes, and Beijing is UTC+8', () => {
    expect([SECOND_MS, MINUTE_MS, HOUR_MS, DAY_MS, WEEK_MS]).toEqual([1e3, 6e4, 3.6e6, 8.64e7, 6.048e8]);
    expect(BEIJING_OFFSET_MS).toBe(8 * HOUR_MS);
  });
});

describe('toCalendar and fromCalendar', () => {
  it('epoch 0 is 1970-01-01 08:00 in Beijing', () => {
    expect(toCalendar(0)).toEqual({ year: 1970, month: 1, day: 1, hour: 8, minute: 0, second: 0, ms: 0 });
  });

  it('2026-01-31T16:00Z is 2026-02-01 00:00 in Beijing (the UTC+8 day boundary)', () => {
    const t = Date.UTC(2026, 0, 31, 16);
    expect(toCalendar(t)).toMatchObject({ year: 2026, month: 2, day: 1, hour: 0 });
    expect(formatDate(t)).toBe('2026-02-01');
    expect(formatDate(t - 1)).toBe('2026-01-31');
    expect(toCalendar(t - 1)).toMatchObject({ day: 31, hour: 23, minute: 59, second: 59, ms: 999 });
    expect(fromCalendar({ year: 2026, month: 2, day: 1 })).toBe(t);
  });

  it('missing time fields are zero', () => {
    expect(fromCalendar({ year: 2026, month: 3, day: 5, hour: 10 })).toBe(Date.UTC(2026, 2, 5, 2));
    expect(fromCalendar({ year: 2026, month: 3, day: 5, hour: 1, minute: 2, second: 3, ms: 4 })).toBe(
      Date.UTC(2026, 2, 4, 17, 2, 3, 4),
    );
  });

  it('refuses impossible dates and times with a message naming the field', () => {
    expect(() => fromCalendar({ year: 2026, month: 2, day: 30 })).toThrow(
      '2026-02-30: February 2026 has 28 days',
    );
    expect(() => fromCalendar({ year: 2026, month: 13, day: 1 })).toThrow('2026-13-01: month must be 01-12');
    expect(() => fromCalendar({ year: 2026, month: 0, day: 1 })).toThrow('month must be 01-12');
    expect(() => fromCalendar({ year: 2026, month: 4, day: 0 })).toThrow('day must be 01-30');
    expect(() => fromCalendar({ year: 2026, month: 4, day: 1, hour: 24 })).toThrow('hour must be 00-23');
    expect(() => fromCalendar({ year: 2026, month: 4, day: 1, minute: 60 })).toThrow('minute must be 00-59');
    expect(() => fromCalendar({ year: 2026, month: 4, day: 1, second: 60 })).toThrow('second must be 00-59');
    expect(() => fromCalendar({ year: 2026, month: 4, day: 1, ms: 1000 })).toThrow('milliseconds must be');
    expect(() => fromCalendar({ year: 2026, month: 4, day: 1.5 })).toThrow(CalendarError);
    expect(() => fromCalendar({ year: 10000, month: 1, day: 1 })).toThrow('year must be 0000-9999');
  });

  it('refuses a sim time that is not an integer', () => {
    expect(() => toCalendar(1.5)).toThrow(CalendarError);
    expect(() => toCalendar(Number.NaN)).toThrow(CalendarError);
  });
});

describe('leap years and month lengths', () => {
  it('2028 and 2000 are leap, 2026 and 2100 are not', () => {
    expect([2028, 2000, 2026, 2100, 1900, 2400].map(isLeapYear)).toEqual([
      true,
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('February has 29 days only in leap years', () => {
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([
      31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(() => daysInMonth(2026, 13)).toThrow(CalendarError);
  });

  it('2028-02-29 and 2000-02-29 exist, 2100-02-29 does not', () => {
    expect(formatDate(bj('2028-02-29'))).toBe('2028-02-29');
    expect(formatDate(addDays(bj('2028-02-29'), 1))).toBe('2028-03-01');
    expect(formatDate(bj('2000-02-29'))).toBe('2000-02-29');
    expect(() => bj('2100-02-29')).toThrow('2100-02-29: February 2100 has 28 days');
    expect(formatDate(addDays(bj('2100-02-28'), 1))).toBe('2100-03-01');
  });
});

describe('parseDateTime', () => {
  it('reads every accepted form as Beijing time', () => {
    const tenAm = Date.UTC(2026, 0, 15, 2);
    expect(bj('2026-01-15')).toBe(Date.UTC(2026, 0, 14, 16));
    expect(bj('2026-01-15T10:00')).toBe(tenAm);
    expect(bj('2026-01-15T10:00:00')).toBe(tenAm);
    expect(bj('2026-01-15 10:00:00')).toBe(tenAm);
    expect(bj('2026-01-15 10:00')).toBe(tenAm);
    expect(bj('2026-01-15T10:00:00.250')).toBe(tenAm + 250);
    expect(bj('2026-01-15T10:00:00.25')).toBe(tenAm + 250);
    expect(bj('2026-01-15T10:00:00.5')).toBe(tenAm + 500);
  });

  it('honours an explicit offset', () => {
    expect(bj('2026-01-15T10:00:00Z')).toBe(Date.UTC(2026, 0, 15, 10));
    expect(bj('2026-01-15T10:00:00+08:00')).toBe(Date.UTC(2026, 0, 15, 2));
    expect(bj('2026-01-15T10:00-05:00')).toBe(Date.UTC(2026, 0, 15, 15));
    expect(bj('2026-01-15T10:00+05:30')).toBe(Date.UTC(2026, 0, 15, 4, 30));
    expect(bj('2026-01-31T16:00:00Z')).toBe(bj('2026-02-01'));
  });

  it('says what is wrong, quoting the input', () => {
    expect(() => bj('2026-02-30')).toThrow(new CalendarError('2026-02-30: February 2026 has 28 days'));
    expect(() => bj('2026-13-01')).toThrow(new CalendarError('2026-13-01: month must be 01-12'));
    expect(() => bj('2026-04-31')).toThrow('2026-04-31: April 2026 has 30 days');
    expect(() => bj('2026-01-15T24:00')).toThrow('2026-01-15T24:00: hour must be 00-23');
    expect(() => bj('2026-01-15T10:00+24:00')).toThrow('offset must be within');
    const notADate = 'not a date or date-time (expected YYYY-MM-DD or YYYY-MM-DDTHH:mm[:ss])';
    for (const text of ['tomorrow', '2026-1-5', '2026/01/15', '2026-01-15T10', '2026-01-15Z', '15.01.2026']) {
      expect(() => bj(text)).toThrow(`${text}: ${notADate}`);
    }
    expect(() => bj('')).toThrow(`"": ${notADate}`);
    expect(() => bj(' 2026-01-15')).toThrow(`" 2026-01-15": ${notADate}`);
  });
});

describe('formatting', () => {
  const t = bj('2026-08-01');
  it('writes dates, date-times, months and short forms in Beijing time', () => {
    expect(formatDate(t)).toBe('2026-08-01');
    expect(formatDateTime(t)).toBe('2026-08-01T00:00:00+08:00');
    expect(formatMonth(t)).toBe('2026-08');
    expect(formatShort(t)).toBe('2026-08-01 00:00');
    expect(formatShort(bj('2026-08-01T09:05:59'))).toBe('2026-08-01 09:05');
    expect(formatDateTime(bj('2026-08-01T09:05:07.042'))).toBe('2026-08-01T09:05:07.042+08:00');
  });

  it('round trips parse -> format -> parse', () => {
    for (const text of ['1970-01-01', '2000-02-29', '2026-12-31', '2100-03-01', '9999-12-31']) {
      expect(formatDate(bj(text))).toBe(text);
    }
    for (const text of [
      '2026-01-15T10:00:00+08:00',
      '2028-02-29T23:59:59.999+08:00',
      '2026-03-19T00:00:00+08:00',
    ]) {
      expect(formatDateTime(bj(text))).toBe(text);
      expect(bj(formatDateTime(bj(text)))).toBe(bj(text));
    }
    expect(formatDateTime(bj('2026-03-19T15:59:59Z'))).toBe('2026-03-19T23:59:59+08:00');
  });
});

describe('day and month arithmetic', () => {
  it('addDays moves whole days, backwards too', () => {
    expect(formatDateTime(addDays(bj('2026-12-31T10:00'), 1))).toBe('2027-01-01T10:00:00+08:00');
    expect(formatDate(addDays(bj('2026-03-01'), -1))).toBe('2026-02-28');
    expect(() => addDays(0, 0.5)).toThrow(CalendarError);
  });

  it('addMonths keeps day and time of day, and clamps Jan 31 + 1 month to Feb 28 or 29', () => {
    expect(formatDateTime(addMonths(bj('2026-01-31T13:45'), 1))).toBe('2026-02-28T13:45:00+08:00');
    expect(formatDateTime(addMonths(bj('2028-01-31T13:45'), 1))).toBe('2028-02-29T13:45:00+08:00');
    expect(formatDate(addMonths(bj('2026-01-31'), 2))).toBe('2026-03-31');
    expect(formatDate(addMonths(bj('2026-08-31'), 6))).toBe('2027-02-28');
    expect(formatDate(addMonths(bj('2026-10-31'), 1))).toBe('2026-11-30');
    expect(formatDate(addMonths(bj('2026-01-15'), 0))).toBe('2026-01-15');
    expect(formatDate(addMonths(bj('2028-02-29'), 12))).toBe('2029-02-28');
    expect(formatDate(addMonths(bj('2026-11-15'), 14))).toBe('2028-01-15');
  });

  it('addMonths works with negative months', () => {
    expect(formatDate(addMonths(bj('2026-03-31'), -1))).toBe('2026-02-28');
    expect(formatDate(addMonths(bj('2028-03-31'), -1))).toBe('2028-02-29');
    expect(formatDate(addMonths(bj('2026-01-15'), -1))).toBe('2025-12-15');
    expect(formatDate(addMonths(bj('2026-01-15'), -25))).toBe('2023-12-15');
    expect(formatDateTime(addMonths(bj('2026-05-31T23:59:59.999'), -3))).toBe(
      '2026-02-28T23:59:59.999+08:00',
    );
  });

  it('startOfDay, startOfMonth and dayOfMonth follow the Beijing day', () => {
    const t = Date.UTC(2026, 2, 19, 16); // 2026-03-20 00:00 in Beijing
    expect(dayOfMonth(t - 1)).toBe(19);
    expect(dayOfMonth(t)).toBe(20);
    expect(startOfDay(t + 5 * HOUR_MS)).toBe(t);
    expect(formatDateTime(startOfDay(t - 1))).toBe('2026-03-19T00:00:00+08:00');
    expect(formatDateTime(startOfMonth(t))).toBe('2026-03-01T00:00:00+08:00');
    expect(startOfMonth(Date.UTC(2026, 0, 31, 16))).toBe(bj('2026-02-01'));
  });

  it('startOfNextMonth always moves on, firstOfMonthAtOrAfter stays on an exact 1st 00:00', () => {
    const first = bj('2026-07-01');
    expect(formatDate(startOfNextMonth(first))).toBe('2026-08-01');
    expect(formatDate(startOfNextMonth(bj('2026-12-31T23:59:59.999')))).toBe('2027-01-01');
    expect(firstOfMonthAtOrAfter(first)).toBe(first);
    expect(formatDate(firstOfMonthAtOrAfter(first + 1))).toBe('2026-08-01');
    expect(formatDate(firstOfMonthAtOrAfter(first - 1))).toBe('2026-07-01');
  });

  it('monthIndex and dayIndex key months and days, and go back to their starts', () => {
    expect(monthIndex(bj('2026-08-15'))).toBe(2026 * 12 + 7);
    expect(monthIndex(bj('2027-01-01')) - monthIndex(bj('2026-12-31T23:59'))).toBe(1);
    expect(monthStartFromIndex(2026 * 12 + 7)).toBe(bj('2026-08-01'));
    expect(monthStartFromIndex(2026 * 12 + 12)).toBe(bj('2027-01-01'));
    expect(dayIndex(bj('1970-01-01'))).toBe(0);
    expect(dayIndex(0)).toBe(0);
    expect(dayIndex(bj('1970-01-01') - 1)).toBe(-1);
    expect(dayStartFromIndex(dayIndex(bj('2026-02-01T12:00')))).toBe(bj('2026-02-01'));
  });
});

describe('properties', () => {
  const validDate = fc
    .record({
      year: fc.integer({ min: 1970, max: 2200 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      ms: fc.integer({ min: 0, max: 999 }),
    })
    // Clamping (rather than filtering) also weights month ends, where the bugs live.
    .map((c) => ({ ...c, day: Math.min(c.day, daysInMonth(c.year, c.month)) }));
  const simTime = fc.integer({ min: bj('1970-01-01'), max: bj('2200-12-31T23:59:59.999') });

  it(`toCalendar(fromCalendar(x)) is x over 1970-2200, with seed ${SEED}`, () => {
    fc.assert(
      fc.property(validDate, (c) => {
        expect(toCalendar(fromCalendar(c))).toEqual(c);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it(`agrees with Date's UTC fields shifted by 8 hours, with seed ${SEED}`, () => {
    fc.assert(
      fc.property(simTime, (t) => {
        const d = new Date(t + BEIJING_OFFSET_MS);
        const c = toCalendar(t);
        expect([c.year, c.month, c.day, c.hour, c.minute, c.second, c.ms]).toEqual([
          d.getUTCFullYear(),
          d.getUTCMonth() + 1,
          d.getUTCDate(),
          d.getUTCHours(),
          d.getUTCMinutes(),
          d.getUTCSeconds(),
          d.getUTCMilliseconds(),
        ]);
        expect(fromCalendar(c)).toBe(t);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it(`addDays and dayIndex agree, with seed ${SEED}`, () => {
    fc.assert(
      fc.property(simTime, fc.integer({ min: -20_000, max: 20_000 }), (t, n) => {
        expect(dayIndex(addDays(t, n))).toBe(dayIndex(t) + n);
        expect(dayStartFromIndex(dayIndex(t))).toBe(startOfDay(t));
        expect(startOfDay(t)).toBeLessThanOrEqual(t);
        expect(t - startOfDay(t)).toBeLessThan(DAY_MS);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it(`addMonths moves monthIndex by n and clamps the day, with seed ${SEED}`, () => {
    fc.assert(
      fc.property(simTime, fc.integer({ min: -600, max: 600 }), (t, n) => {
        const moved = addMonths(t, n);
        const before = toCalendar(t);
        const after = toCalendar(moved);
        expect(monthIndex(moved)).toBe(monthIndex(t) + n);
        expect(after.day).toBe(Math.min(before.day, daysInMonth(after.year, after.month)));
        expect(moved - startOfDay(moved)).toBe(t - startOfDay(t));
        expect(monthStartFromIndex(monthIndex(t))).toBe(startOfMonth(t));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });
});
