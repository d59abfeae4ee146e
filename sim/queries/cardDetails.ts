// C5: one card's details as the console's "View" shows them: basic information, sub-cards of a smart
// card (M1), traffic information (usage of the last two months and active plans), settings, and the
// operation records (C9).
//
// Decisions: operation records are listed newest first, as consoles list activity (cardRecords can
// give them oldest first). A smart card's bound IMEI is that of the sub-card whose network it uses now
// (M3), else of any bound sub-card. The usage limit in force is the card's own, else its voucher's
// (C6: the card's setting wins), each with its own automatic restore.
import type { Card, OperationRecord } from '../cards/card.ts';
import { isSmartCard, machinesOf } from '../cards/card.ts';
import { TwinError } from '../errors.ts';
import { vendorOfCarrier, type Carrier, type NetworkCarrier, type Vendor } from '../ids/carrier.ts';
import type { StatusView } from '../machines/status-view.ts';
import type { ActivationType } from '../machines/status.ts';
import { PLAN_TYPE_FACTS, type ApiDataType, type PlanType } from '../plans/plan-type.ts';
import { formatVoucher } from '../plans/voucher.ts';
import type { SimTime } from '../time/calendar.ts';
import type { World } from '../world.ts';
import { verificationStatus, type VerificationStatus } from './cardFilter.ts';
import { activePlans, type ActivePlans } from './cardPlans.ts';
import { cardUsage, type UsageSeries } from './usage.ts';
import { displayMB } from './units.ts';

export interface BasicInformation {
  readonly iccid: string;
  /** Null for smart cards: each sub-card has its own (I3). */
  readonly imsi: string | null;
  readonly msisdn: string | null;
  /** Seed form, and the API's hyphen form (V2). */
  readonly voucher: string;
  readonly voucherApi: string;
  readonly carrier: Carrier;
  readonly vendor: Vendor;
  readonly cardType: 'single-network' | 'smart';
  readonly planType: PlanType;
  readonly dataType: ApiDataType;
  readonly group: string;
  readonly orderedAt: SimTime;
  readonly activationType: ActivationType | null;
  readonly activatedAt: SimTime | null;
  readonly expiresAt: SimTime | null;
  readonly boundImei: string | null;
  /** The device the card is in now, if any (D2). */
  readonly device: { readonly imei: string; readonly profile: string; readonly powered: boolean } | null;
  readonly view: StatusView;
  readonly tags: readonly string[];
  readonly remark: string;
  /** P4: as the card list shows it. */
  readonly cycleUsageMB: number;
}

export interface SubCardDetails {
  readonly iccid: string;
  readonly msisdn: string;
  readonly imsi: string;
  readonly carrier: NetworkCarrier;
  readonly vendor: Vendor;
  readonly view: StatusView;
  readonly boundImei: string | null;
  /** M3: the sub-card whose network the device uses now. */
  readonly currentNetwork: boolean;
}

export interface CardSettings {
  readonly usageLimit: {
    /** The threshold in force, MB; null for none. */
    readonly limitMB: number | null;
    /** Whose setting is in force (C6: the card's own wins). */
    readonly source: 'card' | 'voucher' | null;
    /** L10: resume by itself on the 1st. */
    readonly autoRestore: boolean;
  };
  readonly autoRenew: boolean;
  readonly idVerification: { readonly required: boolean; readonly status: VerificationStatus };
  /** C5, C7: the automation rules that apply to the card, each with its trigger records for it. */
  readonly rules: readonly CardRule[];
}

export interface CardRule {
  readonly name: string;
  readonly trigger: string;
  readonly action: 'notify' | 'suspend';
  readonly triggers: readonly { readonly t: number; readonly detail: string; readonly acted: boolean }[];
}

export interface CardDetails {
  readonly basic: BasicInformation;
  /** M1: empty for single-network cards. */
  readonly subCards: SubCardDetails[];
  readonly traffic: { readonly usage: UsageSeries; readonly plans: ActivePlans };
  readonly settings: CardSettings;
  /** C9, newest first. */
  readonly records: OperationRecord[];
}

