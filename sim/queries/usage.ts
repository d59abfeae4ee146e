// A card's traffic over time (C5 traffic information, C8 export columns, the API's GetCardFlowInfo):
// daily usage from the kept days, monthly usage from the kept months, and the current day and month
// live (realized up to now). One reader serves the details page and the export, so an exported row
// and the card's usage series show the same numbers.
//
// Decisions: a day or month the world does not keep (before the world began or the card was ordered,
// or past the history of sim/traffic/usage.ts) is left out of a series, and is an empty cell in an export, never a 0 that
// would claim "no traffic". Nothing is reported after now. Refused traffic (D3) is kept per month only.
import type { Card } from '../cards/card.ts';
import { TwinError } from '../errors.ts';
import { formatServiceMonth } from '../ledger/service-month.ts';
import {
  dayIndex,
  dayStartFromIndex,
  formatDate,
  monthIndex,
  monthStartFromIndex,
  type SimTime,
} from '../time/calendar.ts';
import { HISTORY_DAYS, HISTORY_MONTHS } from '../traffic/usage.ts';
import type { World } from '../world.ts';
import { displayMB } from './units.ts';

export interface DayUsage {
  /** `YYYY-MM-DD`, Beijing. */
  readonly day: string;
  readonly carriedBytes: number;
  readonly carriedMB: number;
  /** Today: realized up to now, not closed yet. */
  readonly partial?: true;
}

export interface MonthUsage {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly carriedBytes: number;
  readonly carriedMB: number;
  readonly refusedBytes: number;
  readonly refusedMB: number;
  /** The current month: live, up to now. */
  readonly partial?: true;
}

export interface UsageRange {
  /** Default: 00:00 on the 1st of the previous month (the console's last two months). */
  readonly from?: SimTime;
  /** Exclusive; default: now. */
  readonly to?: SimTime;
}

export interface UsageSeries {
  readonly iccid: string;
  readonly from: SimTime;
  readonly to: SimTime;
  /** Oldest first. */
  readonly daily: DayUsage[];
  readonly monthly: MonthUsage[];
  /** This month so far: live (what thresholds act on) and as the console shows it (P4). */
  readonly cycle: { readonly liveMB: number; readonly consoleMB: number };
}

/** Reads kept and live usage of cards; undefined where the world keeps nothing. */
export class UsageReader {
  private readonly today: number;
  private readonly thisMonth: number;

  constructor(private readonly world: World) {
    this.today = dayIndex(world.now());
    this.thisMonth = monthIndex(world.now());
  }

  /** Bytes carried by the card on a day (dayIndex); today's realized up to now. */
  dayCarried(card: Card, day: number): number | undefined {
    if (day > this.today || day < dayIndex(card.orderedAt)) return undefined;
    const usage = this.world.traffic.usage;
    if (day === this.today) {
      this.world.traffic.liveMonthCarried(card);
      return usage.todayCarried.get(card.index);
    }
    const kept = usage.days.get(day);
    return kept === undefined ? undefined : (kept[card.index] ?? 0);
  }

  /** Bytes carried and refused in a month (monthIndex); the current month live. */
  month(card: Card, month: number): { carried: number; refused: number } | undefined {
    if (month > this.thisMonth || month < monthIndex(card.orderedAt)) return undefined;
    const usage = this.world.traffic.usage;
    if (month === this.thisMonth) {
      const carried = this.world.traffic.liveMonthCarried(card);
      return { carried, refused: usage.monthRefused.get(card.index) };
    }
    const kept = usage.months.get(month);
    if (kept === undefined) return undefined;
    return { carried: kept.carried[card.index] ?? 0, refused: kept.refused[card.index] ?? 0 };
  }

  isToday(day: number): boolean {
    return day === this.today;
  }

  isThisMonth(month: number): boolean {
    return month === this.thisMonth;
  }
}

/** The day indexes of a month, 1st to last. */
export function daysOfMonth(month: number): number[] {
  const first = dayIndex(monthStartFromIndex(month));
  const next = dayIndex(monthStartFromIndex(month + 1));
  return Array.from({ length: next - first }, (_, i) => first + i);
}

export const dayText = (day: number): string => formatDate(dayStartFromIndex(day));
export const monthText = (month: number): string => formatServiceMonth(month);

/** GET /api/cards/:iccid/usage: daily and monthly usage over [from, to). */
export function cardUsage(world: World, card: Card, range: UsageRange = {}): UsageSeries {
  const now = world.now();
  const from = range.from ?? monthStartFromIndex(monthIndex(now) - 1);
  const to = range.to ?? now;
  for (const [name, t] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!Number.isSafeInteger(t))
      throw new TwinError('InvalidArgument', `${name}: ${String(t)} is not a sim time`);
  }
  if (from >= to) throw new TwinError('InvalidArgument', 'from must be before to');
  const reader = new UsageReader(world);
  const last = to - 1;

  const daily: DayUsage[] = [];
  const firstDay = Math.max(dayIndex(from), dayIndex(now) - HISTORY_DAYS);
  for (let day = firstDay; day <= dayIndex(last); day++) {
    const carried = reader.dayCarried(card, day);
    if (carried === undefined) continue;
    daily.push({
      day: dayText(day),
      carriedBytes: carried,
      carriedMB: displayMB(carried),
      ...(reader.isToday(day) && { partial: true as const }),
    });
  }

  const monthly: MonthUsage[] = [];
  const firstMonth = Math.max(monthIndex(from), monthIndex(now) - HISTORY_MONTHS);
  for (let month = firstMonth; month <= monthIndex(last); month++) {
    const used = reader.month(card, month);
    if (used === undefined) continue;
    monthly.push({
      month: monthText(month),
      carriedBytes: used.carried,
      carriedMB: displayMB(used.carried),
      refusedBytes: used.refused,
      refusedMB: displayMB(used.refused),
      ...(reader.isThisMonth(month) && { partial: true as const }),
    });
  }

  return {
    iccid: card.iccid,
    from,
    to,
    daily,
    monthly,
    cycle: {
      liveMB: displayMB(world.traffic.liveMonthCarried(card)),
      consoleMB: displayMB(world.traffic.consoleMonthCarried(card)),
    },
  };
}
