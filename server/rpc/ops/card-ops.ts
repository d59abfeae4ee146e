// The platform's operations that change a card, each as the twin operation it is (sim/ops), performed
// through LiveRun.perform so it is journaled (source `rpc`) and replayed like any other.
//
// StopSingleCard -> suspend (L7), ResumeSingleCard -> resume (L7, L10), RebindResumeSingleCard ->
// rebind (L6), ForceActivation -> forceActivate (L14), Renew -> topUp (T1-T4), SetCardStopRule ->
// setUsageLimit (C6, L10), UpdateAutoRechargeSwitch -> setAutoRenew (L11), AddTagsToCard -> removeTags
// and addTags (C3).
//
// Decisions:
// - OptMsisdns (M3) names sub-cards of a multi-network (AL/VNO) card; each must be one of its sub-cards'
//   MSISDNs. On an ordinary card only its own MSISDN is accepted, and means the card. An Iccid that is a
//   sub-card's ICCID acts on that sub-card alone unless OptMsisdns says otherwise.
// - An operation a carrier delays (the carrier's operationDelay) answers Data true at once, with the
//   twin's pending id as SerialNo in the envelope: GetOperateResult(SerialNo) follows it.
// - Renew: SerialNo is the twin's order serial (T4): the same SerialNo again buys nothing and answers the
//   same OrderNo; a SerialNo used for another card or order is IllegalParameter. RechargeType OVERLAY buys
//   add-on packages (T3): OfferCode is the package's data size (`100M`, `1G`); BuyNum is the periods
//   (STANDARD) or the packages (OVERLAY). Pooled plans refuse with linkcard.check.PlanTypeNotSupported.
// - SetCardStopRule and UpdateAutoRechargeSwitch apply to every plan type, as the console's C6 and L11 do
//   (the platform documents them for pool plans and for single-card and same-tier plans). FlowLimit 0
//   removes the card's own threshold (the card follows its voucher's again).
// - AddTagsToCard sets the card's tags: absent names are removed, new ones attached (and defined, C3); an
//   empty or absent TagNameList removes them all. The twin allows 3 tags per card (C3), the platform's
//   list 4: a fourth is IllegalParameter. Nothing changes when the list is refused.
import { isSmartCard, type Card } from '../../../sim/cards/card.ts';
import { MAX_TAGS_PER_CARD, tagProblem } from '../../../sim/ops/tags.ts';
import { tagId, topUpOrderId } from '../../../sim/rpc/ids.ts';
import { PLAN_TYPE_FACTS } from '../../../sim/plans/plan-type.ts';
import { cardByIccid, notCanceled, performOnCard, RpcAnswer, type RpcOperation } from '../context.ts';
import { illegal, rpcError } from '../error-codes.ts';
import type { RpcParams } from '../params.ts';

/** The sub-cards to act on (their MSISDNs), or undefined for the whole card. */
export function subCardsOf(
  params: RpcParams,
  card: Card,
  iccid: string,
  name = 'OptMsisdns',
): string[] | undefined {
  const list = params.jsonList(name);
  if (!list) {
    const named = card.subCards.find((s) => s.iccid === iccid);
    return named ? [named.msisdn] : undefined;
  }
  if (!isSmartCard(card)) {
    const other = list.find((m) => m !== card.msisdn);
    if (other)
      throw illegal(
        name,
        `${other} is not an MSISDN of card ${card.iccid} (only multi-network cards have sub-cards)`,
      );
    return undefined;
  }
  const other = list.find((m) => !card.subCards.some((s) => s.msisdn === m));
  if (other) throw illegal(name, `${other} is not a sub-card MSISDN of card ${card.iccid}`);
  return list;
}

function statusChange(
  action: string,
  operation: string,
  options: Partial<Pick<RpcOperation, 'cardMissing' | 'refusals'>> = {},
  check?: (params: RpcParams, card: Card) => void,
): RpcOperation {
  return {
    action,
    ...options,
    handle({ live, params }) {
      const iccid = params.iccid();
      const card = cardByIccid(live.world, iccid);
      check?.(params, card);
      const subCards = subCardsOf(params, card, iccid);
      const { pending } = performOnCard(live, operation, card, subCards ? { subCards } : {});
      return pending ? new RpcAnswer(true, { SerialNo: pending }) : true;
    },
  };
}

export const stopSingleCard = statusChange('StopSingleCard', 'suspend', {
  cardMissing: 'linkcard.common.CardDestroy',
});
export const resumeSingleCard = statusChange('ResumeSingleCard', 'resume');
export const rebindResumeSingleCard = statusChange('RebindResumeSingleCard', 'rebind', {
  cardMissing: 'linkcard.common.CardDestroy',
});

