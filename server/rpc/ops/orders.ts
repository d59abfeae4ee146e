// ListOrder (linkcard-api.md 22): the account's purchase orders, derived from what the twin records.
//
// Decisions:
// - NEW: one order per purchase of cards (a fleet entry or a `buy`: a group's cards with one order
//   date), BuyNum and CardPayCount its number of cards, PayTime the order date.
// - RENEW: a renewal bought by the user (topUp renew: Renew, the console); AUTO_RENEW: one bought by
//   automatic renewal (L11); FLOW_PLUS: add-on packages (T3); ADD_FLOW: a pool expansion (P2). Each is a
//   ledger line (F1) of reason renewal or addOn, its OrderId made from the line number (sim/rpc/ids.ts).
//   FUNCTION and ADD_CARD orders do not occur in the twin.
// - Every order is `completed` (the twin's purchases complete at once); newest first.
// - StartDate and EndDate (yyyy-MM-dd, Beijing) bound PayTime, both days included.
// - Delivery, express and URL fields are empty: the twin ships no cards.
import type { LedgerLine } from '../../../sim/ledger/ledger.ts';
import { GB } from '../../../sim/plans/data-size.ts';
import { tryParseVoucher, type PlanVoucher } from '../../../sim/plans/voucher.ts';
import { newOrderId, purchasesOf, topUpOrderId } from '../../../sim/rpc/ids.ts';
import { CalendarError, DAY_MS, parseDateTime, type SimTime } from '../../../sim/time/calendar.ts';
import type { World } from '../../../sim/world.ts';
import type { RpcOperation } from '../context.ts';
import { illegal } from '../error-codes.ts';
import {
  aliFeeOf,
  apnOf,
  credentialNoOf,
  dataLevelOf,
  dataTypeOf,
  NETWORK_TYPE,
  periodOf,
  timeText,
} from '../format.ts';
import { pageOfList, type RpcParams } from '../params.ts';
import { vendorOfCarrier } from '../../../sim/ids/carrier.ts';

const ORDER_TYPES = ['NEW', 'ADD_FLOW', 'ADD_CARD', 'FUNCTION', 'FLOW_PLUS', 'RENEW', 'AUTO_RENEW'] as const;
type OrderType = (typeof ORDER_TYPES)[number];

export interface Order {
  readonly id: string;
  /** The ICCID a top-up order is for; empty for purchases and pool expansions. */
  readonly card: string;
  readonly type: OrderType;
  readonly t: SimTime;
  readonly voucher: PlanVoucher;
  readonly buyNum: number;
  readonly cards: number;
  readonly apn: string;
  readonly payDuration: string;
  readonly info: string;
  readonly pool: string;
}

function lineOrder(world: World, line: LedgerLine): Order | undefined {
  const parsed = tryParseVoucher(line.voucher);
  if (!parsed.ok) return undefined;
  const voucher = parsed.voucher;
  const card = line.card ? world.findCard(line.card) : undefined;
  const quantity = line.quantity ?? 1;
  const monthsPerPeriod = voucher.billingCycle === 'M' ? 1 : 12;
  const type: OrderType =
    line.reason === 'renewal' ? (line.serialNo ? 'RENEW' : 'AUTO_RENEW') : card ? 'FLOW_PLUS' : 'ADD_FLOW';
  const what =
    type === 'ADD_FLOW'
      ? `pool ${line.pool} expanded by ${line.detail ?? ''}`
      : `${type === 'FLOW_PLUS' ? `${quantity} add-on package(s)` : `${quantity} period(s)`} for card ${line.card}`;
  return {
    id: topUpOrderId(line.lineNo),
    card: card ? card.iccid : '',
    type,
    t: line.time,
    voucher,
    buyNum: quantity,
    cards: card ? 1 : 0,
    apn: card ? apnOf(card) : '',
    payDuration: line.reason === 'renewal' ? `${quantity * monthsPerPeriod}月` : '',
    info: line.serialNo ? `${what}, serial ${line.serialNo}` : what,
    pool: line.pool ?? '',
  };
}

