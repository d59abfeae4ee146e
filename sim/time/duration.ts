// Durations as users write them in scenarios and commands: `30s`, `10m`, `6h`, `3d`, `2w`, `1mo`, `1y`,
// `500ms`. A month is not a fixed number of milliseconds in a calendar (RULES.md intro: N months keep the
// day of month, clamped), so month-based durations stay months and are applied with addMonths.
import { addMonths, DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, WEEK_MS, type SimTime } from './calendar.ts';

export type Duration = { kind: 'fixed'; ms: number } | { kind: 'months'; months: number };

export class DurationError extends Error {
  override name = 'DurationError';
}

// Fixed units, largest first so formatDuration picks the largest unit that divides evenly.
const FIXED_UNITS_MS = [
  ['w', WEEK_MS],
  ['d', DAY_MS],
  ['h', HOUR_MS],
  ['m', MINUTE_MS],
  ['s', SECOND_MS],
  ['ms', 1],
] as const;

const MONTH_UNITS = [
  ['y', 12],
  ['mo', 1],
] as const;

const ACCEPTED_UNITS = 'ms, s, m, h, d, w, mo (calendar month), y (12 calendar months)';

const DURATION_PATTERN = /^(\d+)([a-z]+)$/;

export function parseDuration(text: string): Duration {
  const shown = /^[\x21-\x7e]+$/.test(text) ? text : JSON.stringify(text);
  const fail = (what: string): never => {
    throw new DurationError(
      `${shown}: ${what}; a duration is a whole number and a unit, one of ${ACCEPTED_UNITS}`,
    );
  };
  const match = DURATION_PATTERN.exec(text);
  if (match === null) {
    // Say what is most likely wrong: a fraction (`1.5h`) or a sign, rather than only "not a duration".
    if (/^[+-]?\d*\.\d+[a-z]*$/.test(text)) fail('amounts must be whole numbers');
    if (/^[+-]/.test(text)) fail('a duration has no sign');
    return fail('not a duration');
  }
  const [, amountText = '', unit = ''] = match;
  const amount = Number(amountText);
  const monthUnit = MONTH_UNITS.find(([name]) => name === unit);
  if (monthUnit !== undefined) return checked(shown, { kind: 'months', months: amount * monthUnit[1] });
  const fixedUnit = FIXED_UNITS_MS.find(([name]) => name === unit);
  if (fixedUnit !== undefined) return checked(shown, { kind: 'fixed', ms: amount * fixedUnit[1] });
  return fail(`unknown unit "${unit}"`);
}

// Large amounts would lose integer precision (and with it determinism of the arithmetic that follows).
function checked(shown: string, d: Duration): Duration {
  const size = d.kind === 'fixed' ? d.ms : d.months;
  if (!Number.isSafeInteger(size)) throw new DurationError(`${shown}: too large`);
  return d;
}

/** t moved by d: fixed durations exactly, month durations by calendar months (day clamped). */
export function addDuration(t: SimTime, d: Duration): SimTime {
  return d.kind === 'fixed' ? t + d.ms : addMonths(t, d.months);
}

/** Back to the short text, in the largest unit that divides evenly: parseDuration(formatDuration(d)) is d. */
export function formatDuration(d: Duration): string {
  if (d.kind === 'months') {
    if (d.months === 0) return '0mo';
    const [name, months] = MONTH_UNITS.find(([, size]) => d.months % size === 0) ?? ['mo', 1];
    return `${d.months / months}${name}`;
  }
  if (d.ms === 0) return '0s';
  const [name, size] = FIXED_UNITS_MS.find(([, unitMs]) => d.ms % unitMs === 0) ?? ['ms', 1];
  return `${d.ms / size}${name}`;
}

/** Months count as 30 days. Only for progress bars and estimates: never schedule with this. */
export function durationToApproxMs(d: Duration): number {
  return d.kind === 'fixed' ? d.ms : d.months * 30 * DAY_MS;
}
