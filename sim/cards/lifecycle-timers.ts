// The dates of a card's lifecycle, kept on the sim clock by the world (RULES.md L2, L4, L10-L13).
// Cards bought together share one timer per date; per-card timers exist only where dates differ
// (plan expiry after activation, auto-cancel, cancellation completion).
import type { Actor } from 'xstate';
import type { CardContext, CardMachine } from '../machines/card-machine.ts';
import type { CardEvent } from '../machines/card-events.ts';
import { phaseOf } from '../machines/status-view.ts';
import { causeBit } from '../machines/status.ts';
import { addMonths } from '../time/calendar.ts';
import { autoCancelAt, servicePeriodEnd } from '../time/rule-dates.ts';
import type { TimerId } from '../time/scheduler.ts';
import type { World } from '../world.ts';
import { machinesOf, primarySnapshot, type Card } from './card.ts';

/** The lifecycle's timers as data (sim/snapshot/tasks.ts); cards by index, bought ones as a range. */
export type LifecycleTask =
  | { readonly kind: 'testPeriodEnd'; readonly first: number; readonly count: number }
  | { readonly kind: 'forcedActivation'; readonly first: number; readonly count: number }
  | { readonly kind: 'autoCancel'; readonly card: number; readonly deactivatedAt: number }
  | { readonly kind: 'requestedCancel'; readonly card: number }
  | { readonly kind: 'planExpiry'; readonly card: number; readonly endsAt: number };

const USAGE_LIMIT = causeBit('usageLimit');

export class LifecycleTimers {
  private expiryTimers = new Map<number, TimerId>();

  constructor(private readonly world: World) {}

  /** Timers every new card has: the end of the test period (L2) and forced activation (L4). */
  afterPurchase(cards: readonly Card[], testPeriodEndsAt: number, forcedAt: number): void {
    if (cards.length === 0) return;
    const first = cards[0]!.index;
    this.at(testPeriodEndsAt, { kind: 'testPeriodEnd', first, count: cards.length });
    this.at(forcedAt, { kind: 'forcedActivation', first, count: cards.length });
  }

  runTask(task: LifecycleTask): void {
    const cards = this.world.cards;
    switch (task.kind) {
      case 'testPeriodEnd':
        for (const card of cards.slice(task.first, task.first + task.count)) {
          if (this.anyIn(card, 'test'))
            this.world.sendToCard(
              card,
              { type: 'TEST_PERIOD_ENDED', at: this.now(), reason: 'expired' },
              { by: 'system' },
            );
        }
        return;
      case 'forcedActivation':
        // L4: still not activated when the six months end: forced at 00:00 on the next 1st.
        for (const card of cards.slice(task.first, task.first + task.count)) {
          if (this.anyIn(card, 'silent') || this.anyIn(card, 'test')) {
            this.world.sendToCard(
              card,
              { type: 'ACTIVATE', at: this.now(), activationType: 'silence_expire' },
              { by: 'system' },
            );
          }
        }
        return;
      case 'autoCancel': {
        const card = cards[task.card]!;
        if (
          primarySnapshot(card).context.deactivatedAt === task.deactivatedAt &&
          !this.anyIn(card, 'canceled')
        ) {
          this.world.sendToCard(
            card,
            { type: 'CANCEL', at: this.now(), reason: 'autoCancel' },
            { by: 'system' },
          );
        }
        return;
      }
      case 'requestedCancel': {
        const card = cards[task.card]!;
        if (!this.anyIn(card, 'canceled'))
          this.world.sendToCard(
            card,
            { type: 'CANCEL', at: this.now(), reason: 'requested' },
            { by: 'system' },
          );
        return;
      }
      case 'planExpiry':
        this.planExpired(cards[task.card]!, task.endsAt);
        return;
    }
  }

  /** Plan-expiry timers by card index (a snapshot keeps them: their ids stay valid on restore). */
  save(): [number, TimerId][] {
    return [...this.expiryTimers];
  }

  restore(saved: readonly (readonly [number, TimerId])[]): void {
    this.expiryTimers = new Map(saved);
  }

