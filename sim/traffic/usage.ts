// Per-card usage, kept in typed-array columns indexed by card.index (ARCHITECTURE.md: bulk traffic
// accounting outside the machines). All amounts are bytes (whole numbers held in doubles).
import { Float64Column } from './columns.ts';

/** Days of daily usage kept per card: six months for exports (C8) and a little more. */
export const HISTORY_DAYS = 190;
/** Months of monthly usage kept per card. */
export const HISTORY_MONTHS = 13;

export interface UsageState {
  readonly columns: readonly Float64Array[];
  /** Closed days and months: their arrays are never written again, so a snapshot shares them. */
  readonly days: readonly (readonly [number, Float64Array | Uint32Array])[];
  readonly months: readonly (readonly [number, { carried: Float64Array; refused: Float64Array }])[];
}

export class UsageColumns {
  /** Carried this calendar month, realized so far (test data included). */
  readonly monthCarried = new Float64Column();
  /** Refused this month (D3): never usage. */
  readonly monthRefused = new Float64Column();
  /** Carried this month in service, against the plan's allowance (L9). */
  readonly planUsed = new Float64Column();
  /** Test data used (L2), over the card's life. */
  readonly testUsed = new Float64Column();
  /** Add-on data left (T3), valid until the plan's end. */
  readonly addOnRemaining = new Float64Column();
  /** Carried and refused today, realized so far. */
  readonly todayCarried = new Float64Column();
  readonly todayRefused = new Float64Column();
  /**
   * Carried per day: dayIndex -> bytes per card; the oldest are dropped past HISTORY_DAYS. A day is
   * kept in 32 bits a card when every amount of it fits (whole bytes under 4 GiB, nearly always),
   * else in 64: a year of a million cards' days is 760 MB instead of 1.5 GB.
   */
  readonly days = new Map<number, Float64Array | Uint32Array>();
  /** Carried and refused per month: monthIndex -> bytes per card. */
  readonly months = new Map<number, { carried: Float64Array; refused: Float64Array }>();

  /** Every per-card column, for ensure(): listed once, so ensuring allocates nothing. */
  private readonly columns = [
    this.monthCarried,
    this.monthRefused,
    this.planUsed,
    this.testUsed,
    this.addOnRemaining,
    this.todayCarried,
    this.todayRefused,
  ];

  save(): UsageState {
    return {
      columns: this.columns.map((column) => column.save()),
      days: [...this.days],
      months: [...this.months],
    };
  }

  restore(state: UsageState): void {
    const columns = this.columns;
    if (state.columns.length !== columns.length) throw new RangeError('usage state has the wrong columns');
    columns.forEach((column, i) => column.restore(state.columns[i]!));
    this.days.clear();
    for (const [day, carried] of state.days) this.days.set(day, carried);
    this.months.clear();
    for (const [month, totals] of state.months) this.months.set(month, totals);
  }

  ensure(cards: number): void {
    for (const column of this.columns) column.ensure(cards);
  }

  /** Carried by one card on one day, or 0 if that day is not kept. */
  dayCarried(cardIndex: number, dayIndex: number): number {
    return this.days.get(dayIndex)?.[cardIndex] ?? 0;
  }

  /** Close a day: keep its carried bytes per card, then start the next day at zero. */
  closeDay(dayIndex: number, cards: number): void {
    const today = this.todayCarried.array.subarray(0, cards);
    let fits = true;
    for (let i = 0; i < cards; i++) {
      const bytes = today[i]!;
      if (bytes >>> 0 !== bytes) {
        fits = false;
        break;
      }
    }
    const carried = fits ? new Uint32Array(cards) : new Float64Array(cards);
    carried.set(today);
    this.days.set(dayIndex, carried);
    this.days.delete(dayIndex - HISTORY_DAYS);
    this.todayCarried.array.fill(0);
    this.todayRefused.array.fill(0);
  }

  /** Close a month at 00:00 on the 1st: keep its totals, then start the month's counters at zero. */
  closeMonth(monthIndex: number, cards: number): void {
    const carried = new Float64Array(cards);
    const refused = new Float64Array(cards);
    carried.set(this.monthCarried.array.subarray(0, cards));
    refused.set(this.monthRefused.array.subarray(0, cards));
    this.months.set(monthIndex, { carried, refused });
    this.months.delete(monthIndex - HISTORY_MONTHS);
    this.monthCarried.array.fill(0);
    this.monthRefused.array.fill(0);
    this.planUsed.array.fill(0);
  }
}
