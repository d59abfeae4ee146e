// A scenario's price overrides (V4) merged onto the built-in table of a rate version, validated field by
// field so that a typo in a scenario fails at load time naming the place (`tiers.30M.monthlyFen`) instead
// of pricing a month wrongly later. Overrides arrive from YAML or JSON, so everything here reads `unknown`.
//
// Merging rules:
// - A tier override may give `monthlyFen`, `yearlyFen` or both. Given only the monthly fee, the yearly one
//   follows it (monthly x yearlyPriceMonths) rather than keeping the default's, which would no longer match;
//   given only the yearly fee, the monthly one is kept (and is required for a tier the default lacks).
//   The pooled card fee merges the same way; the tier formula field by field.
// - Tier keys may be written in any spelling parseDataSize reads (`100MB`); they are stored canonical.
// - Amounts are whole fen: a scenario that writes yuan converts with parseYuan first.
import { DataSizeError, formatDataSize, parseDataSize } from '../plans/data-size.ts';
import { PLAN_TYPES, type PlanType } from '../plans/plan-type.ts';
import { DEFAULT_PRICE_TABLES, deepFreeze } from './default-prices.ts';
import {
  PriceError,
  SAME_TIER_PLAN_TYPES,
  type PriceTableData,
  type SameTierPlanType,
  type TierFormula,
  type TierPrice,
} from './prices.ts';

export interface PriceTableOverrides {
  readonly tiers?: Readonly<Record<string, Partial<TierPrice>>>;
  readonly tierFormula?: Partial<TierFormula> | null;
  readonly yearlyPriceMonths?: number;
  readonly planTypePercent?: Readonly<Partial<Record<PlanType, number>>>;
  readonly addOns?: Readonly<Record<string, number>>;
  readonly pooledCardFee?: Partial<TierPrice>;
  readonly poolFenPerGBMonth?: number;
  readonly overageFenPerMB?: Readonly<Partial<Record<SameTierPlanType, number>>>;
  readonly retentionFenPerMonth?: number;
}

const TABLE_FIELDS = [
  'tiers',
  'tierFormula',
  'yearlyPriceMonths',
  'planTypePercent',
  'addOns',
  'pooledCardFee',
  'poolFenPerGBMonth',
  'overageFenPerMB',
  'retentionFenPerMonth',
] as const;
const PRICE_FIELDS = ['monthlyFen', 'yearlyFen'] as const;
const FORMULA_FIELDS = ['baseMonthlyFen', 'monthlyFenPerGB'] as const;
const PERCENT_MAX = 1000;

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function fieldsAt(value: unknown, path: string, allowed?: readonly string[]): Fields {
  if (!isFields(value)) throw new PriceError(path, `expected an object, got ${JSON.stringify(value)}`);
  if (allowed !== undefined) {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        throw new PriceError(join(path, key), `unknown field; expected one of ${allowed.join(', ')}`);
      }
    }
  }
  return value;
}

