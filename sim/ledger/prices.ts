// The price table of one rate version (V4: the platform's price list version is data of the twin) and the
// lookups that turn a voucher, a tier or a volume into fen. The table is plain data so that a scenario can
// override part of it in YAML or JSON and a snapshot can store it as it is; price-overrides.ts merges and
// validates, default-prices.ts holds the built-in tables.
//
// Decisions where the sources are silent:
// - One list price per tier (`tiers`), for a single-card plan (SC). Every plan type pays a percentage of it
//   (`planTypePercent`): directional plans are cheaper, same-tier pools dearer. Rounding is half up to
//   the fen, so every price is a whole number of fen.
// - A tier the table does not list still has a price (`tierFormula`: a base fee plus a rate per GB), so any
//   tier a scenario writes can be bought. A scenario that wants unlisted tiers refused sets it to null.
// - Pooled plans (UP, UPG) have no tier (V5): each card pays a function fee (the API's FunctionFee and
//   MonthFeatureFee) and the pool pays for its size per GB and month.
// - A yearly period costs `yearlyPriceMonths` months where the table lists no yearly price (formula tiers,
//   pool sizes): ten months, the usual "buy a year, pay ten months" of IoT price lists.
import { GB, MB, formatDataSize } from '../plans/data-size.ts';
import { PLAN_TYPE_FACTS, allowsTopUp, type PlanType } from '../plans/plan-type.ts';
import type { BillingCycle, PlanVoucher } from '../plans/voucher.ts';

export interface TierPrice {
  /** One month of service, per card. */
  readonly monthlyFen: number;
  /** One yearly period (12 months of service), per card, paid at once (F2). */
  readonly yearlyFen: number;
}

/** The price of an unlisted tier: `baseMonthlyFen + ceil(tier in GB * monthlyFenPerGB)` per month. */
export interface TierFormula {
  readonly baseMonthlyFen: number;
  readonly monthlyFenPerGB: number;
}

export type SameTierPlanType = 'SF' | 'SFD';
export const SAME_TIER_PLAN_TYPES: readonly SameTierPlanType[] = ['SF', 'SFD'];

export interface PriceTableData {
  readonly rateVersion: number;
  /** List prices of a single-card plan (SC), keyed by the tier's canonical text (`30M`, `1G`). */
  readonly tiers: Readonly<Record<string, TierPrice>>;
  /** Prices tiers missing from `tiers`; null refuses them. */
  readonly tierFormula: TierFormula | null;
  /** What a yearly period costs in months where no yearly price is listed (formula tiers, pools). */
  readonly yearlyPriceMonths: number;
  /** The share of the list price each plan type pays (plan fees, add-ons, pool fees), in percent. */
  readonly planTypePercent: Readonly<Record<PlanType, number>>;
  /** T3: the price of one add-on package by tier; an unlisted tier costs the tier's monthly fee. */
  readonly addOns: Readonly<Record<string, number>>;
  /** UP, UPG: the function fee per card (API FunctionFee, MonthFeatureFee). */
  readonly pooledCardFee: TierPrice;
  /** UP, UPG: the pool's fee per GB of its size per month. */
  readonly poolFenPerGBMonth: number;
  /** P1: same-tier pool traffic beyond the pool's allowance, per MB. */
  readonly overageFenPerMB: Readonly<Record<SameTierPlanType, number>>;
  /** F3: number retention of a Deactivated card, per month. */
  readonly retentionFenPerMonth: number;
}

export class PriceError extends Error {
  override name = 'PriceError';
  /** Where in the table (or its overrides) the problem is, e.g. `tiers.30M.monthlyFen`; empty for a lookup. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(path === '' ? `${problem}.` : `Bad price table at ${path}: ${problem}.`);
    this.path = path;
  }
}

/** `fen * percent / 100`, rounded half up, in integers so the result is exact. */
export function applyPercent(fen: number, percent: number): number {
  return Math.floor((fen * percent + 50) / 100);
}

/** `ceil(bytes * fenPerUnit / unitBytes)` computed exactly: a started fraction of a fen is charged. */
function proRataFen(bytes: number, fenPerUnit: number, unitBytes: number): number {
  const numerator = BigInt(bytes) * BigInt(fenPerUnit);
  const unit = BigInt(unitBytes);
  return Number((numerator + unit - 1n) / unit);
}

function assertBytes(bytes: number, what: string): void {
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw new RangeError(`${what} must be a whole, non-negative number of bytes, got ${bytes}`);
  }
}

