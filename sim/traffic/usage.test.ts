// Daily usage history: kept compactly when it can be, always exactly.
import { describe, expect, it } from 'vitest';
import { UsageColumns } from './usage.ts';

describe('daily usage history', () => {
  it('keeps a day in 32 bits a card when every amount fits, and exactly in 64 when one does not', () => {
    const usage = new UsageColumns();
    usage.ensure(3);
    const days = [
      [0, 1_048_576, 4_294_967_295],
      [0, 4_294_967_296, 7],
      [0, 2.5, 7],
    ];
    days.forEach((amounts, day) => {
      amounts.forEach((bytes, card) => usage.todayCarried.set(card, bytes));
      usage.closeDay(day, 3);
    });
    expect(usage.days.get(0)).toBeInstanceOf(Uint32Array);
    expect(usage.days.get(1)).toBeInstanceOf(Float64Array);
    expect(usage.days.get(2)).toBeInstanceOf(Float64Array);
    days.forEach((amounts, day) =>
      amounts.forEach((bytes, card) => expect(usage.dayCarried(card, day)).toBe(bytes)),
    );
  });
});
