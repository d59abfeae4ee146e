// Fleet statistics, pools and the ledger as the console's GET routes give them: counts agree with
// the cards' own views (section 3), pool levels with P1/P2, money with the ledger (F1).
import { describe, expect, it } from 'vitest';
import { time } from '../testing/harness.ts';
import { ledgerLines } from './ledger.ts';
import { listPools, poolDetails } from './pools.ts';
import { fleetStats } from './stats.ts';
import { testFleet } from './test-fleet.ts';

function suspendedFleet() {
  const f = testFleet();
  f.h.ok(f.sc, { type: 'SUSPEND' });
  f.h.ok(f.up, { type: 'SYSTEM_SUSPEND', cause: 'abnormal' }, 'carrier');
  f.h.ok(f.sf, { type: 'SYSTEM_SUSPEND', cause: 'usageLimit' }, 'system');
  return f;
}

describe('fleet statistics', () => {
  it('counts by status and specific status agree with every card view', () => {
    const f = suspendedFleet();
    const stats = fleetStats(f.h.world);
    const count = (key: (view: (typeof f.sc)['view']) => string): Record<string, number> => {
      const counts: Record<string, number> = {};
      for (const card of f.h.world.cards) counts[key(card.view)] = (counts[key(card.view)] ?? 0) + 1;
      return counts;
    };
    const nonZero = (record: Record<string, number>) =>
      Object.fromEntries(Object.entries(record).filter(([, n]) => n > 0));
    expect(nonZero(stats.byStatus)).toEqual(count((v) => v.status));
    expect(nonZero(stats.bySpecificStatus)).toEqual(count((v) => v.specificStatus));
    expect(stats.total).toBe(7);
    expect(stats.distribution).toEqual({
      TestCount: 0,
      UnusedCount: 2,
      UsingCount: 2,
      StopCount: 3,
      ShutDownCount: 0,
      DestoryedCount: 0,
      CardCount: 7,
    });
  });

  it('stop reasons are split by plan kind as GetCardStatusStatistics does', () => {
    const stats = fleetStats(suspendedFleet().h.world);
    const { manageStop, errorStop, exhaustStop, flowOut } = stats.statusStatistics;
    expect(manageStop).toEqual({ PoolCount: 0, SameFlowCardCount: 0, SingleCardCount: 1, TotalCount: 1 });
    expect(errorStop).toEqual({ PoolCount: 1, SameFlowCardCount: 0, SingleCardCount: 0, TotalCount: 1 });
    expect(exhaustStop).toEqual({ PoolCount: 0, SameFlowCardCount: 1, SingleCardCount: 0, TotalCount: 1 });
    expect(flowOut.TotalCount).toBe(0);
    // sc has 5 % of its data left (suspended, still in service), sc2 25 %.
    expect(stats.lowData).toEqual({ LessFlowPercentage10Count: 1, LessFlowPercentage30Count: 2 });
  });

  it('plans ending within 7 days without automatic renewal are warned of', () => {
    const f = testFleet();
    f.h.at('2026-03-26');
    expect(fleetStats(f.h.world).statusStatistics.weekWarn.TotalCount).toBe(0);
    f.sc2.autoRenew = false;
    expect(fleetStats(f.h.world).statusStatistics.weekWarn).toEqual({
      PoolCount: 0,
      SameFlowCardCount: 0,
      SingleCardCount: 1,
      TotalCount: 1,
    });
  });

  it('F1 money this month agrees with the ledger', () => {
    const world = testFleet().h.world;
    const { money } = fleetStats(world);
    expect(money.month).toBe('2026-02');
    expect(money.monthFen).toBe(world.billing.ledger.sum({ month: '2026-02' }));
    expect(money.monthFen).toBeGreaterThan(0);
    expect(Object.values(money.monthByReasonFen).reduce((a, b) => a + b)).toBe(money.monthFen);
    expect(money.totalFen).toBe(world.billing.ledger.totalFen);
  });
});

