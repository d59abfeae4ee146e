// Top-ups (RULES.md T1-T4, L9, L15): renewing a plan or buying add-on packages, as orders with
// serial numbers so that a repeated order buys nothing twice.
import type { Card } from '../cards/card.ts';
import type { Refusal } from '../errors.ts';
import type { Actor as Who } from '../record/event.ts';
import type { World } from '../world.ts';
import { formatDataSize } from './data-size.ts';
import { allowsTopUp, PLAN_TYPE_FACTS } from './plan-type.ts';
import { ADD_ON_QUANTITIES, isAllowedRenewal, RENEWAL_PERIODS, voucherPeriodMonths } from './voucher.ts';

export type TopUp =
  { type: 'renew'; periods: number } | { type: 'addOn'; tierBytes: number; quantity: number };

export interface TopUpOrder {
  readonly serialNo: string;
  readonly card: string;
  readonly topUp: TopUp;
  readonly t: number;
}

export type TopUpResult =
  { ok: true; order: TopUpOrder; repeated: boolean } | { ok: false; refusal: Refusal };

/** T4: orders by serial number. */
export class TopUpOrders {
  private readonly bySerial = new Map<string, TopUpOrder>();
  private next = 1;

  constructor(private readonly world: World) {}

  /** Orders so far and the next serial number (for snapshots; orders are immutable). */
  save(): { readonly orders: readonly TopUpOrder[]; readonly next: number } {
    return { orders: [...this.bySerial.values()], next: this.next };
  }

  restore(saved: { readonly orders: readonly TopUpOrder[]; readonly next: number }): void {
    this.bySerial.clear();
    for (const order of saved.orders) this.bySerial.set(order.serialNo, order);
    this.next = saved.next;
  }

  get(serialNo: string): TopUpOrder | undefined {
    return this.bySerial.get(serialNo);
  }

  topUp(card: Card, topUp: TopUp, options: { serialNo?: string; by: Who }): TopUpResult {
    const refuse = (code: Refusal['code'], message: string): TopUpResult => ({
      ok: false,
      refusal: { code, message },
    });
    const serialNo = options.serialNo ?? `TU${String(this.next).padStart(8, '0')}`;
    const earlier = this.bySerial.get(serialNo);
    if (earlier) {
      // T4: the same serial number again buys nothing; a different order under it is a mistake.
      if (earlier.card !== card.iccid || JSON.stringify(earlier.topUp) !== JSON.stringify(topUp)) {
        return refuse(
          'InvalidArgument',
          `serial number ${serialNo} belongs to another order (card ${earlier.card})`,
        );
      }
      return { ok: true, order: earlier, repeated: true };
    }
    const { planType } = card.voucher;
    if (card.view.status === 'Canceled')
      return refuse('CardCanceled', `card ${card.iccid} is canceled and refuses every operation`);
    if (!allowsTopUp(planType, topUp.type)) {
      const facts = PLAN_TYPE_FACTS[planType];
      return refuse(
        'PlanTypeNotSupported',
        topUp.type === 'renew' || !facts.topUpKinds.length
          ? `card ${card.iccid} is on a ${planType} plan: pooled data plans have no top-up; add cards to the pool or expand it (T1)`
          : `card ${card.iccid} is on a ${planType} plan: add-on packages are for single-card plans only; renew instead (T3)`,
      );
    }
    if (card.view.pendingCancellation)
      return refuse('StatusNotAllowed', `card ${card.iccid} has a pending cancellation (L13)`);
    const refusal =
      topUp.type === 'renew'
        ? this.renew(card, topUp.periods, serialNo, options.by)
        : this.addOn(card, topUp, serialNo, options.by);
    if (refusal) return { ok: false, refusal };
    const order: TopUpOrder = { serialNo, card: card.iccid, topUp, t: this.world.now() };
    this.bySerial.set(serialNo, order);
    if (!options.serialNo) this.next++;
    this.world.emit('order.created', card.iccid, {
      serialNo,
      type: topUp.type,
      ...(topUp.type === 'renew'
        ? { periods: topUp.periods }
        : { tier: formatDataSize(topUp.tierBytes), quantity: topUp.quantity }),
      by: options.by,
    });
    return { ok: true, order, repeated: false };
  }

  /** T2: N more periods, starting when the last one ends; L15: a Deactivated card is In use again. */
  private renew(card: Card, periods: number, serialNo: string, by: Who): Refusal | null {
    const cycle = card.voucher.billingCycle;
    if (!isAllowedRenewal(cycle, periods)) {
      return {
        code: 'InvalidArgument',
        message: `renewal periods for a ${cycle === 'M' ? 'monthly' : 'yearly'} plan are ${RENEWAL_PERIODS[cycle].join(', ')}, not ${periods} (T2)`,
      };
    }
    const months = voucherPeriodMonths(card.voucher, periods);
    // Paid when bought, for months that start where the current service ends (or now, if it ended).
    const firstServed =
      card.serviceEndsAt !== null && card.serviceEndsAt > this.world.now()
        ? card.serviceEndsAt
        : this.world.now();
    const refusal = this.world.renew(card, months, by);
    if (!refusal) this.world.billing.onRenewed(card, periods, serialNo, firstServed);
    return refusal;
  }

  /** T3: add-on data at once, until the plan ends; L9: it lifts credit control at once. */
  private addOn(
    card: Card,
    topUp: Extract<TopUp, { type: 'addOn' }>,
    serialNo: string,
    by: Who,
  ): Refusal | null {
    if (!ADD_ON_QUANTITIES.includes(topUp.quantity)) {
      return { code: 'InvalidArgument', message: `add-on quantity is 1, 2 or 3, not ${topUp.quantity} (T3)` };
    }
    if (!(topUp.tierBytes > 0))
      return { code: 'InvalidArgument', message: 'an add-on package needs a data tier' };
    const status = card.view.status;
    if (card.view.activatedAt === null || status === 'Deactivated') {
      return {
        code: 'StatusNotAllowed',
        message: `card ${card.iccid} is ${card.view.specificStatus}: an add-on package needs a plan in service (T3)`,
      };
    }
    const world = this.world;
    world.traffic.change(card, () => {
      world.traffic.usage.addOnRemaining.add(card.index, topUp.tierBytes * topUp.quantity);
    });
    world.billing.onAddOn(card, topUp.tierBytes, topUp.quantity, serialNo);
    world.record(
      card,
      by,
      'Add-on package bought',
      `${topUp.quantity} × ${formatDataSize(topUp.tierBytes)}, order ${serialNo}`,
    );
    world.liftIfHeld(card, 'creditControl');
    return null;
  }
}