function fenAt(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new PriceError(
      path,
      `expected a whole, non-negative number of fen (1 yuan = 100 fen), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function integerAt(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new PriceError(path, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The canonical text of a tier key (`100MB` -> `100M`). */
function tierKeyAt(key: string, path: string): string {
  let bytes: number;
  try {
    bytes = parseDataSize(key);
  } catch (error) {
    if (!(error instanceof DataSizeError)) throw error;
    throw new PriceError(path, `"${key}" is not a tier; write one such as 30M, 100M or 1G`);
  }
  const canonical = formatDataSize(bytes);
  if (bytes === 0 || canonical.endsWith('B')) {
    throw new PriceError(path, `"${key}" is not a tier; a tier is more than zero and a whole number of K`);
  }
  return canonical;
}

/** A record keyed by tier, each value read by `read`; two spellings of one tier are refused. */
function tierRecordAt<T>(
  value: unknown,
  path: string,
  read: (entry: unknown, at: string) => T,
): Record<string, T> {
  const result: Record<string, T> = {};
  for (const [key, entry] of Object.entries(fieldsAt(value, path))) {
    const at = join(path, key);
    const canonical = tierKeyAt(key, at);
    if (Object.hasOwn(result, canonical)) throw new PriceError(at, `the tier ${canonical} is given twice`);
    result[canonical] = read(entry, at);
  }
  return result;
}

function optionalFields<K extends string>(
  value: unknown,
  path: string,
  keys: readonly K[],
  read: (v: unknown, at: string) => number,
): Partial<Record<K, number>> {
  const fields = fieldsAt(value, path, keys);
  const result: Partial<Record<K, number>> = {};
  for (const key of keys) if (fields[key] !== undefined) result[key] = read(fields[key], join(path, key));
  return result;
}

function partialPriceAt(value: unknown, path: string): Partial<TierPrice> {
  const price = optionalFields(value, path, PRICE_FIELDS, fenAt);
  if (price.monthlyFen === undefined && price.yearlyFen === undefined) {
    throw new PriceError(path, 'give monthlyFen, yearlyFen or both');
  }
  return price;
}

/** Validates overrides read from a scenario; throws PriceError naming the first bad place. */
export function parsePriceOverrides(value: unknown, path = ''): PriceTableOverrides {
  const fields = fieldsAt(value, path, TABLE_FIELDS);
  const at = (key: string): string => join(path, key);
  const result: { -readonly [K in keyof PriceTableOverrides]: PriceTableOverrides[K] } = {};
  if (fields.tiers !== undefined) result.tiers = tierRecordAt(fields.tiers, at('tiers'), partialPriceAt);
  if (fields.tierFormula === null) result.tierFormula = null;
  else if (fields.tierFormula !== undefined) {
    result.tierFormula = optionalFields(fields.tierFormula, at('tierFormula'), FORMULA_FIELDS, fenAt);
  }
  if (fields.yearlyPriceMonths !== undefined) {
    result.yearlyPriceMonths = integerAt(fields.yearlyPriceMonths, at('yearlyPriceMonths'), 1, 12);
  }
  if (fields.planTypePercent !== undefined) {
    const read = (v: unknown, p: string): number => integerAt(v, p, 0, PERCENT_MAX);
    result.planTypePercent = optionalFields(fields.planTypePercent, at('planTypePercent'), PLAN_TYPES, read);
  }
  if (fields.addOns !== undefined) result.addOns = tierRecordAt(fields.addOns, at('addOns'), fenAt);
  if (fields.pooledCardFee !== undefined) {
    result.pooledCardFee = partialPriceAt(fields.pooledCardFee, at('pooledCardFee'));
  }
  if (fields.poolFenPerGBMonth !== undefined) {
    result.poolFenPerGBMonth = fenAt(fields.poolFenPerGBMonth, at('poolFenPerGBMonth'));
  }
  if (fields.overageFenPerMB !== undefined) {
    const overage = fields.overageFenPerMB;
    result.overageFenPerMB = optionalFields(overage, at('overageFenPerMB'), SAME_TIER_PLAN_TYPES, fenAt);
  }
  if (fields.retentionFenPerMonth !== undefined) {
    result.retentionFenPerMonth = fenAt(fields.retentionFenPerMonth, at('retentionFenPerMonth'));
  }
  return result;
}

function mergePrice(
  base: TierPrice | undefined,
  over: Partial<TierPrice>,
  months: number,
  path: string,
): TierPrice {
  const monthlyFen = over.monthlyFen ?? base?.monthlyFen;
  if (monthlyFen === undefined)
    throw new PriceError(join(path, 'monthlyFen'), 'a new tier needs a monthly fee');
  const yearlyFen = over.yearlyFen ?? (over.monthlyFen !== undefined ? monthlyFen * months : base?.yearlyFen);
  return { monthlyFen, yearlyFen: yearlyFen ?? monthlyFen * months };
}

function mergeFormula(
  base: TierFormula | null,
  over: Partial<TierFormula> | null | undefined,
): TierFormula | null {
  if (over === undefined) return base;
  if (over === null) return null;
  const baseMonthlyFen = over.baseMonthlyFen ?? base?.baseMonthlyFen;
  const monthlyFenPerGB = over.monthlyFenPerGB ?? base?.monthlyFenPerGB;
  if (baseMonthlyFen === undefined || monthlyFenPerGB === undefined) {
    throw new PriceError(
      'tierFormula',
      'the table has no formula to complete; give baseMonthlyFen and monthlyFenPerGB',
    );
  }
  return { baseMonthlyFen, monthlyFenPerGB };
}

/** `overrides` applied to `base` (already validated by parsePriceOverrides). */
export function mergePriceTable(base: PriceTableData, overrides: PriceTableOverrides): PriceTableData {
  const months = overrides.yearlyPriceMonths ?? base.yearlyPriceMonths;
  const tiers: Record<string, TierPrice> = { ...base.tiers };
  for (const [key, over] of Object.entries(overrides.tiers ?? {})) {
    tiers[key] = mergePrice(base.tiers[key], over, months, `tiers.${key}`);
  }
  return {
    rateVersion: base.rateVersion,
    tiers,
    tierFormula: mergeFormula(base.tierFormula, overrides.tierFormula),
    yearlyPriceMonths: months,
    planTypePercent: { ...base.planTypePercent, ...overrides.planTypePercent },
    addOns: { ...base.addOns, ...overrides.addOns },
    pooledCardFee: mergePrice(base.pooledCardFee, overrides.pooledCardFee ?? {}, months, 'pooledCardFee'),
    poolFenPerGBMonth: overrides.poolFenPerGBMonth ?? base.poolFenPerGBMonth,
    overageFenPerMB: { ...base.overageFenPerMB, ...overrides.overageFenPerMB },
    retentionFenPerMonth: overrides.retentionFenPerMonth ?? base.retentionFenPerMonth,
  };
}

/** The problems of a complete table (e.g. one restored from a snapshot), as sentences; empty when sound. */
export function priceTableProblems(value: unknown): string[] {
  try {
    const { rateVersion, ...fields } = fieldsAt(value, '', ['rateVersion', ...TABLE_FIELDS]);
    integerAt(rateVersion, 'rateVersion', 1, Number.MAX_SAFE_INTEGER);
    for (const key of TABLE_FIELDS) if (fields[key] === undefined) throw new PriceError(key, 'missing');
    const parsed = parsePriceOverrides(fields);
    const problems: string[] = [];
    // parsePriceOverrides stores tier keys canonical, so a stored key missing from its result is misspelt.
    for (const name of ['tiers', 'addOns'] as const) {
      for (const key of Object.keys(fieldsAt(fields[name], name))) {
        if (!Object.hasOwn(parsed[name] ?? {}, key))
          problems.push(`${name}.${key}: not the canonical spelling`);
      }
    }
    for (const [key, price] of Object.entries(parsed.tiers ?? {})) {
      if (price.monthlyFen === undefined || price.yearlyFen === undefined)
        problems.push(`tiers.${key}: incomplete`);
    }
    const formula = parsed.tierFormula;
    if (
      formula !== null &&
      (formula?.baseMonthlyFen === undefined || formula.monthlyFenPerGB === undefined)
    ) {
      problems.push('tierFormula: incomplete');
    }
    if (Object.keys(parsed.planTypePercent ?? {}).length !== PLAN_TYPES.length)
      problems.push('planTypePercent: incomplete');
    if (parsed.pooledCardFee?.monthlyFen === undefined || parsed.pooledCardFee.yearlyFen === undefined) {
      problems.push('pooledCardFee: incomplete');
    }
    if (Object.keys(parsed.overageFenPerMB ?? {}).length !== SAME_TIER_PLAN_TYPES.length) {
      problems.push('overageFenPerMB: incomplete');
    }
    return problems;
  } catch (error) {
    if (error instanceof PriceError) return [error.message];
    throw error;
  }
}

/** The default table of a rate version; one without a built-in table starts from the latest one below it,
 * so that any voucher a scenario writes has a price. */
export function defaultPriceTable(rateVersion: number): PriceTableData {
  if (!Number.isSafeInteger(rateVersion) || rateVersion < 1) {
    throw new PriceError('', `a rate version is a positive integer, got ${rateVersion}`);
  }
  let base: PriceTableData | undefined;
  for (const [version, table] of DEFAULT_PRICE_TABLES) {
    if (version <= rateVersion && (base === undefined || version > base.rateVersion)) base = table;
  }
  if (base === undefined)
    throw new PriceError('', `no built-in price table at or below rate version ${rateVersion}`);
  return base.rateVersion === rateVersion ? base : deepFreeze({ ...base, rateVersion });
}

/** V4: the table of `rateVersion` with a scenario's overrides merged on; frozen. Throws PriceError. */
export function priceTableFor(rateVersion: number, overrides?: unknown): PriceTableData {
  const base = defaultPriceTable(rateVersion);
  if (overrides === undefined) return base;
  const merged = mergePriceTable(base, parsePriceOverrides(overrides));
  const problems = priceTableProblems(merged);
  if (problems.length > 0) throw new PriceError('', `rate version ${rateVersion}: ${problems.join('; ')}`);
  return deepFreeze(merged);
}
