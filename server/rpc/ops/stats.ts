// The fleet in figures: GetSimCardStateDistribution (18), GetCardStatusStatistics (14) and
// GetCredentialPoolStatistics (15), from GET /api/stats's blocks (sim/queries/stats.ts), which are
// named after these.
//
// Decisions:
// - The twin keeps no status history: a distribution for a month counts the cards bought by the end of
//   that month by the status they have now. A month after now is IllegalParameter; a malformed one
//   linkcard.check.TimeFormatError. A CredentialNO that does not parse or names no card of the run is
//   linkcard.common.CredentialNoNotExist.
// - RiskWaringStatisticsDTO: StopCount counts Suspended and Deactivated cards, WarningCount the plans
//   expiring within 7 days (WeekWarn), LeftFlowPercentageWarnCount single-card plans under 10 % left;
//   WaringTotalCount is their sum.
// - Pool statistics: the pool's size, use and remainder are this month's (the twin keeps a pool's level
//   for the current month); for another month PoolUsed and MonthUsedAmount are the sum of the cards'
//   usage that month and the size is today's. Same-tier pools (SF, SFD) fill the Effective* fields,
//   unified-payment pools (UP, UPG) the Pool* fields; the others are empty, as the reference says.
//   MonthUsedAmount is in KB. MonthExceedFee is the overage (P1) charged for that month and
//   MonthFeatureFee the pool's plan fee for it, in fen, from the ledger (F1): overage is billed on the
//   1st after the month, so the current month shows 0 until then. SmsUsed counts the platform SMS
//   delivered to the plan's cards that month.
import type { Card } from '../../../sim/cards/card.ts';
import { formatServiceMonth } from '../../../sim/ledger/service-month.ts';
import { tryParseVoucher, type PlanVoucher } from '../../../sim/plans/voucher.ts';
import { inService, PoolRealizer } from '../../../sim/queries/allowance.ts';
import { distributionOf, fleetStats } from '../../../sim/queries/stats.ts';
import { UsageReader } from '../../../sim/queries/usage.ts';
import { emptyStatusCounts } from '../../../sim/queries/vouchers.ts';
import { credentialInstanceId } from '../../../sim/rpc/ids.ts';
import { messagesDelivered } from '../../../sim/rpc/state.ts';
import { KB } from '../../../sim/plans/data-size.ts';
import { monthIndex } from '../../../sim/time/calendar.ts';
import { SameTierPool } from '../../../sim/traffic/pools.ts';
import type { World } from '../../../sim/world.ts';
import type { RpcOperation } from '../context.ts';
import { illegal, rpcError } from '../error-codes.ts';
import { amountText, credentialNoOf, monthStart, parseMonthText } from '../format.ts';
import type { RpcParams } from '../params.ts';

/** `Date` (yyyyMM), not after the current month. */
function monthParam(params: RpcParams, world: World): number {
  const text = params.required('Date');
  const month = parseMonthText(text);
  if (month === undefined)
    throw rpcError('linkcard.check.TimeFormatError', `Date ${JSON.stringify(text)}: expected yyyyMM`);
  if (month > monthIndex(world.now())) throw illegal('Date', `${text} is after the current month`);
  return month;
}

function credentialParam(params: RpcParams, world: World, required: boolean): PlanVoucher | undefined {
  const text = required ? params.required('CredentialNO') : params.string('CredentialNO');
  if (text === undefined) return undefined;
  const parsed = tryParseVoucher(text);
  if (!parsed.ok || !world.cards.some((card) => card.voucher.code === parsed.voucher.code))
    throw rpcError('linkcard.common.CredentialNoNotExist', `CredentialNO ${text}`);
  return parsed.voucher;
}

export const getSimCardStateDistribution: RpcOperation = {
  action: 'GetSimCardStateDistribution',
  localized: false,
  handle({ live, params }) {
    const world = live.world;
    const month = monthParam(params, world);
    const voucher = credentialParam(params, world, false);
    const end = monthStart(month + 1);
    const byStatus = emptyStatusCounts();
    let total = 0;
    for (const card of world.cards) {
      if (card.orderedAt >= end || (voucher && card.voucher.code !== voucher.code)) continue;
      byStatus[card.view.status]++;
      total++;
    }
    return distributionOf(byStatus, total);
  },
};

