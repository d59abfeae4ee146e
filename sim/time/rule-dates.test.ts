import { describe, it, expect } from 'vitest';
import { formatDateTime, parseDateTime } from './calendar.ts';
import {
  autoCancelAt,
  cancellationCompletesAt,
  forcedActivationAt,
  nextMonthStart,
  servicePeriodEnd,
  testPeriodEnd,
} from './rule-dates.ts';

// Inputs in Beijing wall time unless they carry an offset; outputs as the platform shows them.
const at = (text: string): number => parseDateTime(text);
const shown = (t: number): string => formatDateTime(t);

describe('L2 test period end', () => {
  it('L2 ordered 2026-01-15 10:30, the test period ends 2026-04-15 00:00 (counted from the order day)', () => {
    expect(shown(testPeriodEnd(at('2026-01-15T10:30')))).toBe('2026-04-15T00:00:00+08:00');
  });

  it('L2 ordered 2025-11-30, the test period ends 2026-02-28 (day clamped)', () => {
    expect(shown(testPeriodEnd(at('2025-11-30T23:59')))).toBe('2026-02-28T00:00:00+08:00');
  });
});

describe('L4 forced activation', () => {
  it('L4 ordered 2026-01-15 is forced on 2026-08-01', () => {
    expect(shown(forcedActivationAt(at('2026-01-15T14:20')))).toBe('2026-08-01T00:00:00+08:00');
  });

  it('L4 ordered 2026-01-01 is forced on 2026-07-01', () => {
    expect(shown(forcedActivationAt(at('2026-01-01T09:00')))).toBe('2026-07-01T00:00:00+08:00');
  });

  it('L4 ordered 2026-08-31 is forced on 2027-03-01 (Aug 31 + 6 months clamps to Feb 28)', () => {
    expect(shown(forcedActivationAt(at('2026-08-31')))).toBe('2027-03-01T00:00:00+08:00');
  });

  it('L4 the order day is the Beijing day: 2025-12-31T16:00Z is ordered 2026-01-01', () => {
    expect(shown(forcedActivationAt(at('2025-12-31T16:00:00Z')))).toBe('2026-07-01T00:00:00+08:00');
    expect(shown(forcedActivationAt(at('2025-12-31T15:59:59Z')))).toBe('2026-07-01T00:00:00+08:00');
    expect(shown(forcedActivationAt(at('2025-12-30T16:00:00Z')))).toBe('2026-07-01T00:00:00+08:00');
    expect(shown(forcedActivationAt(at('2025-12-01T00:00')))).toBe('2026-06-01T00:00:00+08:00');
  });
});

describe('L12 automatic cancellation', () => {
  it('L12 deactivated 2026-04-01 00:00 is canceled 2026-07-01 00:00', () => {
    expect(shown(autoCancelAt(at('2026-04-01T00:00')))).toBe('2026-07-01T00:00:00+08:00');
  });

  it('L12 deactivated 2026-11-30 is canceled 2027-02-28 00:00', () => {
    expect(shown(autoCancelAt(at('2026-11-30T17:45')))).toBe('2027-02-28T00:00:00+08:00');
  });
});

describe('L13 cancellation completion', () => {
  it('L13 requested on the 19th completes on the 1st of the next month', () => {
    expect(shown(cancellationCompletesAt(at('2026-03-19T23:59:59')))).toBe('2026-04-01T00:00:00+08:00');
    expect(shown(cancellationCompletesAt(at('2026-03-01T00:00')))).toBe('2026-04-01T00:00:00+08:00');
  });

  it('L13 requested on the 20th completes on the 1st of the month after next', () => {
    expect(shown(cancellationCompletesAt(at('2026-03-20T00:00')))).toBe('2026-05-01T00:00:00+08:00');
    expect(shown(cancellationCompletesAt(at('2026-03-31T23:59')))).toBe('2026-05-01T00:00:00+08:00');
  });

  it('L13 the 20th starts at 16:00 UTC on the 19th (Beijing day boundary)', () => {
    expect(shown(cancellationCompletesAt(at('2026-03-19T15:59:59Z')))).toBe('2026-04-01T00:00:00+08:00');
    expect(shown(cancellationCompletesAt(at('2026-03-19T16:00:00Z')))).toBe('2026-05-01T00:00:00+08:00');
  });

  it('L13 crosses the year end', () => {
    expect(shown(cancellationCompletesAt(at('2026-12-05')))).toBe('2027-01-01T00:00:00+08:00');
    expect(shown(cancellationCompletesAt(at('2026-11-25')))).toBe('2027-01-01T00:00:00+08:00');
    expect(shown(cancellationCompletesAt(at('2026-12-20')))).toBe('2027-02-01T00:00:00+08:00');
  });
});

describe('L10 next month start', () => {
  it('L10 a usage limit reached on 2026-03-18 restores at 2026-04-01 00:00', () => {
    expect(shown(nextMonthStart(at('2026-03-18T08:00')))).toBe('2026-04-01T00:00:00+08:00');
  });

  it('L10 at exactly 00:00 on a 1st, the restore is the next month', () => {
    expect(shown(nextMonthStart(at('2026-12-01T00:00')))).toBe('2027-01-01T00:00:00+08:00');
  });
});

describe('T5 service periods', () => {
  it('T5 activated 2026-01-05 with 3 periods ends 2026-04-01 00:00', () => {
    expect(shown(servicePeriodEnd(at('2026-01-05T11:00'), 3))).toBe('2026-04-01T00:00:00+08:00');
  });

  it('T5 the activation month counts whole, even when activated on its last minute', () => {
    expect(shown(servicePeriodEnd(at('2026-01-31T23:59'), 1))).toBe('2026-02-01T00:00:00+08:00');
  });

  it('T5 a yearly period is 12 natural months', () => {
    expect(shown(servicePeriodEnd(at('2026-08-01T00:00'), 12))).toBe('2027-08-01T00:00:00+08:00');
  });

  it('T5 refuses a period count that is not a whole positive number', () => {
    expect(() => servicePeriodEnd(at('2026-01-05'), 0)).toThrow(RangeError);
    expect(() => servicePeriodEnd(at('2026-01-05'), 1.5)).toThrow(RangeError);
  });
});
