// The scenario as the runner uses it (SCENARIOS.md), after parseScenario: every time is epoch ms
// (Beijing wall time read), every `after` resolved to an absolute time, vouchers parsed, data sizes in
// bytes, statuses checked against section 3 of the rules, comparisons in one shape, and every name a
// step refers to (group, pool, profile) known. Each step and expectation keeps its index and its path
// (`steps[3].expect[1]`) so that a failure can name the place in the file.
import type { ErrorCode } from '../errors.ts';
import type { Carrier } from '../ids/carrier.ts';
import type { SimStatus, SpecificStatus } from '../machines/status.ts';
import type { PlanVoucher } from '../plans/voucher.ts';
import type { SimTime } from '../time/calendar.ts';
import type { Expectation } from './types-expectations.ts';
import type { Operation } from './types-operations.ts';

export type * from './types-operations.ts';
export type * from './types-expectations.ts';

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  /** The scenario's seed (default 1); `--seed` overrides it at run time. */
  readonly seed: number;
  readonly start: SimTime;
  /** The sim end: as written, else the last step's time, else `start`. Never before the last step. */
  readonly until: SimTime;
  readonly fleet: readonly FleetEntry[];
  readonly pools: readonly PoolSpec[];
  /** Custom device profiles only; the built-in ones (BUILT_IN_PROFILES) belong to the traffic model. */
  readonly profiles: Readonly<Record<string, DeviceProfileSpec>>;
  /** Every carrier, with the defaults (no faults, no delay) where the file says nothing. */
  readonly carriers: Readonly<Record<Carrier, CarrierBehaviour>>;
  readonly steps: readonly Step[];
}

/** Cards bought in the run: a `fleet` entry, or the `with` of a `buy` step. */
export interface FleetEntry {
  readonly group: string;
  readonly count: number;
  readonly voucher: PlanVoucher;
  /** T0, the order date; the cards are bought at this time (never before start or the buy step). */
  readonly orderedAt: SimTime;
  /** Periods bought with the card (the file's `months`): default 12 for monthly plans, 1 for yearly. */
  readonly periods: number;
  /** L5: bought with individual identity verification. */
  readonly idVerification: boolean;
  /** L11: automatic renewal. */
  readonly autoRenew: boolean;
  /** L3 (refined): first traffic in the silent period activates the card only when this is set. */
  readonly activateOnFirstTraffic: boolean;
  /** No device means no traffic. */
  readonly device?: DevicePlacement;
  readonly path: string;
}

export interface DevicePlacement {
  readonly profile: string;
  /** First traffic from then on; never before the cards are ordered. */
  readonly insertedAt: SimTime;
}

/** A pooled data plan's pool (UP, UPG, rule P2). */
export interface PoolSpec {
  readonly id: string;
  readonly sizeBytes: number;
  /** Data each card brings to the pool when it joins; absent: joining cards do not grow the pool. */
  readonly perCardBytes?: number;
  readonly path: string;
}

/** A custom device profile (D1), in the terms of sim/devices/profiles.ts (makeProfile takes it as is).
 * Optional fields take the traffic model's defaults. */
export interface DeviceProfileSpec {
  readonly dailyMB: number;
  readonly sessionsPerDay: number;
  /** Share of traffic to whitelisted destinations, 0-1 (V6). */
  readonly whitelistedShare: number;
  /** Sigma of the lognormal day-to-day spread of the volume; 0 is the same volume every day. */
  readonly dailySpread?: number;
  /** Sessions start within [from, to) hours of the Beijing day, 0 <= from < to <= 24. */
  readonly activeHours?: readonly [from: number, to: number];
  /** weekdays: nothing on Saturdays and Sundays. */
  readonly activeDays?: 'all' | 'weekdays';
}

export interface CarrierBehaviour {
  /** Chance per card and month that the carrier suspends a card as abnormal (L8, fault injection). */
  readonly abnormalPerCardMonth: number;
  /** How long a user operation waits before it takes effect; pending until then. */
  readonly operationDelayMs: number;
  /** Added by cardtwin: the carrier lifts its own abnormal suspension after this long; absent: never. */
  readonly abnormalResolveAfterMs?: number;
  /** Added by cardtwin: random network outages, expected number per month (0: none). */
  readonly outagesPerMonth: number;
  /** Added by cardtwin: how long a random outage lasts. */
  readonly outageDurationMs: number;
}

// ---- Steps ----

export interface Step {
  readonly index: number;
  readonly path: string;
  /** Absolute sim time; `after` is resolved against the previous step (or start). */
  readonly at: SimTime;
  readonly operation?: Operation;
  /** The operation must fail with this code on every selected card. Only with an operation. */
  readonly expectError?: ErrorCode;
  /** Checked after the operation (if any) at the same sim time. */
  readonly expect: readonly Expectation[];
}

// ---- Selecting cards ----

/** Narrows any selector (SCENARIOS.md, Selecting cards). */
export interface StatusFilter {
  readonly status?: SimStatus;
  readonly specificStatus?: SpecificStatus;
}

export type CardSelector = (
  | {
      readonly kind: 'group';
      readonly group: string;
      /** At most one of first, last and index; indexes count from 0 in the order the cards were bought. */
      readonly first?: number;
      readonly last?: number;
      readonly index?: readonly number[];
    }
  | { readonly kind: 'iccid'; readonly iccids: readonly string[] }
  | { readonly kind: 'pool'; readonly pool: string }
  | { readonly kind: 'voucher'; readonly voucher: PlanVoucher }
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'all' }
) & { readonly where?: StatusFilter };

/** A status of either level, as events and status-change rules name them. */
export type StatusRef =
  | { readonly level: 'status'; readonly status: SimStatus }
  | { readonly level: 'specific'; readonly specific: SpecificStatus };

/** A value to compare: exactly `equals`, or within [min, max] (either bound may be absent). */
export interface Comparison {
  readonly min?: number;
  readonly max?: number;
  readonly equals?: number | string;
}
