import { describe, expect, it } from 'vitest';
import { MB } from '../plans/data-size.ts';
import { parseVoucher } from '../plans/voucher.ts';
import { DEFAULT_PRICE_TABLES } from './default-prices.ts';
import {
  defaultPriceTable,
  mergePriceTable,
  parsePriceOverrides,
  priceTableFor,
  priceTableProblems,
} from './price-overrides.ts';
import { PriceError, monthlyFeeFen, tierPrice } from './prices.ts';

/** The error priceTableFor throws for `overrides`, checked to be a PriceError at `path`. */
function errorAt(overrides: unknown, path: string): string {
  try {
    priceTableFor(1, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(PriceError);
    expect((error as PriceError).path).toBe(path);
    return (error as PriceError).message;
  }
  throw new Error(`expected ${JSON.stringify(overrides)} to be refused`);
}

describe('price overrides', () => {
  it('V4 without overrides a rate version gets its built-in table', () => {
    expect(priceTableFor(1)).toBe(DEFAULT_PRICE_TABLES.get(1));
    expect(priceTableFor(2).tiers['30M']).toEqual({ monthlyFen: 200, yearlyFen: 2000 });
    expect(Object.isFrozen(priceTableFor(1).tiers['30M'])).toBe(true);
  });

  it('V4 a rate version without a built-in table starts from the latest one below it', () => {
    const v7 = priceTableFor(7);
    expect(v7.rateVersion).toBe(7);
    expect(v7.tiers).toEqual(priceTableFor(2).tiers);
    expect(monthlyFeeFen(v7, parseVoucher('CT_SC_M_7_30M'))).toBe(200);
    expect(() => defaultPriceTable(0)).toThrow(/a rate version is a positive integer/);
    expect(() => priceTableFor(1.5)).toThrow(PriceError);
  });

  it('V4 a scenario overrides part of a table and keeps the rest', () => {
    const table = priceTableFor(1, {
      tiers: {
        '30M': { monthlyFen: 300 },
        '100MB': { monthlyFen: 600, yearlyFen: 5000 },
        '20M': { monthlyFen: 180 },
      },
      planTypePercent: { SCD: 50 },
      addOns: { '30M': 250 },
      overageFenPerMB: { SFD: 10 },
      retentionFenPerMonth: 50,
      pooledCardFee: { yearlyFen: 1100 },
    });
    // Only the monthly fee given: the yearly one follows it (ten months) rather than keep the default's.
    expect(table.tiers['30M']).toEqual({ monthlyFen: 300, yearlyFen: 3000 });
    expect(table.tiers['100M']).toEqual({ monthlyFen: 600, yearlyFen: 5000 });
    expect(table.tiers['20M']).toEqual({ monthlyFen: 180, yearlyFen: 1800 });
    expect(table.tiers['1G']).toEqual({ monthlyFen: 1800, yearlyFen: 18000 });
    expect(table.planTypePercent).toEqual({ SC: 100, SCD: 50, SF: 120, SFD: 100, UP: 100, UPG: 80 });
    expect(table.addOns['30M']).toBe(250);
    expect(table.addOns['1G']).toBe(1500);
    expect(table.overageFenPerMB).toEqual({ SF: 30, SFD: 10 });
    expect(table.retentionFenPerMonth).toBe(50);
    expect(table.pooledCardFee).toEqual({ monthlyFen: 100, yearlyFen: 1100 });
    expect(monthlyFeeFen(table, parseVoucher('CM_SCD_M_1_30M'))).toBe(150);
    expect(tierPrice(table, 20 * MB).listed).toBe(true);
    expect(Object.isFrozen(table)).toBe(true);
    // The built-in table is untouched.
    expect(priceTableFor(1).tiers['30M']?.monthlyFen).toBe(250);
  });

  it('V4 yearlyPriceMonths and the formula can be overridden', () => {
    const table = priceTableFor(1, {
      yearlyPriceMonths: 12,
      tierFormula: { monthlyFenPerGB: 1024 },
      tiers: { '30M': { monthlyFen: 100 } },
    });
    expect(table.tiers['30M']).toEqual({ monthlyFen: 100, yearlyFen: 1200 });
    expect(table.tierFormula).toEqual({ baseMonthlyFen: 200, monthlyFenPerGB: 1024 });
    expect(tierPrice(table, 300 * MB)).toEqual({ monthlyFen: 500, yearlyFen: 6000, listed: false });
  });

  it('V4 a formula put back after removal needs both fields', () => {
    const strict = mergePriceTable(priceTableFor(1), { tierFormula: null });
    expect(strict.tierFormula).toBeNull();
    expect(() => mergePriceTable(strict, { tierFormula: { baseMonthlyFen: 1 } })).toThrow(
      /give baseMonthlyFen and monthlyFenPerGB/,
    );
    expect(
      mergePriceTable(strict, { tierFormula: { baseMonthlyFen: 1, monthlyFenPerGB: 2 } }).tierFormula,
    ).toEqual({
      baseMonthlyFen: 1,
      monthlyFenPerGB: 2,
    });
  });

  it('V4 bad overrides are refused naming the place', () => {
    expect(errorAt({ tiers: { '30M': { monthlyFen: 2.5 } } }, 'tiers.30M.monthlyFen')).toMatch(
      /Bad price table at tiers\.30M\.monthlyFen: expected a whole, non-negative number of fen \(1 yuan = 100 fen\), got 2\.5/,
    );
    expect(errorAt({ tiers: { '30M': { monthlyFen: -1 } } }, 'tiers.30M.monthlyFen')).toContain('got -1');
    expect(errorAt({ tiers: { '30M': { monthlyFen: '250' } } }, 'tiers.30M.monthlyFen')).toContain(
      'got "250"',
    );
    expect(errorAt({ tiers: { '30M': { monthly: 250 } } }, 'tiers.30M.monthly')).toContain(
      'unknown field; expected one of monthlyFen, yearlyFen',
    );
    expect(errorAt({ tiers: { '30M': {} } }, 'tiers.30M')).toContain('give monthlyFen, yearlyFen or both');
    expect(errorAt({ tiers: { lots: { monthlyFen: 1 } } }, 'tiers.lots')).toContain('"lots" is not a tier');
    expect(errorAt({ tiers: { '0M': { monthlyFen: 1 } } }, 'tiers.0M')).toContain('more than zero');
    expect(
      errorAt({ tiers: { '1G': { monthlyFen: 1 }, '1024M': { monthlyFen: 2 } } }, 'tiers.1024M'),
    ).toContain('the tier 1G is given twice');
    expect(errorAt({ tiers: { '20M': { yearlyFen: 1000 } } }, 'tiers.20M.monthlyFen')).toContain(
      'a new tier needs a monthly fee',
    );
    expect(errorAt({ tier: {} }, 'tier')).toContain('unknown field; expected one of tiers, tierFormula');
    expect(errorAt({ rateVersion: 3 }, 'rateVersion')).toContain('unknown field');
    expect(errorAt({ planTypePercent: { XX: 10 } }, 'planTypePercent.XX')).toContain(
      'SC, SCD, SF, SFD, UP, UPG',
    );
    expect(errorAt({ planTypePercent: { SC: 1001 } }, 'planTypePercent.SC')).toContain('from 0 to 1000');
    expect(errorAt({ overageFenPerMB: { SC: 1 } }, 'overageFenPerMB.SC')).toContain(
      'expected one of SF, SFD',
    );
    expect(errorAt({ yearlyPriceMonths: 13 }, 'yearlyPriceMonths')).toContain('from 1 to 12');
    expect(errorAt({ addOns: { '30M': null } }, 'addOns.30M')).toContain('got null');
    expect(errorAt({ tierFormula: { base: 1 } }, 'tierFormula.base')).toContain('unknown field');
    expect(errorAt([], '')).toContain('expected an object');
    expect(errorAt('cheap', '')).toContain('expected an object, got "cheap"');
  });

  it('V4 parsePriceOverrides canonicalizes tier keys and nests its paths', () => {
    expect(parsePriceOverrides({ tiers: { '100MB': { monthlyFen: 1 } } })).toEqual({
      tiers: { '100M': { monthlyFen: 1 } },
    });
    expect(() => parsePriceOverrides({ tiers: 1 }, 'prices.1')).toThrow(
      /Bad price table at prices\.1\.tiers: expected an object/,
    );
  });

  it('V4 the built-in tables and merged tables are complete and sound', () => {
    for (const table of DEFAULT_PRICE_TABLES.values()) expect(priceTableProblems(table)).toEqual([]);
    expect(priceTableProblems(priceTableFor(1, { tiers: { '7M': { monthlyFen: 1 } } }))).toEqual([]);
    const { retentionFenPerMonth: _, ...missing } = priceTableFor(1);
    expect(priceTableProblems(missing)).toEqual(['Bad price table at retentionFenPerMonth: missing.']);
    expect(
      priceTableProblems({ ...priceTableFor(1), tiers: { '1024M': { monthlyFen: 1, yearlyFen: 2 } } }),
    ).toEqual(['tiers.1024M: not the canonical spelling']);
    expect(priceTableProblems({ ...priceTableFor(1), pooledCardFee: { monthlyFen: 1 } })).toEqual([
      'pooledCardFee: incomplete',
    ]);
    expect(priceTableProblems({ ...priceTableFor(1), rateVersion: 0 })[0]).toContain('rateVersion');
    expect(priceTableProblems(JSON.parse(JSON.stringify(priceTableFor(2))))).toEqual([]);
  });
});
