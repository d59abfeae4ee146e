// The service month a charge pays for (F1), written `YYYY-MM` as scenarios and people write it and held as
// a month index (year * 12 + month - 1, the same key as monthIndex in sim/time/calendar.ts), so that months
// compare and sort as integers.
import { monthIndex, type SimTime } from '../time/calendar.ts';

const SERVICE_MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

export class ServiceMonthError extends Error {
  override name = 'ServiceMonthError';
}

/** `2026-03` -> its month index. Throws ServiceMonthError for anything but `YYYY-MM` with a month 01-12. */
export function parseServiceMonth(text: string): number {
  const match = SERVICE_MONTH_PATTERN.exec(text);
  const month = Number(match?.[2]);
  if (match === null || month < 1 || month > 12) {
    throw new ServiceMonthError(
      `Bad service month ${JSON.stringify(text)}: expected YYYY-MM with a month 01-12, e.g. 2026-03.`,
    );
  }
  return Number(match[1]) * 12 + month - 1;
}

/** A month index -> `2026-03`. */
export function formatServiceMonth(index: number): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The service month of the month `t` falls in (Beijing time): what a charge for the current month pays. */
export function serviceMonthOf(t: SimTime): string {
  return formatServiceMonth(monthIndex(t));
}
