// Plan vouchers (V2, V4, V5): `Carrier_PlanType_BillingCycle_RateVersion_Tier`, or `…_PoolId` for the pooled
// plans UP and UPG. The API writes the same five parts joined by hyphens (`CT-SC-M-1-30M`); both forms parse
// to the same voucher and the seed form (underscores) is the one shown and stored in `code`.
//
// Decisions where the sources are silent:
// - A pool ID is 1 to 32 letters and digits and starts with a letter (the reference shows `test1`, `beika4`).
//   No `_` or `-`, because those are the separators of the two forms; the leading letter keeps a pool ID
//   from ever looking like a tier, so `CU_UPG_M_2_100M` is an error rather than a pool called "100M".
// - A tier is written in its one shortest exact form (`1G`, not `1024M` or `1GB`), so a voucher has one
//   spelling and formatVoucher(parseVoucher(s)) gives back s. The error names the form to write instead.
// - Codes are case-sensitive (`cm_sc_…` is refused): the platform writes them in capitals.
import { CARRIERS, isCarrier, type Carrier } from '../ids/carrier.ts';
import { DataSizeError, formatDataSize, parseDataSize } from './data-size.ts';
import { PLAN_TYPES, PLAN_TYPE_FACTS, isPlanType, type PlanType } from './plan-type.ts';

/** V4: `M` monthly, `Y` yearly. */
export type BillingCycle = 'M' | 'Y';
export type VoucherForm = 'seed' | 'api';

export interface PlanVoucher {
  /** The seed form, e.g. `CM_SC_M_1_100M`. */
  readonly code: string;
  readonly carrier: Carrier;
  readonly planType: PlanType;
  readonly billingCycle: BillingCycle;
  /** The platform's price-list version, a positive integer. */
  readonly rateVersion: number;
  /** Data per cycle in bytes; present exactly when the plan type has no pool ID. */
  readonly tierBytes?: number;
  /** V5: present exactly for UP and UPG. */
  readonly poolId?: string;
}

/** The part of a voucher text that is wrong, for callers that map errors to API codes. */
export type VoucherPart =
  'separators' | 'parts' | 'carrier' | 'planType' | 'billingCycle' | 'rateVersion' | 'tier' | 'poolId';

export class VoucherError extends Error {
  override name = 'VoucherError';
  readonly input: string;
  readonly part: VoucherPart;

  constructor(input: string, part: VoucherPart, problem: string) {
    super(`Bad plan voucher ${JSON.stringify(input)}: ${problem}.`);
    this.input = input;
    this.part = part;
  }
}

const SEPARATOR: Readonly<Record<VoucherForm, string>> = { seed: '_', api: '-' };
const SHAPE = 'Carrier_PlanType_BillingCycle_RateVersion_Tier (or _PoolId for UP and UPG)';
const POOL_ID_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,31}$/;
const RATE_VERSION_PATTERN = /^[1-9][0-9]*$/;

function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

function isBillingCycle(text: string): text is BillingCycle {
  return text === 'M' || text === 'Y';
}

/** Splits on the one separator the text uses; mixing `_` and `-` is refused. */
function splitParts(input: string, body: string): string[] {
  const hasUnderscore = body.includes('_');
  const hasHyphen = body.includes('-');
  if (hasUnderscore && hasHyphen) {
    throw new VoucherError(
      input,
      'separators',
      'it mixes "_" and "-"; join all parts with "_" (e.g. CM_SC_M_1_100M) or all with "-" (e.g. CT-SC-M-1-30M)',
    );
  }
  return body.split(hasHyphen ? '-' : '_');
}

function parseTier(input: string, planType: PlanType, text: string): number {
  if (POOL_ID_PATTERN.test(text)) {
    throw new VoucherError(
      input,
      'poolId',
      `a pool ID ("${text}") is only for UP and UPG plans (V5); ${planType} needs a data tier such as 30M, 100M or 1G`,
    );
  }
  let bytes: number;
  try {
    bytes = parseDataSize(text);
  } catch (error) {
    if (!(error instanceof DataSizeError)) throw error;
    throw new VoucherError(
      input,
      'tier',
      `bad tier "${text}"; write a whole number of K, M or G such as 512K, 30M, 100M or 1G`,
    );
  }
  if (bytes === 0) throw new VoucherError(input, 'tier', `the tier "${text}" must be more than zero`);
  const canonical = formatDataSize(bytes);
  if (canonical.endsWith('B')) {
    throw new VoucherError(input, 'tier', `bad tier "${text}"; a tier is a whole number of K, M or G`);
  }
  if (canonical !== text) {
    throw new VoucherError(input, 'tier', `the tier "${text}" must be written "${canonical}"`);
  }
  return bytes;
}

function looksLikeDataSize(text: string): boolean {
  try {
    parseDataSize(text);
    return true;
  } catch {
    return false;
  }
}

