// The built-in price tables, one per rate version (V4). The figures are plausible IoT connectivity prices
// in the range Chinese IoT platforms publish, not any real platform's list: 30M about 2.50 yuan a month,
// 100M about 5, 1G about 18, a year for ten months' fees, 0.30 yuan per MB of same-tier overage, 1 yuan a
// month to keep a Deactivated card's number. Rate version 2 is a later, cheaper list, so that a fleet
// mixing the two shows different fees for the same tier.
import type { PriceTableData, TierPrice } from './prices.ts';

/** A tier whose yearly period costs ten months. */
function tier(monthlyFen: number): TierPrice {
  return { monthlyFen, yearlyFen: monthlyFen * 10 };
}

const RATE_VERSION_1: PriceTableData = {
  rateVersion: 1,
  tiers: {
    '10M': tier(150),
    '30M': tier(250),
    '50M': tier(350),
    '100M': tier(500),
    '200M': tier(800),
    '500M': tier(1200),
    '1G': tier(1800),
    '2G': tier(3000),
    '5G': tier(6000),
    '10G': tier(10000),
  },
  // 200 fen plus 16 yuan per GB: 30M -> 2.47, 300M -> 6.69, 3G -> 50.00; close to the listed tiers.
  tierFormula: { baseMonthlyFen: 200, monthlyFenPerGB: 1600 },
  yearlyPriceMonths: 10,
  planTypePercent: { SC: 100, SCD: 80, SF: 120, SFD: 100, UP: 100, UPG: 80 },
  addOns: { '10M': 100, '30M': 200, '100M': 400, '500M': 1000, '1G': 1500 },
  pooledCardFee: { monthlyFen: 100, yearlyFen: 1000 },
  poolFenPerGBMonth: 1500,
  overageFenPerMB: { SF: 30, SFD: 25 },
  retentionFenPerMonth: 100,
};

const RATE_VERSION_2: PriceTableData = {
  rateVersion: 2,
  tiers: {
    '10M': tier(120),
    '30M': tier(200),
    '50M': tier(300),
    '100M': tier(450),
    '200M': tier(700),
    '500M': tier(1000),
    '1G': tier(1500),
    '2G': tier(2600),
    '5G': tier(5000),
    '10G': tier(8800),
  },
  tierFormula: { baseMonthlyFen: 150, monthlyFenPerGB: 1400 },
  yearlyPriceMonths: 10,
  planTypePercent: { SC: 100, SCD: 80, SF: 120, SFD: 100, UP: 100, UPG: 80 },
  addOns: { '10M': 80, '30M': 150, '100M': 350, '500M': 800, '1G': 1200 },
  pooledCardFee: { monthlyFen: 90, yearlyFen: 900 },
  poolFenPerGBMonth: 1200,
  overageFenPerMB: { SF: 25, SFD: 20 },
  retentionFenPerMonth: 100,
};

// Frozen all the way down: every run shares these objects, so none may change them.
export function deepFreeze<T extends object>(value: T): T {
  for (const part of Object.values(value)) if (typeof part === 'object' && part !== null) deepFreeze(part);
  return Object.freeze(value);
}

/** Rate version -> its built-in table. A rate version without one is priced from the latest one below it
 * (price-overrides.ts, priceTableFor). */
export const DEFAULT_PRICE_TABLES: ReadonlyMap<number, PriceTableData> = new Map([
  [1, deepFreeze(RATE_VERSION_1)],
  [2, deepFreeze(RATE_VERSION_2)],
]);