function assertRateVersion(table: PriceTableData, voucher: Pick<PlanVoucher, 'rateVersion' | 'code'>): void {
  if (voucher.rateVersion !== table.rateVersion) {
    throw new PriceError(
      '',
      `${voucher.code} is priced by rate version ${voucher.rateVersion}, not by the table of rate version ${table.rateVersion}`,
    );
  }
}

/** The SC list price of a tier: from the table when listed, else from the formula. */
export function tierPrice(table: PriceTableData, tierBytes: number): TierPrice & { listed: boolean } {
  assertBytes(tierBytes, 'a tier');
  const key = formatDataSize(tierBytes);
  const listed = table.tiers[key];
  if (listed !== undefined) return { ...listed, listed: true };
  if (table.tierFormula === null) {
    const known = Object.keys(table.tiers).join(', ');
    throw new PriceError(
      '',
      `rate version ${table.rateVersion} has no price for the tier ${key} (it lists ${known}) and no formula for other tiers`,
    );
  }
  const { baseMonthlyFen, monthlyFenPerGB } = table.tierFormula;
  const monthlyFen = baseMonthlyFen + proRataFen(tierBytes, monthlyFenPerGB, GB);
  return { monthlyFen, yearlyFen: monthlyFen * table.yearlyPriceMonths, listed: false };
}

/** Per card, before the plan type's percentage: the tier's list price, or the pooled function fee. */
function cardListPrice(table: PriceTableData, voucher: PlanVoucher): TierPrice {
  assertRateVersion(table, voucher);
  if (PLAN_TYPE_FACTS[voucher.planType].hasPoolId) return table.pooledCardFee;
  if (voucher.tierBytes === undefined) {
    throw new PriceError('', `${voucher.code} has neither a tier nor a pool ID`);
  }
  return tierPrice(table, voucher.tierBytes);
}

/** F2: one month of the voucher's plan per card (for UP and UPG the per-card function fee). */
export function monthlyFeeFen(table: PriceTableData, voucher: PlanVoucher): number {
  return applyPercent(cardListPrice(table, voucher).monthlyFen, table.planTypePercent[voucher.planType]);
}

/** F2: one yearly period of the voucher's plan per card. */
export function yearlyFeeFen(table: PriceTableData, voucher: PlanVoucher): number {
  return applyPercent(cardListPrice(table, voucher).yearlyFen, table.planTypePercent[voucher.planType]);
}

/** F2, T2: one period of the voucher's own cycle: a month for `M`, a year for `Y`. */
export function periodFeeFen(table: PriceTableData, voucher: PlanVoucher): number {
  return voucher.billingCycle === 'Y' ? yearlyFeeFen(table, voucher) : monthlyFeeFen(table, voucher);
}

/** T3: `quantity` add-on packages of `tierBytes` for a card on `planType` (single-card plans only). */
export function addOnFeeFen(
  table: PriceTableData,
  planType: PlanType,
  tierBytes: number,
  quantity = 1,
): number {
  if (!allowsTopUp(planType, 'addOn')) {
    throw new PriceError('', `${planType} plans have no add-on packages (T3: single-card plans only)`);
  }
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new RangeError(`an add-on quantity must be a positive integer, got ${quantity}`);
  }
  assertBytes(tierBytes, 'an add-on tier');
  const listed = table.addOns[formatDataSize(tierBytes)];
  const perPack = listed ?? tierPrice(table, tierBytes).monthlyFen;
  return applyPercent(perPack, table.planTypePercent[planType]) * quantity;
}

/** UP, UPG: the pool's fee for one period of `cycle` at `sizeBytes`; a started fen is charged. */
export function poolFeeFen(
  table: PriceTableData,
  planType: PlanType,
  sizeBytes: number,
  cycle: BillingCycle = 'M',
): number {
  if (!PLAN_TYPE_FACTS[planType].hasPoolId) {
    throw new PriceError('', `${planType} plans have no pool of a bought size (only UP and UPG do)`);
  }
  assertBytes(sizeBytes, 'a pool size');
  const monthly = applyPercent(
    proRataFen(sizeBytes, table.poolFenPerGBMonth, GB),
    table.planTypePercent[planType],
  );
  return cycle === 'Y' ? monthly * table.yearlyPriceMonths : monthly;
}

/** P1: the overage of a same-tier pool for `bytes` beyond its allowance; a started fen is charged. */
export function overageFen(table: PriceTableData, planType: PlanType, bytes: number): number {
  if (planType !== 'SF' && planType !== 'SFD') {
    throw new PriceError('', `${planType} plans are not billed overage (P1: same-tier pools only)`);
  }
  assertBytes(bytes, 'an overage volume');
  return proRataFen(bytes, table.overageFenPerMB[planType], MB);
}
