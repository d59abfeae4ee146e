// ListCardInfo (linkcard-api.md 19): the card list with every filter of the reference, paged with the
// platform's page sizes (10, 15, 25, 40), in the order GET /api/cards lists cards (creation order). The
// filters the console's advanced search has (C2) go through the same compiled filter as the REST API
// (sim/queries/cardFilter.ts); the API's extra fields are checked after it.
//
// Decisions:
// - Time ranges are inclusive at both ends, to the second (`… 23:59:59` ends a day). ExpireTime is the
//   last second of service, so the range is matched against serviceEndsAt - 1 s.
// - MinFlow and MaxFlow (MB) bound the console's cycle usage (P4), inclusive.
// - MaxRestFlowPercentage applies to single-card plans only (SC, SCD), as the reference says; other
//   cards never match it.
// - NotifyId matches the cards in the scope of that automation rule (C7); an unknown rule matches none.
// - Values every card has (CertifyType enterprise, NetworkType 4G, SimType) match all cards or none.
import type { Card } from '../../../sim/cards/card.ts';
import { carrierOfVendor, VENDORS, type Vendor } from '../../../sim/ids/carrier.ts';
import {
  SIM_STATUSES,
  SPECIFIC_STATUSES,
  type SimStatus,
  type SpecificStatus,
} from '../../../sim/machines/status.ts';
import { DataSizeError, parseDataSize } from '../../../sim/plans/data-size.ts';
import { tryParseVoucher } from '../../../sim/plans/voucher.ts';
import { forEachMatch } from '../../../sim/queries/cardList.ts';
import { groupOf } from '../../../sim/rpc/state.ts';
import { purchaseOrderOf } from '../../../sim/rpc/ids.ts';
import type { CardFilter } from '../../../sim/scenario/types-operations.ts';
import { CalendarError, parseDateTime } from '../../../sim/time/calendar.ts';
import type { World } from '../../../sim/world.ts';
import type { RpcOperation } from '../context.ts';
import { illegal } from '../error-codes.ts';
import { aliFeeOf, apnOf, NETWORK_TYPE, periodOf, PLAN_TYPE_OF_DATA_TYPE, SIM_TYPE } from '../format.ts';
import { page, type RpcParams } from '../params.ts';
import { CardReader } from './card-info.ts';

const byCode = <Name extends string>(table: Record<Name, number>) =>
  new Map(Object.entries(table).map(([name, code]) => [String(code), name as Name]));
export const STATUS_BY_CODE = byCode<SimStatus>(SIM_STATUSES);
export const SPECIFIC_BY_CODE = byCode<SpecificStatus>(SPECIFIC_STATUSES);

/** A `yyyy-MM-dd HH:mm:ss` parameter (Beijing), as sim time. */
export function apiTimeParam(params: RpcParams, name: string): number | undefined {
  const text = params.string(name);
  if (text === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text))
    throw illegal(name, 'expected yyyy-MM-dd HH:mm:ss');
  try {
    return parseDateTime(text);
  } catch (error) {
    if (error instanceof CalendarError) throw illegal(name, error.message);
    throw error;
  }
}

function range(params: RpcParams, start: string, end: string, shiftMs: number) {
  const from = apiTimeParam(params, start);
  const to = apiTimeParam(params, end);
  if (from === undefined && to === undefined) return undefined;
  if (from !== undefined && to !== undefined && from > to) throw illegal(start, `it is after ${end}`);
  return {
    ...(from !== undefined ? { from: from + shiftMs } : {}),
    ...(to !== undefined ? { to: to + shiftMs + 1000 } : {}),
  };
}

function mbParam(params: RpcParams, name: string): number | undefined {
  const value = params.number(name);
  if (value !== undefined && value < 0) throw illegal(name, 'it cannot be negative');
  return value;
}

