import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARRIERS } from '../ids/carrier.ts';
import { GB, KB, MB, formatDataSize } from './data-size.ts';
import { PLAN_TYPES, planTypeFacts } from './plan-type.ts';
import {
  ADD_ON_QUANTITIES,
  RENEWAL_PERIODS,
  VoucherError,
  formatVoucher,
  isAllowedAddOnQuantity,
  isAllowedRenewal,
  makeVoucher,
  parseVoucher,
  tryParseVoucher,
  voucherPeriodMonths,
  type VoucherPart,
} from './voucher.ts';

/** The error parseVoucher throws for `text`, checked to be a VoucherError about `part`. */
function errorOf(text: string, part: VoucherPart): string {
  try {
    parseVoucher(text);
  } catch (error) {
    expect(error).toBeInstanceOf(VoucherError);
    const voucherError = error as VoucherError;
    expect(voucherError.part).toBe(part);
    expect(voucherError.input).toBe(text);
    expect(voucherError.message).toContain(JSON.stringify(text));
    return voucherError.message;
  }
  throw new Error(`expected ${text} to be refused`);
}

describe('plan vouchers', () => {
  it('V2 parses the seed form into its parts', () => {
    expect(parseVoucher('CM_SC_M_1_100M')).toEqual({
      code: 'CM_SC_M_1_100M',
      carrier: 'CM',
      planType: 'SC',
      billingCycle: 'M',
      rateVersion: 1,
      tierBytes: 100 * MB,
    });
  });

  it('V2 the API hyphen form parses to the same voucher', () => {
    expect(parseVoucher('CT-SC-M-1-30M')).toEqual(parseVoucher('CT_SC_M_1_30M'));
    expect(parseVoucher('CT-SC-M-1-30M').code).toBe('CT_SC_M_1_30M');
    expect(parseVoucher('CU-UPG-M-2-beika4')).toEqual(parseVoucher('CU_UPG_M_2_beika4'));
  });

  it('V2 the API reference examples all parse', () => {
    for (const code of [
      'CT-SC-M-1-30M',
      'CM-SF-M-3-100M',
      'CM-SF-M-2-12G',
      'CT-SF-M-2-100M',
      'CT-SC-M-2-100M',
    ]) {
      expect(formatVoucher(parseVoucher(code), 'api')).toBe(code);
    }
    expect(parseVoucher('CM-SF-M-2-12G').tierBytes).toBe(12 * GB);
  });

  it('V2 V5 pooled plans end in a pool ID', () => {
    expect(parseVoucher('CU_UPG_M_2_P1')).toEqual({
      code: 'CU_UPG_M_2_P1',
      carrier: 'CU',
      planType: 'UPG',
      billingCycle: 'M',
      rateVersion: 2,
      poolId: 'P1',
    });
    expect(parseVoucher('AL-UP-Y-1-test1').poolId).toBe('test1');
  });

  it('V1 V3 every carrier with every plan type, in both forms, round-trips', () => {
    for (const carrier of CARRIERS) {
      for (const planType of PLAN_TYPES) {
        const last = planTypeFacts(planType).hasPoolId ? 'pool7' : '512K';
        const seed = `${carrier}_${planType}_Y_3_${last}`;
        const api = `${carrier}-${planType}-Y-3-${last}`;
        const voucher = parseVoucher(seed);
        expect(voucher.carrier).toBe(carrier);
        expect(voucher.planType).toBe(planType);
        expect(voucher.billingCycle).toBe('Y');
        expect(voucher.rateVersion).toBe(3);
        expect(parseVoucher(api)).toEqual(voucher);
        expect(formatVoucher(voucher)).toBe(seed);
        expect(formatVoucher(voucher, 'seed')).toBe(seed);
        expect(formatVoucher(voucher, 'api')).toBe(api);
        expect(voucher.code).toBe(seed);
      }
    }
  });

  it('V2 any valid voucher round-trips through both forms (with seed 20260105)', () => {
    // Tiers as whole numbers of K up to 4 TB, written in their one canonical form.
    const tier = fc.integer({ min: 1, max: 4 * 1024 * 1024 * 1024 }).map((n) => formatDataSize(n * KB));
    const code = fc
      .record({
        carrier: fc.constantFrom(...CARRIERS),
        planType: fc.constantFrom(...PLAN_TYPES),
        cycle: fc.constantFrom('M', 'Y'),
        rate: fc.integer({ min: 1, max: 999 }),
        tier,
        poolId: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,31}$/),
      })
      .map(({ carrier, planType, cycle, rate, tier, poolId }) => {
        const last = planTypeFacts(planType).hasPoolId ? poolId : tier;
        return { carrier, planType, cycle, rate, last };
      });
    fc.assert(
      fc.property(code, ({ carrier, planType, cycle, rate, last }) => {
        const seed = [carrier, planType, cycle, rate, last].join('_');
        const voucher = parseVoucher(seed);
        expect(formatVoucher(voucher)).toBe(seed);
        expect(parseVoucher(formatVoucher(voucher, 'api'))).toEqual(voucher);
        expect(makeVoucher(voucher)).toEqual(voucher);
      }),
      { seed: 20260105, numRuns: 300 },
    );
  });

  it('V2 surrounding spaces are forgiven', () => {
    expect(parseVoucher('  CM_SC_M_1_100M ').code).toBe('CM_SC_M_1_100M');
  });

  it('V1 an unknown carrier is named, with the four expected', () => {
    expect(errorOf('XX_SC_M_1_100M', 'carrier')).toBe(
      'Bad plan voucher "XX_SC_M_1_100M": unknown carrier "XX"; expected CM, CU, CT or AL.',
    );
    expect(errorOf('cm_SC_M_1_100M', 'carrier')).toContain('unknown carrier "cm"');
    expect(errorOf('CMCC-SC-M-1-100M', 'carrier')).toContain('unknown carrier "CMCC"');
  });

  it('V3 an unknown plan type is named, with the six expected', () => {
    expect(errorOf('CM_SX_M_1_100M', 'planType')).toContain(
      'unknown plan type "SX"; expected SC, SCD, SF, SFD, UP or UPG',
    );
  });

  it('V4 the billing cycle must be M or Y', () => {
    expect(errorOf('CM_SC_Q_1_100M', 'billingCycle')).toContain(
      'billing cycle "Q" must be M (monthly) or Y (yearly)',
    );
    expect(errorOf('CM_SC_m_1_100M', 'billingCycle')).toContain('"m"');
  });

  it('V4 the rate version must be a positive integer', () => {
    // A minus sign cannot appear: it is the API separator, so `-1` shows up as a parts or separators error.
    for (const bad of ['0', '1.5', 'v1', '01', '', '99999999999999999999']) {
      expect(errorOf(`CM_SC_M_${bad}_100M`, 'rateVersion')).toContain(
        `rate version "${bad}" must be a positive integer`,
      );
    }
  });

  it('V4 a bad tier is named', () => {
    expect(errorOf('CM_SC_M_1_100X', 'tier')).toContain('bad tier "100X"');
    expect(errorOf('CM_SC_M_1_', 'tier')).toContain('bad tier ""');
    expect(errorOf('CM_SC_M_1_0M', 'tier')).toContain('the tier "0M" must be more than zero');
    expect(errorOf('CM_SC_M_1_0.1M', 'tier')).toContain('bad tier "0.1M"');
    expect(errorOf('CM_SC_M_1_1000B', 'tier')).toContain('whole number of K, M or G');
  });

  it('V4 a tier has one spelling: the shortest exact form', () => {
    expect(errorOf('CM_SC_M_1_1024M', 'tier')).toContain('the tier "1024M" must be written "1G"');
    expect(errorOf('CM_SC_M_1_100MB', 'tier')).toContain('must be written "100M"');
    expect(errorOf('CM_SC_M_1_1.5G', 'tier')).toContain('must be written "1536M"');
    expect(errorOf('CM_SC_M_1_100m', 'tier')).toContain('must be written "100M"');
    expect(parseVoucher('CM_SC_M_1_1536M').tierBytes).toBe(1536 * MB);
    expect(parseVoucher('CM_SC_M_1_512K').tierBytes).toBe(512 * KB);
  });

  it('V5 a pooled plan needs a pool ID instead of a tier', () => {
    expect(errorOf('CU_UPG_M_2_100M', 'poolId')).toContain(
      'the pooled plan UPG needs a pool ID instead of a tier ("100M")',
    );
    expect(errorOf('CU_UP_M_2_1G', 'poolId')).toContain('the pooled plan UP needs a pool ID');
  });

  it('V5 a pool ID is only for UP/UPG', () => {
    for (const planType of ['SC', 'SCD', 'SF', 'SFD']) {
      expect(errorOf(`CM_${planType}_M_1_beika4`, 'poolId')).toContain(
        `a pool ID ("beika4") is only for UP and UPG plans (V5); ${planType} needs a data tier`,
      );
    }
  });

  it('V5 a pool ID is letters and digits starting with a letter, at most 32', () => {
    expect(parseVoucher(`CU_UP_M_1_${'a'.repeat(32)}`).poolId).toHaveLength(32);
    expect(errorOf(`CU_UP_M_1_${'a'.repeat(33)}`, 'poolId')).toContain('bad pool ID');
    expect(errorOf('CU_UP_M_1_pool.1', 'poolId')).toContain('bad pool ID "pool.1"');
    expect(errorOf('CU_UP_M_1_', 'poolId')).toContain('bad pool ID ""');
    expect(errorOf('CU_UP_M_1_1pool', 'poolId')).toContain('bad pool ID "1pool"');
  });

  it('V2 the wrong number of parts is named', () => {
    expect(errorOf('CM_SC_M_1', 'parts')).toContain(
      'it has 4 parts; expected 5: Carrier_PlanType_BillingCycle_RateVersion_Tier',
    );
    expect(errorOf('CM_SC_M_1_100M_x', 'parts')).toContain('it has 6 parts');
    expect(errorOf('CMSCM1100M', 'parts')).toContain('it has 1 part;');
    expect(errorOf('', 'parts')).toContain('it is empty');
    expect(errorOf('CU-UPG-M-2-my-pool', 'parts')).toContain('it has 6 parts');
    expect(errorOf('CM-SC-M--1-100M', 'parts')).toContain('it has 6 parts');
  });

  it('V2 mixed separators are refused', () => {
    expect(errorOf('CM_SC-M_1_100M', 'separators')).toContain('it mixes "_" and "-"');
    expect(errorOf('CU_UPG_M_2_my-pool', 'separators')).toContain('all with "-"');
  });

  it('V2 tryParseVoucher returns the voucher or the message', () => {
    expect(tryParseVoucher('CT-SC-M-1-30M')).toEqual({ ok: true, voucher: parseVoucher('CT_SC_M_1_30M') });
    expect(tryParseVoucher('XX_SC_M_1_30M')).toEqual({
      ok: false,
      message: 'Bad plan voucher "XX_SC_M_1_30M": unknown carrier "XX"; expected CM, CU, CT or AL.',
    });
  });

  it('V2 V5 makeVoucher checks its parts like parseVoucher', () => {
    const common = { carrier: 'CM', planType: 'SC', billingCycle: 'M', rateVersion: 1 } as const;
    expect(makeVoucher({ ...common, tierBytes: GB }).code).toBe('CM_SC_M_1_1G');
    expect(() => makeVoucher({ ...common, poolId: 'p1' })).toThrow(/only for UP and UPG/);
    expect(() => makeVoucher({ ...common, planType: 'UP', tierBytes: GB })).toThrow(/needs a pool ID/);
    expect(() => makeVoucher({ ...common, tierBytes: GB, poolId: 'p1' })).toThrow(/not both/);
    expect(() => makeVoucher({ ...common, rateVersion: 0, tierBytes: GB })).toThrow(/rate version "0"/);
    expect(() => makeVoucher({ ...common, tierBytes: 1000 })).toThrow(/whole number of K, M or G/);
  });
});