export const forceActivation = statusChange(
  'ForceActivation',
  'forceActivate',
  {
    cardMissing: 'linkcard.common.CardDestroy',
    refusals: {
      PlanTypeNotSupported: 'linkcard.check.ForceActivationSameFlowCard',
      StatusNotAllowed: 'linkcard.check.OnlyUnusedCanForceActivation',
    },
  },
  (params, card) => {
    // DateType (sic): the card's same-tier plan type, when given.
    const dateType = params.oneOf('DateType', ['sameflowcard', 'directional_sameflowcard']);
    const own = PLAN_TYPE_FACTS[card.voucher.planType].apiDataType;
    if (dateType && (own === 'sameflowcard' || own === 'directional_sameflowcard') && dateType !== own)
      throw illegal('DateType', `card ${card.iccid} is on a ${own} plan, not ${dateType}`);
  },
);

export const renew: RpcOperation = {
  action: 'Renew',
  cardMissing: 'linkcard.common.CardDestroy',
  handle({ live, params }) {
    const iccid = params.iccid();
    const rechargeType = params.oneOf('RechargeType', ['STANDARD', 'OVERLAY']);
    if (!rechargeType) throw illegal('RechargeType', 'it is required (STANDARD or OVERLAY)');
    const serialNo = params.required('SerialNo');
    if (serialNo.length > 64) throw illegal('SerialNo', 'at most 64 characters');
    const buyNum = params.requiredInteger('BuyNum', { min: 1 });
    const card = cardByIccid(live.world, iccid);
    let args: Record<string, unknown> = { type: 'renew', periods: buyNum, serial: serialNo };
    if (rechargeType === 'OVERLAY') {
      const offer = params.string('OfferCode');
      if (!offer) throw illegal('OfferCode', 'an add-on pack (OVERLAY) needs it: the pack size, e.g. 100M');
      args = { type: 'addOn', tier: offer, quantity: buyNum, serial: serialNo };
    }
    performOnCard(live, 'topUp', card, args);
    const line = live.world.billing.ledger
      .lines({ card: card.iccid })
      .find((l) => l.serialNo === serialNo && (l.reason === 'renewal' || l.reason === 'addOn'));
    return { OrderNo: line ? topUpOrderId(line.lineNo) : '', SerialNo: serialNo };
  },
};

const RULE_MAX = 9_007_199_254_740_991n;

export const setCardStopRule: RpcOperation = {
  action: 'SetCardStopRule',
  handle({ live, params }) {
    const iccid = params.iccid();
    const text = params.required('FlowLimit').trim();
    if (!/^\d+$/.test(text))
      throw rpcError('linkcard.check.RuleMustBePositiveInteger', `FlowLimit ${JSON.stringify(text)}`);
    if (BigInt(text) >= RULE_MAX) throw rpcError('linkcard.check.RuleMaxValueLimit', `FlowLimit ${text}`);
    const autoRestore = params.boolean('AutoRestore');
    if (autoRestore === undefined) throw illegal('AutoRestore', 'it is required (true or false)');
    const card = cardByIccid(live.world, iccid);
    const mb = Number(text);
    performOnCard(live, 'setUsageLimit', card, { mb: mb === 0 ? null : mb, autoRestore });
    return true;
  },
};

export const updateAutoRechargeSwitch: RpcOperation = {
  action: 'UpdateAutoRechargeSwitch',
  cardMissing: 'linkcard.common.CardDestroy',
  handle({ live, params }) {
    const iccid = params.iccid();
    const open = params.boolean('Open');
    if (open === undefined) throw illegal('Open', 'it is required (true or false)');
    performOnCard(live, 'setAutoRenew', cardByIccid(live.world, iccid), { on: open });
    return true;
  },
};

export const addTagsToCard: RpcOperation = {
  action: 'AddTagsToCard',
  localized: false,
  cardMissing: 'linkcard.common.CardDestroy',
  handle({ live, params }) {
    const iccid = params.iccid();
    const names = params.jsonList('TagNameList', 4) ?? [];
    for (const name of names) {
      const problem = tagProblem(name);
      if (problem) throw illegal('TagNameList', problem);
    }
    const wanted = [...new Set(names.map((n) => n.trim()))];
    if (wanted.length > MAX_TAGS_PER_CARD)
      throw illegal('TagNameList', `a card carries at most ${MAX_TAGS_PER_CARD} tags in the twin (C3)`);
    const card = notCanceled(cardByIccid(live.world, iccid));
    const removing = card.tags.filter((tag) => !wanted.includes(tag));
    const adding = wanted.filter((tag) => !card.tags.includes(tag));
    if (removing.length > 0) performOnCard(live, 'removeTags', card, { tags: removing });
    if (adding.length > 0) performOnCard(live, 'addTags', card, { tags: adding });
    return card.tags.map((tag) => ({ TagId: String(tagId(tag)), TagName: tag }));
  },
};
