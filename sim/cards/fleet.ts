// Buying cards: a fleet entry of SCENARIOS.md becomes cards with identities and machines.
import type { PlanVoucher } from '../plans/voucher.ts';

export interface FleetEntry {
  /** The name steps select cards by. */
  readonly group: string;
  readonly count: number;
  readonly voucher: PlanVoucher;
  /** T0, the order date; default: when bought. */
  readonly orderedAt?: number;
  /** Periods bought with the card (T2): default 12 for monthly plans, 1 for yearly. */
  readonly periods?: number;
  /** L5: bought with individual identity verification. */
  readonly idVerification?: boolean;
  /** L11: automatic renewal. */
  readonly autoRenew?: boolean;
}

export const defaultPeriods = (voucher: PlanVoucher): number => (voucher.billingCycle === 'M' ? 12 : 1);