/** The request's filters: the console's C2 filter, and checks of the fields it does not have. */
export function listCardFilter(
  world: World,
  params: RpcParams,
): { filter: CardFilter; extra: (card: Card) => boolean } {
  const filter: Record<string, unknown> = {};
  const extra: ((card: Card) => boolean)[] = [];
  const text = (name: string) => params.string(name);
  if (text('Iccid')) filter.iccids = [text('Iccid')!.trim()];
  if (text('Msisdn')) filter.msisdn = text('Msisdn')!.trim();
  if (text('Imsi')) filter.imsi = text('Imsi')!.trim();
  if (text('CredentialNo')) {
    const parsed = tryParseVoucher(text('CredentialNo')!);
    if (!parsed.ok) throw illegal('CredentialNo', parsed.message);
    filter.voucher = parsed.voucher;
  }
  const vendor = params.oneOf<Vendor>('Vendor', VENDORS);
  if (vendor) filter.carrier = carrierOfVendor(vendor);
  const dataType = params.oneOf(
    'DataType',
    Object.keys(PLAN_TYPE_OF_DATA_TYPE) as (keyof typeof PLAN_TYPE_OF_DATA_TYPE)[],
  );
  if (dataType) filter.planType = PLAN_TYPE_OF_DATA_TYPE[dataType];
  const status = text('Status');
  if (status) {
    if (!STATUS_BY_CODE.has(status))
      throw illegal('Status', `expected 10, 20, 30, 35, 40 or 50, not ${status}`);
    filter.status = STATUS_BY_CODE.get(status);
  }
  const osStatus = text('OsStatus');
  if (osStatus) {
    if (!SPECIFIC_BY_CODE.has(osStatus)) throw illegal('OsStatus', `no specific status ${osStatus}`);
    filter.specificStatus = SPECIFIC_BY_CODE.get(osStatus);
  }
  if (text('TagName')) filter.tag = text('TagName');
  if (text('PoolId')) filter.pool = text('PoolId');
  const activated = range(params, 'ActiveTimeStart', 'ActiveTimeEnd', 0);
  if (activated) filter.activated = activated;
  const expires = range(params, 'ExpireTimeStart', 'ExpireTimeEnd', 1000);
  if (expires) filter.expires = expires;
  const min = mbParam(params, 'MinFlow');
  const max = mbParam(params, 'MaxFlow');
  if (min !== undefined || max !== undefined)
    filter.usageMB = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  const share = params.number('MaxRestFlowPercentage');
  if (share !== undefined) {
    if (![0.1, 0.2, 0.3].includes(share)) throw illegal('MaxRestFlowPercentage', 'expected 0.1, 0.2 or 0.3');
    filter.remainingShareAtMost = share;
    extra.push((card) => card.voucher.planType === 'SC' || card.voucher.planType === 'SCD');
  }
  const autoRenew = params.boolean('IsAutoRecharge');
  if (autoRenew !== undefined) filter.autoRenew = autoRenew;
  params.oneOf('CertifyType', ['enterprise']); // every card's: the filter only checks the value
  const equals = (name: string, of: (card: Card) => string) => {
    const wanted = text(name);
    if (wanted !== undefined) extra.push((card) => of(card) === wanted);
  };
  equals('AliFee', (card) => aliFeeOf(card.voucher));
  equals('AliyunOrderId', (card) => purchaseOrderOf(world, card));
  equals('ApnName', apnOf);
  equals('NetworkType', () => NETWORK_TYPE);
  equals('SimType', () => SIM_TYPE);
  if (params.oneOf('Period', ['1101', '1103', '1106', '1112']))
    equals('Period', (card) => periodOf(card.voucher));
  const level = text('DataLevel');
  if (level) {
    let bytes: number;
    try {
      bytes = parseDataSize(level);
    } catch (error) {
      if (error instanceof DataSizeError) throw illegal('DataLevel', error.message);
      throw error;
    }
    extra.push((card) => card.voucher.tierBytes === bytes);
  }
  const groupId = params.integer('DirectionalGroupId');
  if (groupId !== undefined) extra.push((card) => groupOf(world, card)?.id === groupId);
  const notifyId = text('NotifyId');
  if (notifyId) {
    const rule = world.rules.list().find((r) => String(r.id) === notifyId);
    extra.push((card) => rule !== undefined && world.rules.inScope(rule, card));
  }
  return { filter: filter as CardFilter, extra: (card) => extra.every((test) => test(card)) };
}

export const listCardInfo: RpcOperation = {
  action: 'ListCardInfo',
  handle({ live, params }) {
    const { pageNo, pageSize } = params.paging();
    const world = live.world;
    const { filter, extra } = listCardFilter(world, params);
    const reader = new CardReader(world);
    const skip = (pageNo - 1) * pageSize;
    const rows: unknown[] = [];
    let total = 0;
    forEachMatch(world, { filter }, (card) => {
      if (!extra(card)) return;
      if (total >= skip && rows.length < pageSize) rows.push(reader.row(card));
      total++;
    });
    return page(rows, total, pageNo, pageSize);
  },
};