describe('renewal, add-ons and periods', () => {
  it('T2 monthly plans renew by 1, 2, 3, 6, 9 or 12 periods; yearly by 1, 2 or 3', () => {
    expect(RENEWAL_PERIODS).toEqual({ M: [1, 2, 3, 6, 9, 12], Y: [1, 2, 3] });
    for (const n of [1, 2, 3, 6, 9, 12]) expect(isAllowedRenewal('M', n)).toBe(true);
    for (const n of [0, 4, 5, 7, 8, 10, 11, 13, 24, 1.5, -1]) expect(isAllowedRenewal('M', n)).toBe(false);
    for (const n of [1, 2, 3]) expect(isAllowedRenewal('Y', n)).toBe(true);
    for (const n of [0, 4, 6, 12]) expect(isAllowedRenewal('Y', n)).toBe(false);
  });

  it('T3 add-on packages come 1, 2 or 3 at a time', () => {
    expect(ADD_ON_QUANTITIES).toEqual([1, 2, 3]);
    expect([0, 1, 2, 3, 4, 2.5].map(isAllowedAddOnQuantity)).toEqual([false, true, true, true, false, false]);
  });

  it('T5 a yearly period is 12 natural months', () => {
    expect(voucherPeriodMonths(parseVoucher('CM_SC_M_1_100M'), 3)).toBe(3);
    expect(voucherPeriodMonths(parseVoucher('CM_SC_Y_1_100M'), 2)).toBe(24);
    expect(voucherPeriodMonths({ billingCycle: 'Y' }, 1)).toBe(12);
    expect(() => voucherPeriodMonths({ billingCycle: 'M' }, 0)).toThrow(RangeError);
    expect(() => voucherPeriodMonths({ billingCycle: 'M' }, 1.5)).toThrow(RangeError);
  });
});
