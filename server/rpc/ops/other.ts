// GetRealNameStatus (17), VerifyIotCard (30), SendMessage (26) and GetOperateResult (16).
//
// Decisions:
// - Real-name status is the twin's individual identity verification (L5): a card bought with it that
//   has not completed it is NOT_CERTIFIED, a verified one CERTIFIED; a card bought without it has
//   nothing to verify and is CERTIFIED too (Desc says so). Verification is immediate in the twin, so
//   APPROVING does not occur. A multi-network (VNO) card is linkcard.common.VnoCardNotSupported unless
//   ListMsisdns names its sub-cards, whose common status is answered then. An Iccid that is not 19 or 20
//   digits is linkcard.common.IccidFormatError.
// - VerifyIotCard is read-only, as the reference describes it: whether the card is directional (V6:
//   SCD, SFD, UPG). Completing identity verification (verifyIdentity) stays a console and scenario
//   operation: the platform's API has no call for it.
// - SendMessage: MessageSendTime is read on the sim clock (Unix seconds); a time at or before now sends
//   now, a later one schedules the message for then, at most one month ahead. Msisdns is required in the
//   twin (a message needs someone to go to); each must be a card's or a sub-card's MSISDN. Data is the
//   task number. The message shows in the card's operation records (C9) and counts in PeriodSmsUse.
//   Parameters are read from the form body as the SDKs send them, or from the query.
// - GetOperateResult: SerialNo is the id of an operation a carrier delays (returned as SerialNo by
//   StopSingleCard and the other status changes, and as `pending` by the REST API), or the SerialNo of a
//   directional call (AddCardToDirectionalGroup, AddDirectionalAddress, DeleteDirectionalAddress), which
//   the twin applies at once. ResId alone (an ICCID) finds the card's latest delayed operation. Status:
//   PROCESSING, SUCCESS or FAILURE; Result: true on SUCCESS; OperateType: the platform action;
//   ExecuteResult: the refusal's platform code and message on FAILURE, `SUCCESS` or empty otherwise.
import { isSmartCard } from '../../../sim/cards/card.ts';
import type { PendingOperation } from '../../../sim/ops/perform.ts';
import { PLAN_TYPE_FACTS } from '../../../sim/plans/plan-type.ts';
import { verificationStatus } from '../../../sim/queries/cardFilter.ts';
import { rpcStateOf } from '../../../sim/rpc/state.ts';
import { addMonths } from '../../../sim/time/calendar.ts';
import { act, cardByIccid, notCanceled, RpcAnswer, type RpcOperation } from '../context.ts';
import { illegal, RPC_ERRORS, RpcError, TWIN_TO_RPC } from '../error-codes.ts';
import { subCardsOf } from './card-ops.ts';
import { TwinError } from '../../../sim/errors.ts';

export const getRealNameStatus: RpcOperation = {
  action: 'GetRealNameStatus',
  cardMissing: 'linkcard.common.CardDestroy',
  handle({ live, params }) {
    const iccid = params.iccid();
    if (!/^\d{19,20}$/.test(iccid)) throw new RpcError('linkcard.common.IccidFormatError');
    const card = notCanceled(cardByIccid(live.world, iccid));
    const subs = params.jsonList('ListMsisdns', 10);
    let verified: boolean;
    if (isSmartCard(card)) {
      if (!subs) throw new RpcError('linkcard.common.VnoCardNotSupported');
      const names = subCardsOf(params, card, iccid, 'ListMsisdns') ?? [];
      verified = card.subCards
        .filter((s) => names.includes(s.msisdn))
        .every((s) => !card.idVerification || s.actor.getSnapshot().context.identityVerified);
    } else {
      verified = verificationStatus(card) !== 'pending';
    }
    const desc = !card.idVerification ? '无需个人实名认证' : verified ? '已认证' : '未认证';
    return { Desc: desc, RealNameStatus: verified ? 'CERTIFIED' : 'NOT_CERTIFIED' };
  },
};

