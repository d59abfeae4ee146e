// Plans, top-ups and pools as traffic meets them (RULES.md L9, L10, P1-P4, T1-T4).
import { describe, expect, it } from 'vitest';
import { Harness, MB } from '../testing/harness.ts';
import type { DataPool, SameTierPool } from '../traffic/pools.ts';

const GB = 1024 * MB;

describe('plans, top-ups and pools', () => {
  it('L9 P3 SC card at 100M: 120 MB offered -> 100 MB carried, credit control; an add-on of 100M resumes it at once', () => {
    const h = new Harness('2026-01-01');
    const card = h.one('CM_SC_M_1_100M');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-01-10T12:00');
    expect(h.offer(card, 120)).toBe(100);
    expect(card.view.specificStatus).toBe('Suspended (credit control)');
    expect(h.refusedMB(card)).toBe(20);
    h.at('2026-01-10T15:00');
    const order = h.world.orders.topUp(
      card,
      { type: 'addOn', tierBytes: 100 * MB, quantity: 1 },
      { by: 'user' },
    );
    expect(order.ok).toBe(true);
    expect(card.view.specificStatus).toBe('In use');
    expect(h.whenBecame(card, 'In use')).toBe('2026-01-10T15:00:00+08:00');
    // T3: the add-on's data comes after the month's own allowance, and runs out too.
    expect(h.offer(card, 150)).toBe(100);
    expect(card.view.specificStatus).toBe('Suspended (credit control)');
  });

  it('L9 a new month lifts credit control when the plan is still valid', () => {
    const h = new Harness('2026-01-01');
    const card = h.one('CM_SC_M_1_100M', { periods: 3 });
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.offer(card, 100);
    expect(card.view.specificStatus).toBe('Suspended (credit control)');
    h.at('2026-02-01');
    expect(card.view.specificStatus).toBe('In use');
    expect(h.offer(card, 100)).toBe(100);
  });

  it('L10 the usage limit suspends at the session that reaches it and restores on the 1st', () => {
    const h = new Harness('2026-01-01');
    const card = h.one('CU_SF_M_1_1G');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.world.traffic.change(card, () => h.world.traffic.usageLimit.set(card.index, 50 * MB));
    h.at('2026-01-15T08:00');
    expect(h.offer(card, 30)).toBe(30);
    h.at('2026-01-15T09:00');
    expect(h.offer(card, 30)).toBe(20);
    expect(card.view.specificStatus).toBe('Suspended (usage limit)');
    expect(h.whenBecame(card, 'Suspended (usage limit)')).toBe('2026-01-15T09:00:00+08:00');
    h.at('2026-02-01');
    expect(card.view.specificStatus).toBe('In use');
  });

  it('P1 a same-tier pool shares tier × activated cards, never stops, and bills overage on the 1st', () => {
    const h = new Harness('2026-03-01');
    const cards = h.buy('CT_SF_M_1_100M', { count: 3 });
    h.ok(cards[0]!, { type: 'ACTIVATE', activationType: 'manage' });
    h.ok(cards[1]!, { type: 'FORCE_ACTIVATE' }); // L14: grows the pool at once
    const pool = h.world.pools.get('CT_SF_M_1_100M') as SameTierPool;
    expect(pool.size()).toBe(200 * MB);
    expect(h.offer(cards[0]!, 150)).toBe(150);
    expect(h.offer(cards[1]!, 100)).toBe(100);
    expect(cards.slice(0, 2).map((c) => c.view.specificStatus)).toEqual(['In use', 'In use']);
    expect(pool.overageBytes()).toBe(50 * MB);
    h.at('2026-04-01');
    const overage = h.world.billing.ledger.lines({ reason: 'overage' });
    expect(overage).toHaveLength(1);
    expect(overage[0]).toMatchObject({ pool: 'CT_SF_M_1_100M', serviceMonth: '2026-03', quantity: 50 });
    // 50 MB at 0.30 yuan per MB (rate version 1, SF).
    expect(overage[0]!.amountFen).toBe(1500);
  });

  it('P2 a pooled data plan suspends every card when the pool runs dry; expanding it resumes them', () => {
    const h = new Harness('2026-03-01');
    const pool = h.world.addPool('P1', 100 * MB) as DataPool;
    const cards = h.buy('CU_UP_M_1_P1', { count: 3 });
    for (const card of cards) h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-03-02T10:00');
    expect(h.offer(cards[0]!, 60)).toBe(60);
    h.at('2026-03-02T11:00');
    expect(h.offer(cards[1]!, 60)).toBe(40);
    expect(cards.map((c) => c.view.specificStatus)).toEqual(Array(3).fill('Suspended (credit control)'));
    expect(pool.remaining()).toBe(0);
    h.at('2026-03-03T09:00');
    h.world.expandPool(pool, 1 * GB, 'user');
    expect(cards.map((c) => c.view.specificStatus)).toEqual(Array(3).fill('In use'));
    expect(h.offer(cards[2]!, 10)).toBe(10);
  });

  it('P2 devices drain a pool through the day and every card stops at the same moment', () => {
    const h = new Harness('2026-03-01');
    const pool = h.world.addPool('P9', 200 * MB);
    const cards = h.buy('CM_UP_M_1_P9', { count: 4 });
    for (const card of cards) {
      h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
      h.device(card, 'camera');
    }
    h.at('2026-03-31');
    expect(pool.monthUsed).toBe(200 * MB);
    const stops = cards.map((c) => h.whenBecame(c, 'Suspended (credit control)'));
    expect(new Set(stops).size).toBe(1);
    h.at('2026-04-01T00:00');
    expect(cards.every((c) => c.view.specificStatus === 'In use')).toBe(true);
  });

  it('P4 the console shows cycle usage up to 24:00 of the previous day; limits act on live usage', () => {
    const h = new Harness('2026-01-01');
    const card = h.one('CM_SC_M_1_1G');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-01-05T10:00');
    h.offer(card, 10);
    h.at('2026-01-05T20:00');
    expect(h.world.traffic.consoleMonthCarried(card)).toBe(0);
    expect(h.usedMB(card)).toBe(10);
    h.at('2026-01-06T00:00');
    expect(h.world.traffic.consoleMonthCarried(card)).toBe(10 * MB);
  });

  it('T1 pooled data plans refuse top-ups; same-tier pools refuse add-ons', () => {
    const h = new Harness('2026-01-01');
    h.world.addPool('P1', GB);
    const up = h.one('CU_UP_M_1_P1');
    const sf = h.one('CU_SF_M_1_1G');
    h.ok(sf, { type: 'ACTIVATE', activationType: 'manage' });
    const topUp = (card: typeof up, t: Parameters<typeof h.world.orders.topUp>[1]) =>
      h.world.orders.topUp(card, t, { by: 'user' });
    expect(topUp(up, { type: 'renew', periods: 3 })).toMatchObject({
      ok: false,
      refusal: { code: 'PlanTypeNotSupported' },
    });
    expect(topUp(sf, { type: 'addOn', tierBytes: 100 * MB, quantity: 1 })).toMatchObject({
      ok: false,
      refusal: { code: 'PlanTypeNotSupported' },
    });
    expect(topUp(sf, { type: 'renew', periods: 3 })).toMatchObject({ ok: true });
  });

  it('T2 renewal periods follow one another from the end of the last, in the allowed counts', () => {
    const h = new Harness('2026-01-01');
    const card = h.one('CM_SC_M_1_100M', { periods: 2 });
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    expect(h.world.orders.topUp(card, { type: 'renew', periods: 4 }, { by: 'user' })).toMatchObject({
      ok: false,
      refusal: { code: 'InvalidArgument' },
    });
    expect(h.world.orders.topUp(card, { type: 'renew', periods: 3 }, { by: 'user' }).ok).toBe(true);
    h.at('2026-05-31');
    expect(card.view.specificStatus).toBe('In use');
    h.at('2026-06-01');
    expect(card.view.specificStatus).toBe('Deactivated');
  });

  it('T4 repeating a serial number does not buy twice', () => {
    const h = new Harness('2026-01-01');
    const card = h.one('CM_SC_M_1_100M');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    const addOn = { type: 'addOn' as const, tierBytes: 100 * MB, quantity: 2 };
    expect(h.world.orders.topUp(card, addOn, { serialNo: 'S-1', by: 'user' })).toMatchObject({
      ok: true,
      repeated: false,
    });
    expect(h.world.orders.topUp(card, addOn, { serialNo: 'S-1', by: 'user' })).toMatchObject({
      ok: true,
      repeated: true,
    });
    expect(h.world.traffic.usage.addOnRemaining.get(card.index)).toBe(200 * MB);
    expect(h.world.billing.ledger.count({ reason: 'addOn' })).toBe(1);
    expect(
      h.world.orders.topUp(card, { ...addOn, quantity: 1 }, { serialNo: 'S-1', by: 'user' }),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'InvalidArgument' },
    });
  });
});
