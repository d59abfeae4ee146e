// The operations of a step, normalized: each operation's name (`do`), its arguments (`with`) as
// numbers, times and parsed values, and the cards it selects (SCENARIOS.md, Operations).
import type { Carrier, NetworkCarrier } from '../ids/carrier.ts';
import type { SimStatus, SpecificStatus } from '../machines/status.ts';
import type { PlanType } from '../plans/plan-type.ts';
import type { PlanVoucher } from '../plans/voucher.ts';
import type { SimTime } from '../time/calendar.ts';
import type { CardSelector, Comparison, FleetEntry, StatusRef } from './types.ts';

/** Smart cards (M3): act on these sub-cards only (carrier or MSISDN); absent: all sub-cards. */
export interface SubCardArgs {
  readonly subCards?: readonly string[];
}

export type TopUpArgs = SubCardArgs & {
  /** T4: repeating a serial does not buy twice. */
  readonly serial?: string;
} & (
    | { readonly type: 'renew'; readonly periods: number }
    | { readonly type: 'addOn'; readonly tierBytes: number; readonly quantity: number }
  );

export interface UsageLimitArgs {
  /** C6: the monthly threshold; null removes the setting. */
  readonly limitBytes: number | null;
  /** L10: default true. */
  readonly autoRestore: boolean;
  /** Set for a whole voucher instead of the step's `cards`. */
  readonly voucher?: PlanVoucher;
}

export type RuleScope =
  | { readonly kind: 'voucher'; readonly voucher: PlanVoucher }
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'all' };

/** C7. A usage trigger has exactly one of share and bytes. */
export type RuleTrigger =
  | { readonly type: 'usage'; readonly share?: number; readonly bytes?: number }
  | { readonly type: 'statusChange'; readonly to?: StatusRef; readonly from?: StatusRef }
  | { readonly type: 'planExpiry'; readonly daysAhead: number };

export interface RuleSpec {
  readonly name: string;
  readonly scope: RuleScope;
  readonly trigger: RuleTrigger;
  readonly action: 'notify' | 'suspend';
}

/** C2's advanced search, as an export filter. Every field narrows; none means all cards. */
export interface CardFilter {
  readonly iccids?: readonly string[];
  readonly msisdn?: string;
  readonly imsi?: string;
  readonly voucher?: PlanVoucher;
  readonly carrier?: Carrier;
  readonly planType?: PlanType;
  readonly status?: SimStatus;
  readonly specificStatus?: SpecificStatus;
  readonly tag?: string;
  readonly pool?: string;
  readonly activated?: TimeRange;
  readonly expires?: TimeRange;
  readonly usageMB?: Comparison;
  /** Remaining data at most this share of the allowance: 0.1, 0.2 or 0.3. */
  readonly remainingShareAtMost?: number;
  readonly idVerified?: boolean;
  readonly autoRenew?: boolean;
}

/** [from, to): either end may be open. */
export interface TimeRange {
  readonly from?: SimTime;
  readonly to?: SimTime;
}

export interface ExportArgs {
  readonly fileName?: string;
  /** C8: traffic of the last 1-6 months; default 1. */
  readonly months: number;
  readonly daily: boolean;
  readonly filter: CardFilter;
}

/** The arguments (`with`) of each operation, normalized. */
export interface OperationArgs {
  activate: SubCardArgs;
  requestTestPeriod: SubCardArgs;
  suspend: SubCardArgs;
  resume: SubCardArgs;
  rebind: SubCardArgs;
  forceActivate: SubCardArgs;
  verifyIdentity: SubCardArgs;
  topUp: TopUpArgs;
  setAutoRenew: SubCardArgs & { readonly on: boolean };
  requestCancellation: SubCardArgs;
  addTags: { readonly tags: readonly string[] };
  removeTags: { readonly tags: readonly string[] };
  setRemark: { readonly text: string };
  setUsageLimit: UsageLimitArgs;
  addRule: RuleSpec;
  removeRule: { readonly name: string };
  export: ExportArgs;
  expandPool: { readonly pool: string; readonly byBytes: number };
  buy: FleetEntry;
  insertDevice: { readonly profile: string };
  /** The new device keeps the old one's profile unless one is given. */
  swapDevice: { readonly profile?: string };
  removeDevice: Record<string, never>;
  powerOff: Record<string, never>;
  powerOn: Record<string, never>;
  setProfile: { readonly profile: string };
  /** One session now, exact. */
  traffic: { readonly bytes: number; readonly whitelisted: boolean };
  'carrier.suspendAbnormal': SubCardArgs;
  'carrier.resumeAbnormal': SubCardArgs;
  /** The carrier's network carries nothing from the step's time until endsAt. */
  'carrier.outage': { readonly carrier: NetworkCarrier; readonly endsAt: SimTime };
}

export type OperationName = keyof OperationArgs;

/** Operations that act on no cards: they must not have `cards`. */
export type CardlessOperation = 'addRule' | 'removeRule' | 'export' | 'expandPool' | 'buy' | 'carrier.outage';

/** `cards` is required, except for cardless operations (absent) and setUsageLimit (absent with a voucher). */
export type Operation = {
  [K in OperationName]: {
    readonly do: K;
    readonly with: OperationArgs[K];
  } & (K extends CardlessOperation
    ? { readonly cards?: undefined }
    : K extends 'setUsageLimit'
      ? { readonly cards?: CardSelector }
      : { readonly cards: CardSelector });
}[OperationName];
