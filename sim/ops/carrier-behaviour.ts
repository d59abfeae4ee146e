// What carriers do on their own (SCENARIOS.md `carriers`; RULES.md L8): abnormal suspensions at a
// seeded rate per card and month, lifted by the carrier after a while if the scenario says so, and
// outages of a whole network. Also the operation delay: a user operation that reaches the carrier is
// accepted now and takes effect later, pending until then (like the platform's GetOperateResult).
import type { Card } from '../cards/card.ts';
import type { Carrier, NetworkCarrier } from '../ids/carrier.ts';
import { DAY_MS } from '../time/calendar.ts';
import type { World } from '../world.ts';

export interface CarrierBehaviour {
  /** L8: the chance, per active card and month, of an abnormal suspension. */
  readonly abnormalPerCardMonth: number;
  /** How long after which the carrier lifts an abnormal suspension it set; absent: never by itself. */
  readonly abnormalResolveAfterMs?: number;
  /** Operations reaching this carrier take effect this much later. */
  readonly operationDelayMs: number;
  /** Outages of the network per month (expected), each lasting outageDurationMs. */
  readonly outagesPerMonth: number;
  readonly outageDurationMs: number;
}

export const NO_FAULTS: CarrierBehaviour = {
  abnormalPerCardMonth: 0,
  operationDelayMs: 0,
  outagesPerMonth: 0,
  outageDurationMs: 3_600_000,
};

/** The carriers' faults as timers (sim/snapshot/tasks.ts). */
export type CarrierTask =
  | { readonly kind: 'abnormalSuspend'; readonly card: number; readonly resolveAfterMs?: number }
  | { readonly kind: 'abnormalLift'; readonly card: number }
  | { readonly kind: 'outageStart'; readonly carrier: NetworkCarrier; readonly durationMs: number };

export class Carriers {
  private readonly behaviour = new Map<Carrier, CarrierBehaviour>();

  constructor(private readonly world: World) {}

  set(carrier: Carrier, behaviour: CarrierBehaviour): void {
    this.behaviour.set(carrier, behaviour);
    this.world.emit('carrier.configured', carrier, {
      abnormalPerCardMonth: behaviour.abnormalPerCardMonth,
      operationDelayMs: behaviour.operationDelayMs,
      outagesPerMonth: behaviour.outagesPerMonth,
    });
  }

  /** Each carrier's configured behaviour (for snapshots; behaviours are immutable). */
  save(): [Carrier, CarrierBehaviour][] {
    return [...this.behaviour];
  }

  restore(saved: readonly (readonly [Carrier, CarrierBehaviour])[]): void {
    this.behaviour.clear();
    for (const [carrier, behaviour] of saved) this.behaviour.set(carrier, behaviour);
    this.byCarrier.clear();
  }

  of(carrier: Carrier): CarrierBehaviour {
    return this.behaviour.get(carrier) ?? NO_FAULTS;
  }

  /** 00:00 each day: each carrier's faults of the day, drawn from its own seeded stream. */
  dayStarted(): void {
    for (const [carrier, behaviour] of this.behaviour) {
      if (behaviour.abnormalPerCardMonth > 0) this.abnormalSuspensions(carrier, behaviour);
      if (behaviour.outagesPerMonth > 0 && carrier !== 'AL')
        this.outages(carrier as NetworkCarrier, behaviour);
    }
  }

  /** The carrier's cards, rebuilt only when cards were bought. */
  private cardsOf(carrier: Carrier): readonly Card[] {
    const cached = this.byCarrier.get(carrier);
    if (cached && cached.seen === this.world.cards.length) return cached.cards;
    const cards = this.world.cards.filter((card) => card.carrier === carrier);
    this.byCarrier.set(carrier, { seen: this.world.cards.length, cards });
    return cards;
  }

  private readonly byCarrier = new Map<Carrier, { seen: number; cards: Card[] }>();

  private abnormalSuspensions(carrier: Carrier, behaviour: CarrierBehaviour): void {
    const stream = this.world.random.stream(`carrier:${carrier}:abnormal`);
    const perDay = behaviour.abnormalPerCardMonth / 30;
    // How many of the carrier's cards fall today, then which: no walk over a million cards a day.
    // The rate is per card and month; a card that is not In use when it falls is left alone.
    const cards = this.cardsOf(carrier);
    const count = stream.poisson(cards.length * perDay);
    for (let n = 0; n < count && cards.length > 0; n++) {
      const card = cards[stream.int(0, cards.length - 1)]!;
      if (card.view.status !== 'In use') continue;
      const at = this.world.now() + stream.int(0, DAY_MS - 1);
      this.world.at(at, {
        kind: 'abnormalSuspend',
        card: card.index,
        ...(behaviour.abnormalResolveAfterMs === undefined
          ? {}
          : { resolveAfterMs: behaviour.abnormalResolveAfterMs }),
      });
    }
  }

  private outages(carrier: NetworkCarrier, behaviour: CarrierBehaviour): void {
    const stream = this.world.random.stream(`carrier:${carrier}:outage`);
    const count = stream.poisson(behaviour.outagesPerMonth / 30);
    for (let n = 0; n < count; n++) {
      const at = this.world.now() + stream.int(0, DAY_MS - 1);
      this.world.at(at, { kind: 'outageStart', carrier, durationMs: behaviour.outageDurationMs });
    }
  }

  runTask(task: CarrierTask): void {
    const now = this.world.now();
    if (task.kind === 'outageStart') {
      this.world.emit('carrier.outage', task.carrier, { until: now + task.durationMs });
      this.world.traffic.outage(task.carrier, now + task.durationMs);
      return;
    }
    const card = this.world.cards[task.card]!;
    if (task.kind === 'abnormalLift') {
      this.world.sendToCard(card, { type: 'SYSTEM_LIFT', at: now, cause: 'abnormal' }, { by: 'carrier' });
      return;
    }
    const refused = this.world.sendToCard(
      card,
      { type: 'SYSTEM_SUSPEND', at: now, cause: 'abnormal' },
      { by: 'carrier' },
    );
    if (refused || task.resolveAfterMs === undefined) return;
    this.world.at(now + task.resolveAfterMs, { kind: 'abnormalLift', card: task.card });
  }
}