function parsePoolId(input: string, planType: PlanType, text: string): string {
  if (looksLikeDataSize(text)) {
    throw new VoucherError(
      input,
      'poolId',
      `the pooled plan ${planType} needs a pool ID instead of a tier ("${text}")`,
    );
  }
  if (!POOL_ID_PATTERN.test(text)) {
    throw new VoucherError(
      input,
      'poolId',
      `bad pool ID "${text}"; a pool ID is 1 to 32 letters and digits, starting with a letter`,
    );
  }
  return text;
}

/** V2: parses either form. Throws VoucherError naming the part that is wrong. */
export function parseVoucher(text: string): PlanVoucher {
  const input = text; // Quoted as given in every error; surrounding spaces are forgiven.
  const body = text.trim();
  if (body === '') throw new VoucherError(input, 'parts', `it is empty; expected ${SHAPE}`);
  const parts = splitParts(input, body);
  const [carrier, planType, billingCycle, rateVersion, last] = parts;
  if (
    parts.length !== 5 ||
    carrier === undefined ||
    planType === undefined ||
    billingCycle === undefined ||
    rateVersion === undefined ||
    last === undefined
  ) {
    throw new VoucherError(
      input,
      'parts',
      `it has ${parts.length} part${parts.length === 1 ? '' : 's'}; expected 5: ${SHAPE}`,
    );
  }
  if (!isCarrier(carrier)) {
    throw new VoucherError(input, 'carrier', `unknown carrier "${carrier}"; expected ${orList(CARRIERS)}`);
  }
  if (!isPlanType(planType)) {
    throw new VoucherError(
      input,
      'planType',
      `unknown plan type "${planType}"; expected ${orList(PLAN_TYPES)}`,
    );
  }
  if (!isBillingCycle(billingCycle)) {
    throw new VoucherError(
      input,
      'billingCycle',
      `billing cycle "${billingCycle}" must be M (monthly) or Y (yearly)`,
    );
  }
  const rateVersionNumber = Number(rateVersion);
  if (!RATE_VERSION_PATTERN.test(rateVersion) || !Number.isSafeInteger(rateVersionNumber)) {
    throw new VoucherError(
      input,
      'rateVersion',
      `rate version "${rateVersion}" must be a positive integer such as 1, 2 or 3`,
    );
  }
  const common = { carrier, planType, billingCycle, rateVersion: rateVersionNumber };
  if (PLAN_TYPE_FACTS[planType].hasPoolId) {
    const poolId = parsePoolId(input, planType, last);
    return { code: [carrier, planType, billingCycle, rateVersion, poolId].join('_'), ...common, poolId };
  }
  const tierBytes = parseTier(input, planType, last);
  return { code: [carrier, planType, billingCycle, rateVersion, last].join('_'), ...common, tierBytes };
}

export type VoucherParseResult = { ok: true; voucher: PlanVoucher } | { ok: false; message: string };

export function tryParseVoucher(text: string): VoucherParseResult {
  try {
    return { ok: true, voucher: parseVoucher(text) };
  } catch (error) {
    if (error instanceof VoucherError) return { ok: false, message: error.message };
    throw error;
  }
}

/** The voucher's text in the seed form (`CM_SC_M_1_100M`) or the API form (`CM-SC-M-1-100M`). */
export function formatVoucher(voucher: Omit<PlanVoucher, 'code'>, form: VoucherForm = 'seed'): string {
  const last = voucher.poolId ?? (voucher.tierBytes === undefined ? '' : formatDataSize(voucher.tierBytes));
  const { carrier, planType, billingCycle, rateVersion } = voucher;
  return [carrier, planType, billingCycle, String(rateVersion), last].join(SEPARATOR[form]);
}

/** Builds a voucher from its parts, with the same checks as parseVoucher (it formats, then parses). */
export function makeVoucher(parts: Omit<PlanVoucher, 'code'>): PlanVoucher {
  if (parts.poolId !== undefined && parts.tierBytes !== undefined) {
    throw new VoucherError(formatVoucher(parts), 'tier', 'a voucher has a tier or a pool ID, not both');
  }
  return parseVoucher(formatVoucher(parts));
}

// T2: the renewal periods the console offers, per billing cycle.
export const RENEWAL_PERIODS: Readonly<Record<BillingCycle, readonly number[]>> = {
  M: [1, 2, 3, 6, 9, 12],
  Y: [1, 2, 3],
};

export function isAllowedRenewal(cycle: BillingCycle, periods: number): boolean {
  return RENEWAL_PERIODS[cycle].includes(periods);
}

// T3: an add-on package is bought 1, 2 or 3 at a time.
export const ADD_ON_QUANTITIES: readonly number[] = [1, 2, 3];

export function isAllowedAddOnQuantity(quantity: number): boolean {
  return ADD_ON_QUANTITIES.includes(quantity);
}

/** T5: how many natural months `periods` periods of the voucher's cycle cover (a yearly period is 12). */
export function voucherPeriodMonths(voucher: Pick<PlanVoucher, 'billingCycle'>, periods: number): number {
  if (!Number.isSafeInteger(periods) || periods < 1) {
    throw new RangeError(`voucherPeriodMonths: periods must be a positive integer, got ${periods}`);
  }
  return voucher.billingCycle === 'Y' ? 12 * periods : periods;
}
