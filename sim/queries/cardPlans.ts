// C5 "the list of active plans with start and end" (the API's ListPackageDTO): the plan period the
// card is in, its add-on data (T3), its test data (L2), and what is left of this month's allowance.
//
// Decisions: the plan period starts at activation and ends at serviceEndsAt (exclusive: 00:00 on the
// 1st after the last service month, T5); a card renewed after deactivation (L15) still shows its
// first activation as the start. Months bought and not started are those after the current month up
// to the end, or, before activation, every month bought (they start with the activation month).
import { primarySnapshot, type Card } from '../cards/card.ts';
import { CARRIER_NAMES } from '../ids/carrier.ts';
import { PLAN_TYPE_FACTS } from '../plans/plan-type.ts';
import { formatDataSize } from '../plans/data-size.ts';
import { monthIndex, type SimTime } from '../time/calendar.ts';
import { TEST_DATA_BYTES } from '../traffic/engine.ts';
import type { World } from '../world.ts';
import { allowanceOf, inService, type AllowanceKind } from './allowance.ts';
import { displayMB } from './units.ts';

export type PlanState = 'notStarted' | 'inService' | 'ended';

export interface PlanPeriod {
  readonly voucher: string;
  /** In the console's words: carrier, plan type, cycle and tier (or pool). */
  readonly name: string;
  readonly state: PlanState;
  readonly startsAt: SimTime | null;
  /** Exclusive. */
  readonly endsAt: SimTime | null;
  readonly monthsNotStarted: number;
  readonly autoRenew: boolean;
}

export interface AddOnData {
  readonly remainingMB: number;
  /** T3: add-on data expires with the plan. */
  readonly endsAt: SimTime | null;
}

export interface TestData {
  readonly usedMB: number;
  readonly remainingMB: number;
  /** L2: T0 + 3 months, or earlier when the data is used up. */
  readonly endsAt: SimTime;
}

export interface MonthAllowance {
  readonly kind: AllowanceKind;
  readonly allowanceMB: number;
  readonly usedMB: number;
  readonly remainingMB: number;
  /** 0 to 1. */
  readonly remainingShare: number;
  readonly pool?: string;
}

export interface ActivePlans {
  readonly plan: PlanPeriod;
  /** Single-card plans with add-on data left, else null. */
  readonly addOn: AddOnData | null;
  /** While the card is in its test period, else null. */
  readonly testData: TestData | null;
  /** This month's allowance while the plan is in service, else null (allowance.ts). */
  readonly allowance: MonthAllowance | null;
}

export function planName(card: Card): string {
  const v = card.voucher;
  const cycle = v.billingCycle === 'M' ? 'monthly' : 'yearly';
  const size = v.poolId !== undefined ? `pool ${v.poolId}` : formatDataSize(v.tierBytes ?? 0);
  return `${CARRIER_NAMES[v.carrier]} - ${PLAN_TYPE_FACTS[v.planType].name} - ${cycle} - ${size}`;
}

function planState(card: Card): PlanState {
  if (card.view.activatedAt === null) return 'notStarted';
  return inService(card) ? 'inService' : 'ended';
}

export function activePlans(world: World, card: Card): ActivePlans {
  const now = world.now();
  const state = planState(card);
  const ends = card.serviceEndsAt;
  const later =
    state === 'inService' && ends !== null && now < ends ? monthIndex(ends) - monthIndex(now) - 1 : 0;
  const usage = world.traffic.usage;
  world.traffic.liveMonthCarried(card);
  const addOnLeft = usage.addOnRemaining.get(card.index);
  const testUsed = usage.testUsed.get(card.index);
  const allowance = allowanceOf(world, card);
  const testEndsAt = primarySnapshot(card).context.testPeriodEndsAt;
  return {
    plan: {
      voucher: card.voucher.code,
      name: planName(card),
      state,
      startsAt: card.view.activatedAt,
      endsAt: ends,
      monthsNotStarted: later + card.monthsBought,
      autoRenew: card.autoRenew,
    },
    addOn: addOnLeft > 0 ? { remainingMB: displayMB(addOnLeft), endsAt: ends } : null,
    testData:
      card.view.status === 'Testable'
        ? {
            usedMB: displayMB(testUsed),
            remainingMB: displayMB(Math.max(0, TEST_DATA_BYTES - testUsed)),
            endsAt: testEndsAt,
          }
        : null,
    allowance: allowance
      ? {
          kind: allowance.kind,
          allowanceMB: displayMB(allowance.allowanceBytes),
          usedMB: displayMB(allowance.usedBytes),
          remainingMB: displayMB(allowance.remainingBytes),
          remainingShare: allowance.remainingShare,
          ...(allowance.pool !== undefined && { pool: allowance.pool }),
        }
      : null,
  };
}
