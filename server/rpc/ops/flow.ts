// A card's traffic and its carrier-side state: GetCardFlowInfo (11), GetCardLatestFlow (12) and
// GetCardRealStatus (13), from the readers GET /api/cards/:iccid/usage uses (sim/queries/usage.ts).
//
// Decisions:
// - GetCardFlowInfo: DateList takes up to 6 months (the reference's text; its schema says 5); none means
//   the previous and the current month. A month the twin does not keep, or after now, is left out.
//   ListPackageDTO lists the plan period, add-on data and test data (cardPlans.ts) in the console's
//   words; ListVendorDetail has one entry per network the card has, with this month's live usage on the
//   network the device uses now (M3); the twin models no latency or signal, so those are empty.
// - GetCardLatestFlow is this month's live usage (what thresholds act on), not the console's P4 figure.
// - GetCardRealStatus answers per (sub-)card. A carrier with an operation delay answers PROCESSING and a
//   SerialNo first, SUCCESS once that much sim time has passed since the first ask: the SerialNo carries
//   the time of the first ask, so nothing is stored. Gprs: the (sub-)card's status lets traffic through
//   (In use, Testable); Online: Gprs, and a powered device is using that network.
import { isSmartCard, type Card } from '../../../sim/cards/card.ts';
import { TwinError } from '../../../sim/errors.ts';
import { vendorOfCarrier } from '../../../sim/ids/carrier.ts';
import type { StatusView } from '../../../sim/machines/status-view.ts';
import { activePlans } from '../../../sim/queries/cardPlans.ts';
import { daysOfMonth, UsageReader } from '../../../sim/queries/usage.ts';
import { dayStartFromIndex, monthIndex } from '../../../sim/time/calendar.ts';
import type { World } from '../../../sim/world.ts';
import { cardByIccid, type RpcOperation } from '../context.ts';
import { illegal } from '../error-codes.ts';
import {
  amountText,
  dayText,
  expireText,
  monthStart,
  monthText,
  parseMonthText,
  timeText,
} from '../format.ts';

function monthFlows(world: World, card: Card, months: readonly number[]) {
  const reader = new UsageReader(world);
  const flows = [];
  for (const month of months) {
    const used = reader.month(card, month);
    if (used === undefined) continue;
    const days = [];
    for (const day of daysOfMonth(month)) {
      const carried = reader.dayCarried(card, day);
      if (carried !== undefined)
        days.push({ Day: dayText(dayStartFromIndex(day)), Flow: amountText(carried) });
    }
    flows.push({
      FlowCount: amountText(used.carried),
      ListDayFlow: days,
      Month: monthText(monthStart(month)),
    });
  }
  return flows;
}

function packages(world: World, card: Card) {
  const plans = activePlans(world, card);
  const list = [
    {
      EffectiveTime: timeText(plans.plan.startsAt),
      ExpireTime: expireText(plans.plan.endsAt),
      PackageName: plans.plan.name,
      Remark: `${plans.plan.state}; ${plans.plan.monthsNotStarted} month(s) bought and not started`,
    },
  ];
  if (plans.addOn)
    list.push({
      EffectiveTime: timeText(plans.plan.startsAt),
      ExpireTime: expireText(plans.addOn.endsAt),
      PackageName: 'Add-on data',
      Remark: `${plans.addOn.remainingMB} MB left`,
    });
  if (plans.testData)
    list.push({
      EffectiveTime: timeText(card.orderedAt),
      ExpireTime: expireText(plans.testData.endsAt),
      PackageName: 'Test period data (6 MB)',
      Remark: `${plans.testData.remainingMB} MB left`,
    });
  return list;
}

function vendorDetails(world: World, card: Card) {
  const used = world.traffic.liveMonthCarried(card);
  const networks = isSmartCard(card) ? card.subCards.map((s) => s.carrier) : [card.carrier];
  return networks.map((carrier, i) => {
    const current = !isSmartCard(card) || i === card.networkIndex;
    return {
      NetWorkDelay: '',
      Ratio: current ? '100%' : '0%',
      SignalStrength: '',
      UsedFlow: current ? amountText(used) : '0KB',
      Vendor: vendorOfCarrier(carrier),
    };
  });
}