export const verifyIotCard: RpcOperation = {
  action: 'VerifyIotCard',
  handle({ live, params }) {
    const card = notCanceled(cardByIccid(live.world, params.iccid()));
    return PLAN_TYPE_FACTS[card.voucher.planType].directional;
  },
};

export const sendMessage: RpcOperation = {
  action: 'SendMessage',
  handle({ live, params }) {
    const world = live.world;
    const taskName = params.required('TaskName');
    if (!/^[\p{L}\p{N}_ -]{1,40}$/u.test(taskName))
      throw illegal('TaskName', 'letters, digits, spaces, - and _ only, at most 40 characters');
    const templateId = params.requiredInteger('MessageTemplateId', { min: 1 });
    const sendSeconds = params.requiredInteger('MessageSendTime', { min: 0 });
    const variables = params.string('MessageVariableParam') ?? '';
    if (variables && !/^(?:\{[^{}]*\})+$/.test(variables))
      throw illegal('MessageVariableParam', 'expected {value1}{value2}…');
    const msisdns = params.jsonList('Msisdns');
    if (!msisdns) throw illegal('Msisdns', 'it is required: a JSON array of MSISDNs');
    const now = world.now();
    const sendAt = Math.max(now, sendSeconds * 1000);
    if (sendAt > addMonths(now, 1)) throw illegal('MessageSendTime', 'at most one month ahead');
    const iccids = msisdns.map((msisdn) => {
      const card = world.findCard(msisdn);
      const sub = card?.subCards.find((s) => s.msisdn === msisdn);
      if (!card || (card.msisdn !== msisdn && !sub))
        throw new TwinError('CardNotFound', `no card with MSISDN ${msisdn} in this run`);
      notCanceled(card);
      return sub ? sub.iccid : card.iccid;
    });
    const id = act(live, 'rpc.message.send', {
      taskName,
      templateId,
      variables,
      sendAt,
      iccids: [...new Set(iccids)],
    });
    return new RpcAnswer(id, { DynamicCode: '', DynamicMessage: '' });
  },
};

/** The platform action a twin operation stands for, for OperateType. */
const PLATFORM_ACTION: Readonly<Record<string, string>> = {
  suspend: 'StopSingleCard',
  resume: 'ResumeSingleCard',
  rebind: 'RebindResumeSingleCard',
  forceActivate: 'ForceActivation',
};

function pendingResult(pending: PendingOperation) {
  const code = pending.code ? TWIN_TO_RPC[pending.code] : undefined;
  return {
    ExecuteResult:
      pending.status === 'FAILURE'
        ? `${code ?? 'Service.InternalError'}: ${code ? RPC_ERRORS[code].message : ''} (${pending.message ?? ''})`
        : pending.status === 'SUCCESS'
          ? 'SUCCESS'
          : '',
    OperateType: PLATFORM_ACTION[pending.operation] ?? pending.operation,
    Result: pending.status === 'SUCCESS',
    Status: pending.status,
  };
}

export const getOperateResult: RpcOperation = {
  action: 'GetOperateResult',
  handle({ live, params }) {
    const world = live.world;
    const serialNo = params.string('SerialNo');
    const resId = params.string('ResId');
    if (serialNo === undefined && resId === undefined) throw illegal('SerialNo', 'give SerialNo or ResId');
    const card = resId === undefined ? undefined : cardByIccid(world, resId);
    if (serialNo === undefined) {
      const latest = world.pendingOperations
        .list()
        .filter((p) => p.iccid === card!.iccid)
        .at(-1);
      if (!latest) throw illegal('ResId', `card ${resId} has no operation a carrier delayed`);
      return pendingResult(latest);
    }
    const pending = world.pendingOperations.get(serialNo);
    if (pending && (!card || pending.iccid === card.iccid)) return pendingResult(pending);
    const record = rpcStateOf(world).operations.get(serialNo);
    if (record && !pending)
      return {
        ExecuteResult: record.executeResult,
        OperateType: record.operateType,
        Result: record.result,
        Status: 'SUCCESS',
      };
    throw illegal('SerialNo', `no operation ${serialNo}${resId ? ` on ${resId}` : ''} in this run`);
  },
};
