// The engine's expanded days behave as the Map they replace: entries by card, a size, and a clear
// that forgets every entry, however many times cards were set and deleted in between.
import { describe, expect, it } from 'vitest';
import type { DaySessions } from '../devices/day-traffic.ts';
import { ExpandedDays } from './expanded-days.ts';

const day = (count: number) => ({
  sessions: { count } as unknown as DaySessions,
  next: 0,
});

describe('expanded days', () => {
  it('D1 keep an entry per card, count them, and clear them all', () => {
    const days = new ExpandedDays();
    const a = day(1);
    days.set(5, a);
    days.set(0, day(2));
    days.set(5, day(3)); // replaced, not counted twice
    expect(days.size).toBe(2);
    expect(days.get(5)?.sessions.count).toBe(3);
    expect(days.has(1)).toBe(false);
    expect(days.get(1_000)).toBeUndefined();
    days.delete(0);
    days.delete(0);
    expect(days.size).toBe(1);
    days.set(0, day(4));
    days.set(12, day(5));
    expect(days.size).toBe(3);
    days.clear();
    expect(days.size).toBe(0);
    for (const card of [0, 5, 12]) expect(days.has(card)).toBe(false);
    days.set(12, a);
    expect([days.size, days.get(12)]).toEqual([1, a]);
  });
});