export function allOrders(world: World): Order[] {
  const orders: Order[] = [];
  const purchases = purchasesOf(world);
  for (const [first, count] of purchases.size) {
    const card = world.cards[first]!;
    orders.push({
      id: newOrderId(first),
      card: '',
      type: 'NEW',
      t: card.orderedAt,
      voucher: card.voucher,
      buyNum: count,
      cards: count,
      apn: apnOf(card),
      payDuration: '',
      info: `${count} card(s), group ${card.group}`,
      pool: card.voucher.poolId ?? '',
    });
  }
  const ledger = world.billing.ledger;
  for (const line of [...ledger.lines({ reason: 'renewal' }), ...ledger.lines({ reason: 'addOn' })]) {
    const order = lineOrder(world, line);
    if (order) orders.push(order);
  }
  return orders.sort((a, b) => b.t - a.t || (a.id < b.id ? 1 : -1));
}

function dayParam(params: RpcParams, name: string): SimTime | undefined {
  const text = params.string(name);
  if (text === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw illegal(name, 'expected yyyy-MM-dd');
  try {
    return parseDateTime(text);
  } catch (error) {
    if (error instanceof CalendarError) throw illegal(name, error.message);
    throw error;
  }
}

function orderRow(world: World, order: Order) {
  const pool = order.pool ? world.pools.get(order.pool) : undefined;
  const v = order.voucher;
  return {
    AliFee: aliFeeOf(v),
    ApnName: order.apn,
    ApnRegion: '',
    BillingCycle: periodOf(v),
    BuyNum: order.buyNum,
    CardPayCount: order.cards,
    CredentialNo: credentialNoOf(v),
    CredentialPackage: credentialNoOf(v),
    DataLevel: dataLevelOf(v),
    DeliveryInfo: { Address: '', BuyerMessage: '', Mail: '', Receiver: '', ZipCode: '' },
    ExpressNoList: [],
    FlowType: dataTypeOf(v),
    FunctionFee: 0,
    NetworkType: NETWORK_TYPE,
    OrderDetailUrl: '',
    OrderId: order.id,
    OrderInfo: order.info,
    OrderStatus: 'completed',
    OrderType: order.type,
    PayDuration: order.payDuration,
    PayTime: timeText(order.t),
    PoolCapacity: pool && v.poolId ? String(Math.round((pool.size() / GB) * 100) / 100) : '',
    PoolCapacityUnit: pool && v.poolId ? 'GB' : '',
    PoolNo: v.poolId ?? '',
    ResourceQuantity: 0,
    Vendor: vendorOfCarrier(v.carrier),
  };
}

export const listOrder: RpcOperation = {
  action: 'ListOrder',
  handle({ live, params }) {
    const { pageNo, pageSize } = params.paging();
    const world = live.world;
    const credential = params.string('CredentialNo');
    let code: string | undefined;
    if (credential !== undefined) {
      const parsed = tryParseVoucher(credential);
      if (!parsed.ok) throw illegal('CredentialNo', parsed.message);
      code = parsed.voucher.code;
    }
    const from = dayParam(params, 'StartDate');
    const toDay = dayParam(params, 'EndDate');
    const orderId = params.string('OrderId');
    const status = params.oneOf('OrderStatus', ['processing', 'failure', 'completed', 'unpaid', 'refunded']);
    const type = params.oneOf('OrderType', ORDER_TYPES);
    const orders = allOrders(world).filter(
      (o) =>
        (code === undefined || o.voucher.code === code) &&
        (from === undefined || o.t >= from) &&
        (toDay === undefined || o.t < toDay + DAY_MS) &&
        (orderId === undefined || o.id === orderId) &&
        (status === undefined || status === 'completed') &&
        (type === undefined || o.type === type),
    );
    const paged = pageOfList(orders, pageNo, pageSize);
    return { ...paged, List: paged.List.map((order) => orderRow(world, order)) };
  },
};