export const getCardStatusStatistics: RpcOperation = {
  action: 'GetCardStatusStatistics',
  handle({ live }) {
    const stats = fleetStats(live.world);
    const blocks = stats.statusStatistics;
    const stopCount = stats.byStatus.Suspended + stats.byStatus.Deactivated;
    return {
      ErrorStopStatisticsDTO: blocks.errorStop,
      ExhaustStopStatisticsDTO: blocks.exhaustStop,
      ExpireStopStatisticsDTO: blocks.expireStop,
      FlowOutStatisticsDTO: blocks.flowOut,
      ManageStopStatisticsDTO: blocks.manageStop,
      RiskWaringStatisticsDTO: {
        LeftFlowPercentageWarnCount: stats.lowData.LessFlowPercentage10Count,
        StopCount: stopCount,
        WaringTotalCount: stopCount + blocks.weekWarn.TotalCount + stats.lowData.LessFlowPercentage10Count,
        WarningCount: blocks.weekWarn.TotalCount,
      },
      SingCardPeriodLeftFlowWarnDTO: stats.lowData,
      UnCertifiedStopStatisticsDTO: blocks.unCertifiedStop,
      UnbindResumeStatisticsDTO: blocks.unbindResume,
      WeekWarnStatisticsDTO: blocks.weekWarn,
    };
  },
};

function monthUsage(world: World, cards: readonly Card[], month: number): number {
  const reader = new UsageReader(world);
  return cards.reduce((sum, card) => sum + (reader.month(card, month)?.carried ?? 0), 0);
}

export const getCredentialPoolStatistics: RpcOperation = {
  action: 'GetCredentialPoolStatistics',
  localized: false,
  handle({ live, params }) {
    const world = live.world;
    const month = monthParam(params, world);
    const voucher = credentialParam(params, world, true)!;
    const end = monthStart(month + 1);
    const cards = world.cards.filter((card) => card.voucher.code === voucher.code && card.orderedAt < end);
    const current = month === monthIndex(world.now());
    const found = cards[0] ? world.poolOf(cards[0]) : undefined;
    const pool = found ? new PoolRealizer(world).realize(found) : undefined;
    const used = current && pool ? pool.monthUsed : monthUsage(world, cards, month);
    const size = pool?.size() ?? 0;
    const left = Math.max(0, size - used);
    const sameTier = pool instanceof SameTierPool;
    const pooled = pool !== undefined && !sameTier;
    const serviceMonth = formatServiceMonth(month);
    const ledger = world.billing.ledger;
    const sms = cards.reduce(
      (sum, card) =>
        sum + messagesDelivered(world, card.iccid, monthStart(month), Math.min(end, world.now() + 1)).length,
      0,
    );
    return {
      CardActiveNum: cards.filter((card) => inService(card)).length,
      CardTotalNum: cards.length,
      CredentialInstanceId: credentialInstanceId(voucher.code),
      CredentialNO: credentialNoOf(voucher),
      CredentialType: credentialNoOf(voucher),
      EffectiveAvailableFlow: sameTier ? amountText(left) : '',
      EffectiveTotalFlow: sameTier ? amountText(size) : '',
      MonthExceedFee: pool ? ledger.sum({ reason: 'overage', month: serviceMonth, pool: pool.id }) : 0,
      MonthFeatureFee: pooled ? ledger.sum({ reason: 'planFee', month: serviceMonth, pool: pool.id }) : 0,
      MonthUsedAmount: Math.round(used / KB),
      PoolAvaiable: pooled ? amountText(left) : '',
      PoolGrandTotal: pooled ? amountText(size) : '',
      PoolGrandTotalUsed: pooled ? amountText(used) : '',
      PoolOutUsed: amountText(sameTier ? Math.max(0, used - size) : 0),
      PoolUsed: amountText(used),
      SmsUsed: sms,
    };
  },
};