/** A card by ICCID or MSISDN (a sub-card's finds its smart card); CardNotFound otherwise. */
export function findCardOrThrow(world: World, ref: string): Card {
  const text = ref.trim();
  if (text === '')
    throw new TwinError('InvalidArgument', 'give a card ICCID (20 digits) or MSISDN (13 digits)');
  const card = world.findCard(text);
  if (card) return card;
  const shape = /^\d{20}$/.test(text)
    ? 'ICCID'
    : /^\d{13}$/.test(text)
      ? 'MSISDN'
      : 'reference (an ICCID is 20 digits, an MSISDN 13)';
  throw new TwinError('CardNotFound', `no card with ${shape} ${JSON.stringify(text)} in this world`);
}

export type RecordOrder = 'newest' | 'oldest';

/** GET /api/cards/:iccid/records: C9, newest first unless asked otherwise. */
export function cardRecords(world: World, ref: string, order: RecordOrder = 'newest'): OperationRecord[] {
  const records = [...findCardOrThrow(world, ref).records];
  return order === 'newest' ? records.reverse() : records;
}

function boundImei(card: Card): string | null {
  const current = card.subCards[card.networkIndex]?.actor.getSnapshot().context.boundImei;
  if (current) return current;
  for (const machine of machinesOf(card)) {
    const imei = machine.getSnapshot().context.boundImei;
    if (imei !== null) return imei;
  }
  return null;
}

function settingsOf(world: World, card: Card): CardSettings {
  const voucher = world.voucherUsageLimits.get(card.voucher.code);
  const own = card.usageLimitBytes !== null;
  const usageLimit: CardSettings['usageLimit'] = own
    ? { limitMB: displayMB(card.usageLimitBytes!), source: 'card', autoRestore: card.usageLimitAutoRestore }
    : voucher
      ? { limitMB: displayMB(voucher.bytes), source: 'voucher', autoRestore: voucher.autoRestore }
      : { limitMB: null, source: null, autoRestore: card.usageLimitAutoRestore };
  const rules: CardRule[] = world.rules
    .list()
    .filter((rule) => world.rules.inScope(rule, card))
    .map((rule) => ({
      name: rule.name,
      trigger: rule.trigger.type,
      action: rule.action,
      triggers: world.rules
        .triggersOf(rule.name)
        .filter((record) => record.card === card.iccid)
        .map(({ t, detail, acted }) => ({ t, detail, acted })),
    }));
  return {
    usageLimit,
    autoRenew: card.autoRenew,
    idVerification: { required: card.idVerification, status: verificationStatus(card) },
    rules,
  };
}

/** GET /api/cards/:iccid: C5 for a card found by ICCID or MSISDN. */
export function cardDetails(world: World, iccidOrMsisdn: string): CardDetails {
  const card = findCardOrThrow(world, iccidOrMsisdn);
  const device = world.traffic.deviceOf(card);
  const voucher = card.voucher;
  const smart = isSmartCard(card);
  return {
    basic: {
      iccid: card.iccid,
      imsi: card.imsi,
      msisdn: card.msisdn,
      voucher: voucher.code,
      voucherApi: formatVoucher(voucher, 'api'),
      carrier: card.carrier,
      vendor: vendorOfCarrier(card.carrier),
      cardType: smart ? 'smart' : 'single-network',
      planType: voucher.planType,
      dataType: PLAN_TYPE_FACTS[voucher.planType].apiDataType,
      group: card.group,
      orderedAt: card.orderedAt,
      activationType: card.view.activationType,
      activatedAt: card.view.activatedAt,
      expiresAt: card.serviceEndsAt,
      boundImei: boundImei(card),
      device: device ? { imei: device.imei, profile: device.profile.name, powered: device.powered } : null,
      view: card.view,
      tags: [...card.tags],
      remark: card.remark,
      cycleUsageMB: displayMB(world.traffic.consoleMonthCarried(card)),
    },
    subCards: card.subCards.map((sub, i) => ({
      iccid: sub.iccid,
      msisdn: sub.msisdn,
      imsi: sub.imsi,
      carrier: sub.carrier,
      vendor: vendorOfCarrier(sub.carrier),
      view: sub.view,
      boundImei: sub.actor.getSnapshot().context.boundImei,
      currentNetwork: i === card.networkIndex,
    })),
    traffic: { usage: cardUsage(world, card), plans: activePlans(world, card) },
    settings: settingsOf(world, card),
    records: [...card.records].reverse(),
  };
}
