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
  /**
   * L3 (a decision, refined): first traffic in the silent period activates the card (API activation
   * type first_data_record) only for cards bought so. By default silent-period traffic is refused
   * (D3: only In use and Testable carry) and the card waits for manual or forced activation, as the
   * seed page describes and SCENARIOS.md's example expects.
   */
  readonly activateOnFirstTraffic?: boolean;
}

export const defaultPeriods = (voucher: PlanVoucher): number => (voucher.billingCycle === 'M' ? 12 : 1);
