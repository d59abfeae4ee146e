// 100,000 cards through a year of lifecycle timers in one test process: every card forcibly
// activated (L4), its three periods served (T5), Deactivated (L11) and, three months on, canceled (L12).
import { describe, expect, it } from 'vitest';
import { parseVoucher } from './plans/voucher.ts';
import { DAY_MS, parseDateTime } from './time/calendar.ts';
import { World } from './world.ts';

const VOUCHERS = ['CM_SC_M_1_100M', 'CU_SF_M_1_1G', 'CT_SC_M_1_30M', 'AL_SC_M_1_1G', 'CU_UP_M_1_P1'];

describe('a large world', () => {
  it('L4 L11 L12 100,000 cards run through a year of lifecycle timers', () => {
    const world = new World({ name: 'scale', seed: 1, start: parseDateTime('2026-01-01') });
    world.addPool('P1', 100 * 1024 * 1_048_576);
    VOUCHERS.forEach((code, i) =>
      world.buy({
        group: code,
        count: 20_000,
        voucher: parseVoucher(code),
        periods: 3,
        orderedAt: parseDateTime('2026-01-01') + i * 7 * DAY_MS,
      }),
    );
    expect(world.cards).toHaveLength(100_000);
    world.runUntil(parseDateTime('2027-01-01'));
    const byStatus = new Map<string, number>();
    for (const card of world.cards)
      byStatus.set(card.view.specificStatus, (byStatus.get(card.view.specificStatus) ?? 0) + 1);
    // Ordered 2026-01-01: forced 07-01, Deactivated 10-01, canceled 2027-01-01 00:00.
    // Ordered later in January: forced 08-01, Deactivated 11-01, canceled 2027-02-01.
    expect(Object.fromEntries(byStatus)).toEqual({ Canceled: 20_000, Deactivated: 80_000 });
    expect(world.cards.every((c) => c.view.activationType === 'silence_expire')).toBe(true);
    const memory = process.memoryUsage();
    console.info(
      `100,000 cards (20,000 smart) through 2026: ${world.eventCount} events, ` +
        `heap ${Math.round(memory.heapUsed / 2 ** 20)} MB, rss ${Math.round(memory.rss / 2 ** 20)} MB`,
    );
  });
});
