import { describe, expect, it } from 'vitest';
import { GB, MB } from '../plans/data-size.ts';
import { PLAN_TYPES } from '../plans/plan-type.ts';
import { parseVoucher, type BillingCycle } from '../plans/voucher.ts';
import { DEFAULT_PRICE_TABLES } from './default-prices.ts';
import { priceTableFor } from './price-overrides.ts';
import {
  PriceError,
  addOnFeeFen,
  applyPercent,
  monthlyFeeFen,
  overageFen,
  periodFeeFen,
  poolFeeFen,
  tierPrice,
  yearlyFeeFen,
} from './prices.ts';

const v1 = priceTableFor(1);
const v2 = priceTableFor(2);

/** A voucher of `planType` on `cycle` at rate version `rate`: tier 30M, or pool P1 for UP and UPG. */
function voucherOf(planType: string, cycle: BillingCycle, rate: number, last = '30M') {
  const pooled = planType === 'UP' || planType === 'UPG';
  return parseVoucher(`CM_${planType}_${cycle}_${rate}_${pooled ? 'P1' : last}`);
}

describe('price lookups', () => {
  // planType -> [monthly, yearly] per card for 30M (UP, UPG: the function fee), rate version 1.
  const expectedV1: Record<string, [number, number]> = {
    SC: [250, 2500],
    SCD: [200, 2000],
    SF: [300, 3000],
    SFD: [250, 2500],
    UP: [100, 1000],
    UPG: [80, 800],
  };
  const expectedV2: Record<string, [number, number]> = {
    SC: [200, 2000],
    SCD: [160, 1600],
    SF: [240, 2400],
    SFD: [200, 2000],
    UP: [90, 900],
    UPG: [72, 720],
  };

  for (const planType of PLAN_TYPES) {
    for (const cycle of ['M', 'Y'] as const) {
      it(`V4 F2 prices ${planType} on a ${cycle} cycle by rate version`, () => {
        for (const [table, expected] of [
          [v1, expectedV1],
          [v2, expectedV2],
        ] as const) {
          const voucher = voucherOf(planType, cycle, table.rateVersion);
          const [monthly, yearly] = expected[planType] ?? [NaN, NaN];
          expect(monthlyFeeFen(table, voucher)).toBe(monthly);
          expect(yearlyFeeFen(table, voucher)).toBe(yearly);
          expect(periodFeeFen(table, voucher)).toBe(cycle === 'Y' ? yearly : monthly);
        }
      });
    }
  }

  it('V4 the defaults are plausible IoT prices, a year for ten months', () => {
    expect(tierPrice(v1, 30 * MB)).toEqual({ monthlyFen: 250, yearlyFen: 2500, listed: true });
    expect(tierPrice(v1, 100 * MB).monthlyFen).toBe(500);
    expect(tierPrice(v1, GB).monthlyFen).toBe(1800);
    expect(v1.retentionFenPerMonth).toBe(100);
    expect(v1.overageFenPerMB.SF).toBe(30);
    for (const table of DEFAULT_PRICE_TABLES.values()) {
      for (const price of Object.values(table.tiers)) expect(price.yearlyFen).toBe(price.monthlyFen * 10);
    }
  });

  it('V4 a bigger tier never costs less within a default table', () => {
    for (const table of DEFAULT_PRICE_TABLES.values()) {
      const sizes = Object.keys(table.tiers).map((key) =>
        tierPrice(table, parseVoucher(`CM_SC_M_1_${key}`).tierBytes ?? 0),
      );
      for (let i = 1; i < sizes.length; i++)
        expect(sizes[i]?.monthlyFen).toBeGreaterThan(sizes[i - 1]?.monthlyFen ?? 0);
    }
  });

  it('V4 an unlisted tier is priced by the formula: a base fee plus a rate per GB', () => {
    // 200 + ceil(300/1024 * 1600) = 200 + 469 = 669.
    expect(tierPrice(v1, 300 * MB)).toEqual({ monthlyFen: 669, yearlyFen: 6690, listed: false });
    expect(monthlyFeeFen(v1, voucherOf('SC', 'M', 1, '300M'))).toBe(669);
    expect(monthlyFeeFen(v1, voucherOf('SCD', 'M', 1, '300M'))).toBe(535); // 80 % of 669 = 535.2.
    expect(yearlyFeeFen(v1, voucherOf('SF', 'Y', 1, '300M'))).toBe(8028); // 120 % of 6690.
    expect(tierPrice(v1, 512 * 1024).monthlyFen).toBe(201); // A started fen is charged.
    expect(tierPrice(v1, 3 * GB).monthlyFen).toBe(5000);
  });

  it('V4 a table without a formula refuses an unlisted tier by name', () => {
    const strict = priceTableFor(1, { tierFormula: null });
    expect(() => monthlyFeeFen(strict, voucherOf('SC', 'M', 1, '300M'))).toThrow(
      /rate version 1 has no price for the tier 300M \(it lists 10M, 30M.*\) and no formula/,
    );
    expect(monthlyFeeFen(strict, voucherOf('SC', 'M', 1, '30M'))).toBe(250);
  });

  it('V4 a voucher is priced only by the table of its own rate version', () => {
    expect(() => monthlyFeeFen(v1, voucherOf('SC', 'M', 2))).toThrow(
      /CM_SC_M_2_30M is priced by rate version 2, not by the table of rate version 1/,
    );
  });

  it('rounds percentages half up to the fen', () => {
    expect(applyPercent(5, 50)).toBe(3);
    expect(applyPercent(669, 80)).toBe(535);
    expect(applyPercent(125, 80)).toBe(100);
    expect(applyPercent(0, 120)).toBe(0);
  });

  it('T3 add-on packages: listed price per pack times the quantity, single-card plans only', () => {
    expect(addOnFeeFen(v1, 'SC', 100 * MB)).toBe(400);
    expect(addOnFeeFen(v1, 'SC', 100 * MB, 3)).toBe(1200);
    expect(addOnFeeFen(v1, 'SCD', 100 * MB, 2)).toBe(640);
    expect(addOnFeeFen(v2, 'SC', GB)).toBe(1200);
    // An unlisted add-on tier costs the tier's monthly fee.
    expect(addOnFeeFen(v1, 'SC', 50 * MB)).toBe(350);
    expect(addOnFeeFen(v1, 'SC', 300 * MB)).toBe(669);
    for (const planType of ['SF', 'SFD', 'UP', 'UPG'] as const) {
      expect(() => addOnFeeFen(v1, planType, 100 * MB)).toThrow(/no add-on packages \(T3/);
    }
    expect(() => addOnFeeFen(v1, 'SC', 100 * MB, 0)).toThrow(RangeError);
  });

  it('P2 a UP or UPG pool pays for its size per GB and month; a year costs ten months', () => {
    expect(poolFeeFen(v1, 'UP', 5 * GB)).toBe(7500);
    expect(poolFeeFen(v1, 'UPG', 5 * GB)).toBe(6000);
    expect(poolFeeFen(v1, 'UP', 5 * GB, 'Y')).toBe(75000);
    expect(poolFeeFen(v2, 'UP', 5 * GB)).toBe(6000);
    expect(poolFeeFen(v1, 'UP', 500 * MB)).toBe(733); // ceil(500/1024 * 1500).
    expect(() => poolFeeFen(v1, 'SF', GB)).toThrow(/only UP and UPG/);
  });

  it('P1 same-tier pool overage per MB, a started fen charged', () => {
    expect(overageFen(v1, 'SF', 10 * MB)).toBe(300);
    expect(overageFen(v1, 'SFD', 10 * MB)).toBe(250);
    expect(overageFen(v2, 'SF', 10 * MB)).toBe(250);
    expect(overageFen(v1, 'SF', 1)).toBe(1);
    expect(overageFen(v1, 'SF', 0)).toBe(0);
    expect(overageFen(v1, 'SF', MB / 2)).toBe(15);
    for (const planType of ['SC', 'SCD', 'UP', 'UPG'] as const) {
      expect(() => overageFen(v1, planType, MB)).toThrow(PriceError);
    }
    expect(() => overageFen(v1, 'SF', -1)).toThrow(RangeError);
  });

  it('F3 the number-retention fee is small and monthly', () => {
    for (const table of DEFAULT_PRICE_TABLES.values()) {
      expect(table.retentionFenPerMonth).toBeGreaterThan(0);
      expect(table.retentionFenPerMonth).toBeLessThan(tierPrice(table, 10 * MB).monthlyFen);
    }
  });

  it('every price is a whole number of fen', () => {
    for (const table of [v1, v2]) {
      for (const planType of PLAN_TYPES) {
        for (const tier of ['10M', '30M', '77M', '1G', '7G']) {
          const fee = monthlyFeeFen(table, voucherOf(planType, 'M', table.rateVersion, tier));
          expect(Number.isSafeInteger(fee)).toBe(true);
        }
      }
    }
  });
});
