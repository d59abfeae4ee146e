// The cards whose day is expanded into sessions, by card index: what TrafficEngine kept in a Map.
// An array indexed by card is a plain load where a Map of numbers hashed every key, and the engine
// asks on every session it realizes (a pool's crossing day asks for each of its cards several
// times). Only the entries set since the last clear() are cleared, not the whole array.
import type { DaySessions } from '../devices/day-traffic.ts';

/** A card's expanded day: its sessions and how many of them are realized. */
export interface ExpandedDay {
  sessions: DaySessions;
  next: number;
}

export class ExpandedDays {
  private readonly byCard: (ExpandedDay | undefined)[] = [];
  /** Cards given an entry since the last clear (some may have been deleted since). */
  private readonly touched: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(card: number): ExpandedDay | undefined {
    return this.byCard[card];
  }

  has(card: number): boolean {
    return this.byCard[card] !== undefined;
  }

  set(card: number, day: ExpandedDay): void {
    if (this.byCard[card] === undefined) {
      this.count++;
      this.touched.push(card);
    }
    // Grow densely: a hole left by assigning past the end would make the array slow to read.
    while (this.byCard.length < card) this.byCard.push(undefined);
    this.byCard[card] = day;
  }

  delete(card: number): void {
    if (this.byCard[card] === undefined) return;
    this.byCard[card] = undefined;
    this.count--;
  }

  clear(): void {
    for (const card of this.touched) this.byCard[card] = undefined;
    this.touched.length = 0;
    this.count = 0;
  }
}
