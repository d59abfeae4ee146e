// GET /api/stats: the fleet at a glance: counts by SIM card status and specific status, the API's
// GetSimCardStateDistribution and GetCardStatusStatistics blocks, pool levels and this month's money.
//
// Mapping to GetSimCardStateDistribution (the API names its counters by status code; RULES.md section 3
// says which status each code is here): TestCount = Testable (10), UnusedCount = Not in use (20),
// UsingCount = In use (30, Partially in use included), StopCount = Suspended (35), ShutDownCount =
// Deactivated (40), DestoryedCount = Canceled (50, the API's spelling), CardCount = all.
//
// GetCardStatusStatistics blocks count cards by the specific status they show (S1: the most serious
// cause), split by plan kind: PoolCount UP/UPG, SameFlowCardCount SF/SFD, SingleCardCount SC/SCD:
// errorStop = Suspended (abnormal), exhaustStop = Suspended (usage limit), flowOut = Suspended (credit
// control), manageStop = Manually suspended, unCertifiedStop = Suspended (ID verification),
// unbindResume = Suspended (device change), expireStop = Deactivated (the plan ended), weekWarn = plans in
// service that end within 7 days without automatic renewal (decision: a card that renews is not at risk).
// lowData counts single-card plans in service with under 10 % and under 30 % of the month's data left.
import type { Card } from '../cards/card.ts';
import { LEDGER_REASONS, type LedgerReason } from '../ledger/ledger.ts';
import { SPECIFIC_STATUSES, type SimStatus, type SpecificStatus } from '../machines/status.ts';
import { DAY_MS, formatMonth, type SimTime } from '../time/calendar.ts';
import type { World } from '../world.ts';
import { allowanceOf, inService, PoolRealizer } from './allowance.ts';
import { listPools, type PoolRow } from './pools.ts';
import { emptyStatusCounts } from './vouchers.ts';

export interface StateDistribution {
  TestCount: number;
  UnusedCount: number;
  UsingCount: number;
  StopCount: number;
  ShutDownCount: number;
  DestoryedCount: number;
  CardCount: number;
}

export interface PlanKindCounts {
  PoolCount: number;
  SameFlowCardCount: number;
  SingleCardCount: number;
  TotalCount: number;
}

export const STOP_BLOCKS = {
  errorStop: 'Suspended (abnormal)',
  exhaustStop: 'Suspended (usage limit)',
  flowOut: 'Suspended (credit control)',
  manageStop: 'Manually suspended',
  unCertifiedStop: 'Suspended (ID verification)',
  unbindResume: 'Suspended (device change)',
  expireStop: 'Deactivated',
} as const satisfies Record<string, SpecificStatus>;

export type StatusStatistics = Record<keyof typeof STOP_BLOCKS | 'weekWarn', PlanKindCounts>;

export interface MoneyTotals {
  /** The service month (F1) of now, `YYYY-MM`. */
  readonly month: string;
  /** Charges paying for this month, fen, in all and by reason. */
  readonly monthFen: number;
  readonly monthByReasonFen: Record<LedgerReason, number>;
  /** Every charge so far, fen, and how many lines. */
  readonly totalFen: number;
  readonly lines: number;
}

export interface Stats {
  readonly at: SimTime;
  readonly total: number;
  readonly byStatus: Record<SimStatus, number>;
  readonly bySpecificStatus: Record<SpecificStatus, number>;
  readonly pendingCancellation: number;
  readonly distribution: StateDistribution;
  readonly statusStatistics: StatusStatistics;
  readonly lowData: { LessFlowPercentage10Count: number; LessFlowPercentage30Count: number };
  readonly pools: PoolRow[];
  readonly money: MoneyTotals;
}

const WEEK_MS = 7 * DAY_MS;

const emptyKindCounts = (): PlanKindCounts => ({
  PoolCount: 0,
  SameFlowCardCount: 0,
  SingleCardCount: 0,
  TotalCount: 0,
});

function countByKind(counts: PlanKindCounts, card: Card): void {
  const type = card.voucher.planType;
  if (type === 'UP' || type === 'UPG') counts.PoolCount++;
  else if (type === 'SF' || type === 'SFD') counts.SameFlowCardCount++;
  else counts.SingleCardCount++;
  counts.TotalCount++;
}

export function distributionOf(byStatus: Record<SimStatus, number>, total: number): StateDistribution {
  return {
    TestCount: byStatus.Testable,
    UnusedCount: byStatus['Not in use'],
    UsingCount: byStatus['In use'],
    StopCount: byStatus.Suspended,
    ShutDownCount: byStatus.Deactivated,
    DestoryedCount: byStatus.Canceled,
    CardCount: total,
  };
}

function moneyOf(world: World): MoneyTotals {
  const ledger = world.billing.ledger;
  const month = formatMonth(world.now());
  const byReason = Object.fromEntries(
    LEDGER_REASONS.map((reason) => [reason, ledger.sum({ reason, month })]),
  ) as Record<LedgerReason, number>;
  return {
    month,
    monthFen: ledger.sum({ month }),
    monthByReasonFen: byReason,
    totalFen: ledger.totalFen,
    lines: ledger.size,
  };
}

/** One pass over the cards; pools and money from their own running figures. */
export function fleetStats(world: World): Stats {
  const now = world.now();
  const byStatus = emptyStatusCounts();
  const bySpecificStatus = Object.fromEntries(
    Object.keys(SPECIFIC_STATUSES).map((status) => [status, 0]),
  ) as Record<SpecificStatus, number>;
  const blockOf = new Map<SpecificStatus, PlanKindCounts>();
  const statusStatistics = { weekWarn: emptyKindCounts() } as StatusStatistics;
  for (const [key, status] of Object.entries(STOP_BLOCKS) as [keyof typeof STOP_BLOCKS, SpecificStatus][]) {
    statusStatistics[key] = emptyKindCounts();
    blockOf.set(status, statusStatistics[key]);
  }
  const lowData = { LessFlowPercentage10Count: 0, LessFlowPercentage30Count: 0 };
  const realizer = new PoolRealizer(world);
  let pendingCancellation = 0;
  for (const card of world.cards) {
    const view = card.view;
    byStatus[view.status]++;
    bySpecificStatus[view.specificStatus]++;
    if (view.pendingCancellation) pendingCancellation++;
    const block = blockOf.get(view.specificStatus);
    if (block) countByKind(block, card);
    if (!inService(card)) continue;
    const ends = card.serviceEndsAt;
    if (!card.autoRenew && ends !== null && ends > now && ends - now <= WEEK_MS)
      countByKind(statusStatistics.weekWarn, card);
    const planType = card.voucher.planType;
    if (planType === 'SC' || planType === 'SCD') {
      const allowance = allowanceOf(world, card, realizer);
      // Under 10 % and under 30 %, in integers so that a round share is not lost to rounding.
      if (allowance && allowance.remainingBytes * 10 < allowance.allowanceBytes)
        lowData.LessFlowPercentage10Count++;
      if (allowance && allowance.remainingBytes * 10 < 3 * allowance.allowanceBytes)
        lowData.LessFlowPercentage30Count++;
    }
  }
  const total = world.cards.length;
  return {
    at: now,
    total,
    byStatus,
    bySpecificStatus,
    pendingCancellation,
    distribution: distributionOf(byStatus, total),
    statusStatistics,
    lowData,
    pools: listPools(world),
    money: moneyOf(world),
  };
}
