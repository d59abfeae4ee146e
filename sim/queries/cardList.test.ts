// C1 C2 the card list and the voucher view: the console's columns, paging, and its errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { listCards } from './cardList.ts';
import { testFleet, type TestFleet } from './test-fleet.ts';
import { listVouchers, voucherCards } from './vouchers.ts';

let f: TestFleet;
beforeAll(() => {
  f = testFleet();
});

const invalid = (run: () => unknown, text: string): void => {
  expect(run).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
  expect(run).toThrow(text);
};

describe('C1 C2 card list', () => {
  it("C1 P4 a row has the console's columns; cycle usage is yesterday's; a smart card shows no MSISDN", () => {
    const { items, total } = listCards(f.h.world, { pageSize: 10 });
    expect(total).toBe(7);
    expect(items.map((row) => row.iccid)).toEqual(f.h.world.cards.map((card) => card.iccid));
    expect(items[0]).toEqual({
      iccid: f.sc.iccid,
      msisdn: f.sc.msisdn,
      voucher: 'CM_SC_M_1_100M',
      carrier: 'CM',
      planType: 'SC',
      status: 'In use',
      statusCode: 30,
      specificStatus: 'In use',
      osStatus: 100,
      cycleUsageMB: 95,
      cycleUsageBytes: 95 * 1_048_576,
      tags: ['north'],
      remark: 'roof, "east" side',
      activationType: 'manage',
      activatedAt: f.sc.view.activatedAt,
      expiresAt: f.sc.serviceEndsAt,
      autoRenew: false,
      pendingCancellation: false,
      pool: null,
    });
    const smart = items[2]!;
    expect(smart.msisdn).toBeNull();
    expect(smart.carrier).toBe('AL');
    expect(items[3]!.pool).toBe('P1');
    expect(items[4]!.pool).toBe('CU_SF_M_1_1G');
  });

  it('C1 paging: pages from 1, the last page short, a page past the end empty with the total', () => {
    const world = f.h.world;
    const pages = [1, 2, 3, 4].map((page) => listCards(world, { page, pageSize: 3 }));
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1, 0]);
    expect(pages.every((p) => p.total === 7 && p.pageSize === 3)).toBe(true);
    expect(pages.flatMap((p) => p.items.map((row) => row.iccid))).toEqual(world.cards.map((c) => c.iccid));
    expect(listCards(world)).toMatchObject({ page: 1, pageSize: 20, total: 7 });
    expect(listCards(world, { pageSize: 1000 }).items).toHaveLength(7);
    expect(listCards(world, { page: 2, pageSize: 2, filter: { carrier: 'CM' } })).toMatchObject({
      total: 4,
      items: [{ iccid: f.unverified.iccid }, { iccid: f.verified.iccid }],
    });
  });

  it('C1 paging errors name the field and the value', () => {
    const world = f.h.world;
    invalid(() => listCards(world, { page: 0 }), 'page must be a whole number from 1, got 0');
    invalid(() => listCards(world, { page: 1.5 }), 'page must be');
    invalid(() => listCards(world, { page: Number.NaN }), 'got NaN');
    invalid(() => listCards(world, { pageSize: 0 }), 'pageSize must be a whole number from 1 to 1000, got 0');
    invalid(() => listCards(world, { pageSize: 1001 }), 'got 1001');
    invalid(() => listCards(world, { filter: { iccids: [] } }), 'filter.iccid');
  });

  it('C1 the voucher view lists one voucher cards (either spelling), with filter and paging', () => {
    const world = f.h.world;
    const view = voucherCards(world, 'CM-SC-M-1-100M');
    expect(view.items.map((row) => row.iccid)).toEqual([f.sc.iccid, f.sc2.iccid]);
    expect(voucherCards(world, 'CM_SC_M_1_100M', { pageSize: 1, page: 2 }).items).toEqual([view.items[1]]);
    expect(voucherCards(world, 'CM_SC_M_1_100M', {}, { autoRenew: true }).total).toBe(1);
    expect(listCards(world, { voucher: 'CM_SC_M_1_100M', filter: { carrier: 'CU' } }).total).toBe(0);
    // A voucher no card was bought on has no cards; a malformed one is refused.
    expect(voucherCards(world, 'CT_SC_M_1_30M').total).toBe(0);
    invalid(() => voucherCards(world, 'CM_XX_M_1_100M'), 'unknown plan type "XX"');
  });

  it('C1 vouchers: each with its cards counted by SIM card status, in the order first bought', () => {
    const vouchers = listVouchers(f.h.world);
    expect(vouchers.map((v) => v.voucher)).toEqual([
      'CM_SC_M_1_100M',
      'AL_SC_M_1_1G',
      'CT_UP_M_1_P1',
      'CU_SF_M_1_1G',
      'CM_SCD_M_1_1G',
    ]);
    expect(vouchers[0]).toMatchObject({ voucherApi: 'CM-SC-M-1-100M', tierMB: 100, poolId: null, cards: 2 });
    expect(vouchers[2]).toMatchObject({ planType: 'UP', tierMB: null, poolId: 'P1', cards: 1 });
    expect(vouchers[4]!.byStatus).toMatchObject({ 'Not in use': 2, 'In use': 0 });
    const counted = vouchers.reduce((sum, v) => sum + Object.values(v.byStatus).reduce((a, b) => a + b), 0);
    expect(counted).toBe(f.h.world.cards.length);
  });
});