export const getCardFlowInfo: RpcOperation = {
  action: 'GetCardFlowInfo',
  handle({ live, params }) {
    const iccid = params.iccid();
    const dates = params.repeatList('DateList', 6);
    const world = live.world;
    const now = monthIndex(world.now());
    const months = dates
      ? dates.map((text) => {
          const month = parseMonthText(text);
          if (month === undefined)
            throw illegal('DateList', `${JSON.stringify(text)} is not a month (yyyyMM)`);
          return month;
        })
      : [now - 1, now];
    const card = cardByIccid(world, iccid);
    return {
      ListCardMonthFlow: monthFlows(world, card, months),
      ListPackageDTO: packages(world, card),
      ListVendorDetail: vendorDetails(world, card),
    };
  },
};

export const getCardLatestFlow: RpcOperation = {
  action: 'GetCardLatestFlow',
  cardMissing: 'linkcard.common.IccidNotExist',
  handle({ live, params }) {
    const card = cardByIccid(live.world, params.iccid());
    return amountText(live.world.traffic.liveMonthCarried(card));
  },
};

interface Line {
  readonly iccid: string;
  readonly view: StatusView;
  readonly current: boolean;
}

/** The (sub-)cards a request names: all of a smart card's, or the one sub-card an MSISDN or ICCID names. */
function linesOf(card: Card, ref: string): Line[] {
  if (!isSmartCard(card)) return [{ iccid: card.iccid, view: card.view, current: true }];
  const lines = card.subCards.map((s, i) => ({
    iccid: s.iccid,
    view: s.view,
    current: i === card.networkIndex,
    s,
  }));
  const named = lines.filter((l) => l.s.iccid === ref || l.s.msisdn === ref);
  return (named.length > 0 ? named : lines).map(({ iccid, view, current }) => ({ iccid, view, current }));
}

function cardByMsisdn(world: World, msisdn: string): Card {
  const card = world.findCard(msisdn);
  if (card && (card.msisdn === msisdn || card.subCards.some((s) => s.msisdn === msisdn))) return card;
  throw new TwinError('CardNotFound', `no card with MSISDN ${JSON.stringify(msisdn)} in this run`);
}

const token = (askedAt: number, iccid: string): string => `RS${askedAt.toString(36)}.${iccid}`;

export const getCardRealStatus: RpcOperation = {
  action: 'GetCardRealStatus',
  handle({ live, params }) {
    const world = live.world;
    const iccid = params.string('Iccid')?.trim();
    const msisdn = params.string('Msisdn')?.trim();
    if (!iccid && !msisdn) throw illegal('Iccid', 'give Iccid or Msisdn');
    const card = iccid ? cardByIccid(world, iccid) : cardByMsisdn(world, msisdn!);
    const lines = linesOf(card, iccid ?? msisdn!);
    const askedAt = new Map(lines.map((line) => [line.iccid, world.now()]));
    for (const serial of params.jsonList('SerialNo') ?? []) {
      const match = /^RS([0-9a-z]+)\.(\d+)$/.exec(serial);
      const t = match ? parseInt(match[1]!, 36) : NaN;
      if (!match || !askedAt.has(match[2]!) || !(t <= world.now()))
        throw illegal('SerialNo', `${serial} is not a SerialNo GetCardRealStatus gave for this card`);
      askedAt.set(match[2]!, t);
    }
    const delay = world.carriers.of(card.carrier).operationDelayMs;
    const device = world.traffic.deviceOf(card);
    return lines.map((line) => {
      const since = askedAt.get(line.iccid)!;
      const done = world.now() >= since + delay;
      const gprs = done && (line.view.status === 'In use' || line.view.status === 'Testable');
      return {
        Gprs: gprs,
        Iccid: line.iccid,
        Online: gprs && line.current && device?.powered === true,
        SerialNo: token(since, line.iccid),
        Status: done ? 'SUCCESS' : 'PROCESSING',
      };
    });
  },
};
