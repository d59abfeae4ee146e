// One card in the platform's words: the fields ListCardInfo rows and GetCardDetail's VsimCardInfo share
// (linkcard-api.md 10 and 19), built once per card from the same reads the console REST API uses
// (sim/queries), so the two APIs never disagree about a card.
//
// Decisions:
// - PeriodAddFlow is the console's cycle usage (P4: up to 24:00 yesterday), and FlowLatestModifiedTime
//   is then 00:00 today; PeriodRestFlow is what is left of this month's allowance now (allowance.ts),
//   `0KB` when the plan is not in service.
// - PeriodSmsUse counts the platform SMS (SendMessage) delivered to the card this month.
// - NotifyId is the id of the first automation rule (C7) whose scope holds the card, empty for none.
// - AliyunOrderId is the card's purchase (NEW) order; see sim/rpc/ids.ts.
import type { Card } from '../../../sim/cards/card.ts';
import { allowanceOf, PoolRealizer } from '../../../sim/queries/allowance.ts';
import { credentialInstanceId, purchaseOrderOf, vsimInstanceId } from '../../../sim/rpc/ids.ts';
import { groupOf, messagesDelivered } from '../../../sim/rpc/state.ts';
import { startOfDay, startOfMonth } from '../../../sim/time/calendar.ts';
import type { World } from '../../../sim/world.ts';
import {
  aliFeeOf,
  amountText,
  apnOf,
  credentialNoOf,
  dataLevelOf,
  dataTypeOf,
  expireText,
  imsisOf,
  msisdnsOf,
  NETWORK_TYPE,
  periodOf,
  privateSegmentOf,
  SIM_TYPE,
  tagListOf,
  timeText,
  vendorOf,
} from '../format.ts';

/** Reads shared by the cards of one request (pools realized once). */
export class CardReader {
  readonly pools: PoolRealizer;
  private readonly monthStart: number;

  constructor(readonly world: World) {
    this.pools = new PoolRealizer(world);
    this.monthStart = startOfMonth(world.now());
  }

  notifyId(card: Card): string {
    const rule = this.world.rules.list().find((r) => this.world.rules.inScope(r, card));
    return rule ? String(rule.id) : '';
  }

  smsThisMonth(iccid: string): number {
    return messagesDelivered(this.world, iccid, this.monthStart, this.world.now() + 1).length;
  }

  /** The fields both APIs show; DirectionalGroupId is left to each (int64 in lists, string in details). */
  common(card: Card) {
    const world = this.world;
    const view = card.view;
    const voucher = card.voucher;
    const allowance = allowanceOf(world, card, this.pools);
    const group = groupOf(world, card);
    return {
      ActiveTime: timeText(view.activatedAt),
      ActiveType: view.activationType ?? '',
      AliFee: aliFeeOf(voucher),
      AliyunOrderId: purchaseOrderOf(world, card),
      ApnName: apnOf(card),
      CertifyType: 'enterprise',
      CredentialInstanceId: credentialInstanceId(voucher.code),
      CredentialNo: credentialNoOf(voucher),
      CredentialType: credentialNoOf(voucher),
      DataLevel: dataLevelOf(voucher),
      DataType: dataTypeOf(voucher),
      DirectionalGroupName: group?.name ?? '',
      ExpireTime: expireText(card.serviceEndsAt),
      Iccid: card.iccid,
      Imsi: imsisOf(card),
      IsAutoRecharge: card.autoRenew,
      Msisdn: msisdnsOf(card),
      NotifyId: this.notifyId(card),
      OpenAccountTime: timeText(card.orderedAt),
      OsStatus: String(view.osStatus),
      Period: periodOf(voucher),
      PeriodAddFlow: amountText(world.traffic.consoleMonthCarried(card)),
      PeriodRestFlow: amountText(allowance?.remainingBytes ?? 0),
      PeriodSmsUse: String(this.smsThisMonth(card.iccid)),
      PrivateNetworkSegment: privateSegmentOf(voucher),
      SimType: SIM_TYPE,
      Status: String(view.statusCode),
      TagList: tagListOf(card),
      Vendor: vendorOf(card),
      VsimInstanceId: vsimInstanceId(card),
    };
  }

  /** A ListCardInfo row (linkcard-api.md 19). */
  row(card: Card) {
    const group = groupOf(this.world, card);
    return {
      ...this.common(card),
      DirectionalGroupId: group?.id ?? null,
      FlowLatestModifiedTime: timeText(startOfDay(this.world.now())),
      NetworkType: NETWORK_TYPE,
      Remark: card.remark,
    };
  }
}