  /** After a card took an event: start the timers its new dates call for. */
  afterChange(card: Card, before: CardContext, event: CardEvent): void {
    const after = primarySnapshot(card).context;
    if (card.serviceEndsAt === null && this.activatedAt(card) !== null) {
      // T5: service periods are natural months, the first one the month of activation.
      card.serviceEndsAt = servicePeriodEnd(this.activatedAt(card)!, card.monthsBought);
      card.initialServiceEndsAt = card.serviceEndsAt;
      card.monthsBought = 0;
      this.scheduleExpiry(card);
      this.world.billing.onActivated(card);
    }
    if (event.type === 'RENEW' && before.deactivatedAt !== null) {
      card.serviceEndsAt = servicePeriodEnd(event.at, card.monthsBought);
      card.monthsBought = 0;
      this.scheduleExpiry(card);
    }
    if (after.deactivatedAt !== null && after.deactivatedAt !== before.deactivatedAt) {
      const deactivatedAt = after.deactivatedAt;
      // L12: canceled at 00:00 on the day three months after deactivation, unless renewed since.
      this.at(autoCancelAt(deactivatedAt), { kind: 'autoCancel', card: card.index, deactivatedAt });
    }
    if (event.type === 'REQUEST_CANCELLATION') {
      // L13: the request completes at 00:00 on the 1st after the month it completes in.
      this.at(event.completesAt, { kind: 'requestedCancel', card: card.index });
    }
  }

  /** T2: periods bought now start when the last one ends; before activation they wait for it. */
  addMonths(card: Card, months: number): void {
    if (card.serviceEndsAt === null || this.anyIn(card, 'deactivated')) {
      card.monthsBought += months;
      return;
    }
    card.serviceEndsAt = addMonths(card.serviceEndsAt, months);
    this.scheduleExpiry(card);
  }

  /** 00:00 on the 1st: L10 usage-limit suspensions with automatic restore are lifted. */
  monthlyRollover(): void {
    const cards = this.world.cards;
    for (let i = 0; i < cards.length; i++) {
      // Only cards that hold the cause can have it lifted; the compact copy says which.
      if ((this.world.heldCauses.of(i) & USAGE_LIMIT) === 0) continue;
      const card = cards[i]!;
      // C6: the card's own setting, else its voucher's; restore is on when neither says otherwise.
      const autoRestore =
        card.usageLimitBytes !== null
          ? card.usageLimitAutoRestore
          : (this.world.voucherUsageLimits.get(card.voucher.code)?.autoRestore ?? card.usageLimitAutoRestore);
      if (autoRestore) this.world.liftIfHeld(card, 'usageLimit');
    }
  }

  private scheduleExpiry(card: Card): void {
    const previous = this.expiryTimers.get(card.index);
    if (previous !== undefined) this.world.clock.cancel(previous);
    const endsAt = card.serviceEndsAt!;
    const id = this.at(endsAt, { kind: 'planExpiry', card: card.index, endsAt });
    this.expiryTimers.set(card.index, id);
  }

  private planExpired(card: Card, endsAt: number): void {
    this.expiryTimers.delete(card.index);
    if (card.autoRenew) {
      // L11: automatic renewal buys one more period, and pays for it, instead of deactivating.
      const months = card.voucher.billingCycle === 'M' ? 1 : 12;
      this.world.billing.onRenewed(card, 1);
      card.serviceEndsAt = addMonths(endsAt, months);
      this.world.record(card, 'system', 'Renewed automatically', `${months} month(s)`);
      this.world.emit('plan.renewed', card.iccid, {
        months,
        by: 'system',
        serviceEndsAt: card.serviceEndsAt,
      });
      this.scheduleExpiry(card);
      return;
    }
    if (!this.anyIn(card, 'active')) return;
    this.world.sendToCard(card, { type: 'PLAN_EXPIRED', at: this.now() }, { by: 'system' });
    // T3: add-on data expires with the plan.
    this.world.traffic.usage.addOnRemaining.set(card.index, 0);
  }

  private activatedAt(card: Card): number | null {
    let earliest: number | null = null;
    for (const m of machinesOf(card)) {
      const at = m.getSnapshot().context.activatedAt;
      if (at !== null && (earliest === null || at < earliest)) earliest = at;
    }
    return earliest;
  }

  private anyIn(card: Card, phase: ReturnType<typeof phaseOf>): boolean {
    return machinesOf(card).some((m: Actor<CardMachine>) => phaseOf(m.getSnapshot()) === phase);
  }

  private at(time: number, task: LifecycleTask): TimerId {
    // A date already past (a card ordered before the run began) is acted on at once.
    return this.world.at(Math.max(time, this.now()), task);
  }

  private now(): number {
    return this.world.clock.now();
  }
}
