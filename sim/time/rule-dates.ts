// The calendar facts of the lifecycle rules (RULES.md, sections 4 and 6), one function each, so that the
// state machines ask "when" here and every date rule has one definition and one set of tests.
// All instants are Beijing wall time (RULES.md intro); T0 is the card's order date.
import {
  addMonths,
  dayOfMonth,
  firstOfMonthAtOrAfter,
  monthIndex,
  monthStartFromIndex,
  startOfDay,
  startOfNextMonth,
  type SimTime,
} from './calendar.ts';

/** L2: the test period ends at T0 + 3 months, T0 being the start of the order day. */
export function testPeriodEnd(orderedAt: SimTime): SimTime {
  // L2: validity counts from the order date, not from the request, hence T0 and not the request time.
  return addMonths(startOfDay(orderedAt), 3);
}

/** L4: a card never activated is forced into use on the first 1st-of-month at or after T0 + 6 months. */
export function forcedActivationAt(orderedAt: SimTime): SimTime {
  // L4: ordered 2026-01-15 gives 2026-07-15, so 2026-08-01; ordered 2026-01-01 gives 2026-07-01 itself.
  return firstOfMonthAtOrAfter(addMonths(startOfDay(orderedAt), 6));
}

/** L12: a card Deactivated for three calendar months is canceled at 00:00 on the day three months later. */
export function autoCancelAt(deactivatedAt: SimTime): SimTime {
  // L12: the day is clamped like any month addition (2026-11-30 gives 2027-02-28).
  return addMonths(startOfDay(deactivatedAt), 3);
}

/** The Beijing day of month from which a cancellation request completes a month later (L13). */
export const CANCELLATION_CUTOFF_DAY = 20;

/**
 * L13: a cancellation requested before the 20th (Beijing) completes at 00:00 on the 1st of the next month;
 * on or after the 20th it completes in the next month, so at 00:00 on the 1st of the month after next.
 */
export function cancellationCompletesAt(requestedAt: SimTime): SimTime {
  const monthsAhead = dayOfMonth(requestedAt) < CANCELLATION_CUTOFF_DAY ? 1 : 2;
  return monthStartFromIndex(monthIndex(requestedAt) + monthsAhead);
}

/**
 * L10: a usage-limit suspension with automatic restore lifts at 00:00 on the 1st of the next month; the
 * monthly rollover (allowances, month usage) happens at the same instant.
 */
export function nextMonthStart(t: SimTime): SimTime {
  return startOfNextMonth(t);
}

/**
 * T5: service periods are natural months and the first one is the month of activation, so `months`
 * periods end (exclusive) at 00:00 on the 1st of the month `months` after the activation month:
 * activated 2026-01-05 with 3 periods, in service through 2026-03-31, ends 2026-04-01T00:00.
 */
export function servicePeriodEnd(activatedAt: SimTime, months: number): SimTime {
  if (!Number.isSafeInteger(months) || months < 1) {
    throw new RangeError(`servicePeriodEnd: ${months} periods; need a whole number of months, at least 1`);
  }
  return monthStartFromIndex(monthIndex(activatedAt) + months);
}
