// GetCardDetail (linkcard-api.md 10): the card (VsimCardInfo) and, with ShowPsim=true, the sub-cards
// of a multi-network card (ListPsimCards, M1), from the same reads as GET /api/cards/:iccid.
//
// Decisions:
// - A canceled card (L13) is read as the platform reads a closed account: DestroyCard=true with its
//   InstanceId (VsimInstanceId from ListCardInfo); without DestroyCard it is linkcard.common.CardDestroy,
//   without InstanceId linkcard.check.InstanceIdCanNotEmpty, with another card's CardNotExist.
// - Thresholds are in KB (FlowThresholdUnit): CardLimitStopThreshold is the card's own usage-limit
//   setting (C6), CredentialLimitStopThreshold its voucher's; 0 for none. Speed thresholds are 0 (the
//   twin does not throttle). AutoLimitResume is the automatic restore of the setting in force (L10).
// - The twin counts a smart card's traffic on the main card (M3): a sub-card's PeriodAddFlow is the main
//   card's on the sub-card whose network the device uses now, `0KB` on the others.
// - ListPsimCards is empty for an ordinary card, and when ShowPsim is not true.
import { isSmartCard, primarySnapshot, type Card } from '../../../sim/cards/card.ts';
import { TwinError } from '../../../sim/errors.ts';
import { effectiveUsageLimit } from '../../../sim/ops/set-usage-limit.ts';
import { vendorOfCarrier } from '../../../sim/ids/carrier.ts';
import { vsimInstanceId } from '../../../sim/rpc/ids.ts';
import { groupOf } from '../../../sim/rpc/state.ts';
import { KB } from '../../../sim/plans/data-size.ts';
import type { World } from '../../../sim/world.ts';
import { cardByIccid, type RpcOperation } from '../context.ts';
import { RpcError } from '../error-codes.ts';
import { amountText, apnOfCarrier, certifyStatusOf, ipOf, privateSegmentOf } from '../format.ts';
import { CardReader } from './card-info.ts';

const kb = (bytes: number | null | undefined): number => (bytes ? Math.round(bytes / KB) : 0);

/** The IMEI the card is bound to (L6); a smart card's: its current network's sub-card first. */
function boundImei(card: Card): string {
  if (!isSmartCard(card)) return primarySnapshot(card).context.boundImei ?? '';
  for (const sub of [card.subCards[card.networkIndex], ...card.subCards]) {
    const imei = sub?.actor.getSnapshot().context.boundImei;
    if (imei) return imei;
  }
  return '';
}

function vsimCardInfo(world: World, reader: CardReader, card: Card) {
  const setting = effectiveUsageLimit(world, card);
  const voucherLimit = world.voucherUsageLimits.get(card.voucher.code);
  const group = groupOf(world, card);
  return {
    ...reader.common(card),
    AutoLimitResume: setting?.autoRestore ?? card.usageLimitAutoRestore,
    AutoRebindReuse: false,
    CardLimitSpeedThreshold: 0,
    CardLimitStopThreshold: kb(card.usageLimitBytes),
    CertifyStatus: certifyStatusOf(card),
    CredentialLimitSpeedThreshold: 0,
    CredentialLimitStopThreshold: kb(voucherLimit?.bytes),
    DeviceImei: boundImei(card),
    DirectionalGroupId: group ? String(group.id) : '',
    FlowThresholdUnit: 'KB',
    Ip: [ipOf(card)],
    OpenSms: true,
  };
}

function psimCards(world: World, reader: CardReader, card: Card) {
  const used = world.traffic.consoleMonthCarried(card);
  return card.subCards.map((sub, i) => ({
    ApnName: apnOfCarrier(sub.carrier),
    CertifyStatus: sub.actor.getSnapshot().context.identityVerified || !card.idVerification ? '2' : '1',
    Iccid: sub.iccid,
    Imsi: [sub.imsi],
    Ip: [ipOf(card, i + 1)],
    Msisdn: [sub.msisdn],
    OpenSms: true,
    OsStatus: String(sub.view.osStatus),
    PeriodAddFlow: i === card.networkIndex ? amountText(used) : '0KB',
    PeriodSmsUse: String(reader.smsThisMonth(sub.iccid)),
    PrivateNetworkSegment: privateSegmentOf(card.voucher),
    Status: String(sub.view.statusCode),
    Vendor: vendorOfCarrier(sub.carrier),
  }));
}

export const getCardDetail: RpcOperation = {
  action: 'GetCardDetail',
  handle({ live, params }) {
    const iccid = params.iccid();
    const world = live.world;
    const card = cardByIccid(world, iccid);
    const destroyed = params.boolean('DestroyCard') ?? false;
    if (card.view.status === 'Canceled') {
      if (!destroyed)
        throw new TwinError(
          'CardCanceled',
          `card ${card.iccid} is canceled: ask with DestroyCard=true and its InstanceId`,
        );
      const instanceId = params.string('InstanceId');
      if (!instanceId) throw new RpcError('linkcard.check.InstanceIdCanNotEmpty');
      if (instanceId !== String(vsimInstanceId(card)))
        throw new TwinError('CardNotFound', `InstanceId ${instanceId} is not that of card ${card.iccid}`);
    }
    const reader = new CardReader(world);
    return {
      ListPsimCards: params.boolean('ShowPsim') ? psimCards(world, reader, card) : [],
      VsimCardInfo: vsimCardInfo(world, reader, card),
    };
  },
};
