// The twin's values in the platform's words and formats (linkcard-enums.md): vendors, data types,
// billing periods, status codes as strings, times `yyyy-MM-dd HH:mm:ss` (Beijing), months `yyyyMM`,
// data amounts as text with a unit (`130.00MB`, `0KB`).
//
// Decisions where the twin has no such field (the same for every card, stated once here):
// - SimType `industry-nano` (an industrial plug-in card), NetworkType `4G`, OpenSms true.
// - ApnName by carrier: CM `cmiot`, CU `scuiot`, CT `ctnet` (a smart card: its current network's).
// - AliFee is the voucher's rate version as `ali_<n>`; DataLevel its tier (`100MB`, `1GB`), empty for
//   pooled plans (UP, UPG), whose size is the pool's.
// - CertifyType `enterprise` (the account); CertifyStatus `1` for a card bought with individual
//   identity verification that has not completed it (L5), `2` otherwise.
// - ExpireTime is the last second of service: serviceEndsAt (exclusive, T5) minus one second.
// - Ip: a private address derived from the card's index (10.x.y.z); PrivateNetworkSegment `10.0.0.0/8`
//   for directional plans, empty otherwise.
import type { Card } from '../../sim/cards/card.ts';
import { isSmartCard } from '../../sim/cards/card.ts';
import type { Carrier, NetworkCarrier } from '../../sim/ids/carrier.ts';
import { vendorOfCarrier } from '../../sim/ids/carrier.ts';
import { verificationStatus } from '../../sim/queries/cardFilter.ts';
import { apiTime } from '../../sim/queries/units.ts';
import { GB, KB, MB } from '../../sim/plans/data-size.ts';
import { PLAN_TYPE_FACTS, type ApiDataType, type PlanType } from '../../sim/plans/plan-type.ts';
import { formatVoucher, type PlanVoucher } from '../../sim/plans/voucher.ts';
import { tagId } from '../../sim/rpc/ids.ts';
import { monthIndex, monthStartFromIndex, toCalendar, type SimTime } from '../../sim/time/calendar.ts';

export const SIM_TYPE = 'industry-nano';
export const NETWORK_TYPE = '4G';

const APN: Readonly<Record<NetworkCarrier, string>> = { CM: 'cmiot', CU: 'scuiot', CT: 'ctnet' };

export function apnOf(card: Card): string {
  const carrier: Carrier = isSmartCard(card)
    ? (card.subCards[card.networkIndex]?.carrier ?? 'CM')
    : card.carrier;
  return APN[carrier as NetworkCarrier];
}

export const apnOfCarrier = (carrier: NetworkCarrier): string => APN[carrier];

export const PLAN_TYPE_OF_DATA_TYPE: Readonly<Record<ApiDataType, PlanType>> = {
  singlecard: 'SC',
  directionalcard: 'SCD',
  sameflowcard: 'SF',
  directional_sameflowcard: 'SFD',
  unityPayPool: 'UP',
  GREcard: 'UPG',
};

export const dataTypeOf = (voucher: PlanVoucher): ApiDataType =>
  PLAN_TYPE_FACTS[voucher.planType].apiDataType;
export const vendorOf = (card: Card): string => vendorOfCarrier(card.carrier);
/** Period / BillingCycle: 1101 monthly, 1112 yearly. */
export const periodOf = (voucher: PlanVoucher): string => (voucher.billingCycle === 'M' ? '1101' : '1112');
export const aliFeeOf = (voucher: PlanVoucher): string => `ali_${voucher.rateVersion}`;
export const credentialNoOf = (voucher: PlanVoucher): string => formatVoucher(voucher, 'api');

export function dataLevelOf(voucher: PlanVoucher): string {
  return voucher.tierBytes === undefined ? '' : amountText(voucher.tierBytes, 0);
}

/** Data amounts as the platform writes them: `0KB`, `512.00KB`, `130.00MB`, `6.00GB`. */
export function amountText(bytes: number, decimals = 2): string {
  if (bytes <= 0) return '0KB';
  if (bytes < MB) return `${(bytes / KB).toFixed(decimals)}KB`;
  if (bytes < GB) return `${(bytes / MB).toFixed(decimals)}MB`;
  return `${(bytes / GB).toFixed(decimals)}GB`;
}

export const timeText = (t: SimTime | null): string => (t === null ? '' : apiTime(t));

/** The last second a service period covers (serviceEndsAt is exclusive). */
export const expireText = (serviceEndsAt: number | null): string =>
  serviceEndsAt === null ? '' : apiTime(serviceEndsAt - 1000);

/** `yyyyMM`. */
export function monthText(t: SimTime): string {
  const c = toCalendar(t);
  return `${c.year}${String(c.month).padStart(2, '0')}`;
}

export function dayText(t: SimTime): string {
  const c = toCalendar(t);
  return `${c.year}${String(c.month).padStart(2, '0')}${String(c.day).padStart(2, '0')}`;
}

/** A `yyyyMM` month as its month index, or undefined when it is not one. */
export function parseMonthText(text: string): number | undefined {
  const match = /^(\d{4})(0[1-9]|1[0-2])$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

export const monthStart = (month: number): SimTime => monthStartFromIndex(month);
export const currentMonth = (now: SimTime): number => monthIndex(now);

export const certifyStatusOf = (card: Card): string => (verificationStatus(card) === 'pending' ? '1' : '2');

export const tagListOf = (card: Card) => card.tags.map((tag) => ({ Id: tagId(tag), TagName: tag }));

export function ipOf(card: Card, sub = 0): string {
  const n = card.index * 4 + sub + 1;
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export const privateSegmentOf = (voucher: PlanVoucher): string =>
  PLAN_TYPE_FACTS[voucher.planType].directional ? '10.0.0.0/8' : '';

/** Msisdn / Imsi as the API's string lists: a smart card's are its sub-cards' (I2, I3). */
export const msisdnsOf = (card: Card): string[] =>
  isSmartCard(card) ? card.subCards.map((s) => s.msisdn) : card.msisdn ? [card.msisdn] : [];
export const imsisOf = (card: Card): string[] =>
  isSmartCard(card) ? card.subCards.map((s) => s.imsi) : card.imsi ? [card.imsi] : [];
