import { describe, it, expect } from 'vitest';
import { DAY_MS, formatDateTime, HOUR_MS, MINUTE_MS, parseDateTime, WEEK_MS } from './calendar.ts';
import {
  addDuration,
  durationToApproxMs,
  DurationError,
  formatDuration,
  parseDuration,
  type Duration,
} from './duration.ts';

describe('parseDuration', () => {
  it('reads every unit', () => {
    expect(parseDuration('500ms')).toEqual({ kind: 'fixed', ms: 500 });
    expect(parseDuration('30s')).toEqual({ kind: 'fixed', ms: 30_000 });
    expect(parseDuration('10m')).toEqual({ kind: 'fixed', ms: 10 * MINUTE_MS });
    expect(parseDuration('6h')).toEqual({ kind: 'fixed', ms: 6 * HOUR_MS });
    expect(parseDuration('3d')).toEqual({ kind: 'fixed', ms: 3 * DAY_MS });
    expect(parseDuration('2w')).toEqual({ kind: 'fixed', ms: 2 * WEEK_MS });
    expect(parseDuration('1mo')).toEqual({ kind: 'months', months: 1 });
    expect(parseDuration('18mo')).toEqual({ kind: 'months', months: 18 });
    expect(parseDuration('1y')).toEqual({ kind: 'months', months: 12 });
    expect(parseDuration('0s')).toEqual({ kind: 'fixed', ms: 0 });
  });

  it('refuses other text, naming it and listing the units', () => {
    const cases: Array<[string, string]> = [
      ['1.5h', '1.5h: amounts must be whole numbers'],
      ['-1d', '-1d: a duration has no sign'],
      ['10min', '10min: unknown unit "min"'],
      ['1M', '1M: not a duration'],
      ['10 m', '"10 m": not a duration'],
      ['', '"": not a duration'],
      ['1h30m', '1h30m: not a duration'],
      ['h', 'h: not a duration'],
    ];
    for (const [text, message] of cases) {
      expect(() => parseDuration(text)).toThrow(DurationError);
      expect(() => parseDuration(text)).toThrow(message);
      expect(() => parseDuration(text)).toThrow('one of ms, s, m, h, d, w, mo');
    }
    expect(() => parseDuration('99999999999999999w')).toThrow('too large');
  });
});

describe('formatDuration', () => {
  it('writes the short form back, in the largest unit that divides evenly', () => {
    for (const text of ['500ms', '30s', '10m', '6h', '3d', '2w', '1mo', '18mo', '1y', '0s']) {
      expect(formatDuration(parseDuration(text))).toBe(text);
    }
    expect(formatDuration(parseDuration('14d'))).toBe('2w');
    expect(formatDuration(parseDuration('90s'))).toBe('90s');
    expect(formatDuration(parseDuration('24mo'))).toBe('2y');
    expect(formatDuration({ kind: 'months', months: 0 })).toBe('0mo');
  });

  it('parseDuration(formatDuration(d)) gives d back', () => {
    const durations: Duration[] = [
      { kind: 'fixed', ms: 1 },
      { kind: 'fixed', ms: 61_000 },
      { kind: 'fixed', ms: 25 * HOUR_MS },
      { kind: 'months', months: 13 },
      { kind: 'months', months: 36 },
    ];
    for (const d of durations) expect(parseDuration(formatDuration(d))).toEqual(d);
  });
});

describe('addDuration', () => {
  const t = parseDateTime('2026-01-31T10:00');
  it('adds fixed durations exactly', () => {
    expect(addDuration(t, parseDuration('6h'))).toBe(t + 6 * HOUR_MS);
    expect(formatDateTime(addDuration(t, parseDuration('1w')))).toBe('2026-02-07T10:00:00+08:00');
  });

  it('adds months on the calendar, clamping the day', () => {
    expect(formatDateTime(addDuration(t, parseDuration('1mo')))).toBe('2026-02-28T10:00:00+08:00');
    expect(formatDateTime(addDuration(parseDateTime('2028-01-31'), parseDuration('1mo')))).toBe(
      '2028-02-29T00:00:00+08:00',
    );
    expect(formatDateTime(addDuration(parseDateTime('2028-02-29'), parseDuration('1y')))).toBe(
      '2029-02-28T00:00:00+08:00',
    );
  });
});

describe('durationToApproxMs', () => {
  it('counts a month as 30 days and fixed durations as they are', () => {
    expect(durationToApproxMs(parseDuration('1mo'))).toBe(30 * DAY_MS);
    expect(durationToApproxMs(parseDuration('1y'))).toBe(360 * DAY_MS);
    expect(durationToApproxMs(parseDuration('3d'))).toBe(3 * DAY_MS);
  });
});