describe('P1 P2 pools', () => {
  it('P1 P2 pool levels: size, used, remaining, cards', () => {
    const f = testFleet();
    expect(listPools(f.h.world)).toEqual([
      {
        id: 'P1',
        kind: 'pooled',
        voucher: 'CT_UP_M_1_P1',
        sizeMB: 500,
        usedMB: 100,
        remainingMB: 400,
        overageMB: 0,
        cards: 1,
        activatedCards: 1,
        exhausted: false,
      },
      {
        id: 'CU_SF_M_1_1G',
        kind: 'sameTier',
        voucher: 'CU_SF_M_1_1G',
        sizeMB: 1024,
        usedMB: 0,
        remainingMB: 1024,
        overageMB: 0,
        cards: 1,
        activatedCards: 1,
        exhausted: false,
      },
    ]);
    expect(fleetStats(f.h.world).pools).toEqual(listPools(f.h.world));
  });

  it('P2 a pool level history, by day, within a range; unknown pools are refused by name', () => {
    const world = testFleet().h.world;
    const details = poolDetails(world, 'P1', { from: time('2026-02-02'), to: time('2026-02-04') });
    expect(details.cardsByStatus['In use']).toBe(1);
    expect(details.levels).toEqual([
      { t: time('2026-02-02'), sizeMB: 500, usedMB: 0 },
      { t: time('2026-02-03'), sizeMB: 500, usedMB: 100 },
    ]);
    expect(poolDetails(world, 'P1').levels.length).toBeGreaterThan(10);
    expect(() => poolDetails(world, 'P9')).toThrow(
      expect.objectContaining({
        code: 'InvalidArgument',
        message: 'no pool "P9" in this world; pools: P1, CU_SF_M_1_1G',
      }),
    );
  });
});

describe('F1 ledger lines', () => {
  it('F1 lines in order, paged, with the sum of all matches; a card by ICCID or MSISDN', () => {
    const f = testFleet();
    const ledger = f.h.world.billing.ledger;
    const all = ledgerLines(f.h.world, { pageSize: 1000 });
    expect(all.total).toBe(ledger.size);
    expect(all.items).toEqual(ledger.lines());
    expect(all.sumFen).toBe(ledger.totalFen);
    const second = ledgerLines(f.h.world, { page: 2, pageSize: 3 });
    expect(second.items).toEqual(ledger.lines().slice(3, 6));
    const byMsisdn = ledgerLines(f.h.world, { filter: { card: f.sc.msisdn! } });
    expect(byMsisdn.items.length).toBeGreaterThan(0);
    expect(byMsisdn.items.every((line) => line.card === f.sc.iccid)).toBe(true);
    expect(byMsisdn).toEqual(ledgerLines(f.h.world, { filter: { card: f.sc.iccid } }));
    const feb = ledgerLines(f.h.world, { filter: { reason: 'planFee', month: '2026-02' }, pageSize: 1000 });
    expect(feb.sumFen).toBe(ledger.sum({ reason: 'planFee', month: '2026-02' }));
  });

  it('F1 a time range pages by line number and agrees with a filtered scan', () => {
    const world = testFleet().h.world;
    const range = { from: time('2026-01-20T10:00'), to: time('2026-02-01') };
    const byTime = ledgerLines(world, { filter: range, pageSize: 1000 });
    expect(byTime.items).toEqual(world.billing.ledger.lines(range));
    expect(byTime.total).toBeGreaterThan(0);
    expect(byTime.items.every((line) => line.time >= range.from && line.time < range.to)).toBe(true);
  });

  it('F1 a bad month or reason is InvalidArgument', () => {
    const world = testFleet().h.world;
    expect(() => ledgerLines(world, { filter: { month: '2026-13' } })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    );
    expect(() => ledgerLines(world, { filter: { reason: 'tips' as never } })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument' }),
    );
  });
});
