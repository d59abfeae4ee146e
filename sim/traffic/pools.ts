// Pools of shared data (RULES.md P1, P2). A same-tier pool (SF, SFD) is every card of one voucher:
// its month's allowance is the tier times its activated cards, and use beyond it is billed as
// overage, never stopped. A pooled data plan (UP, UPG) has a bought size shared by its cards; when
// it is used up every card of the pool is Suspended (credit control).
import type { Card } from '../cards/card.ts';
import type { StatusView } from '../machines/status-view.ts';
import type { PlanVoucher } from '../plans/voucher.ts';

export interface PoolLevel {
  /** Sim time of the sample (the end of a day, or a change). */
  readonly t: number;
  readonly sizeBytes: number;
  readonly usedBytes: number;
}

export abstract class PoolBase {
  readonly cards: Card[] = [];
  /** Carried this month against the pool. */
  monthUsed = 0;
  /** Samples of the pool's level over sim time, for the viewer and queries. */
  readonly levels: PoolLevel[] = [];

  constructor(readonly id: string) {}

  /** Cards counted as activated (activated, not Deactivated or Canceled), kept as statuses change. */
  activated = 0;

  static counts(view: StatusView): boolean {
    return view.activatedAt !== null && view.status !== 'Deactivated' && view.status !== 'Canceled';
  }

  /** A card of the pool changed status: keep the activated count. */
  noteStatus(before: StatusView, after: StatusView): void {
    this.activated += Number(PoolBase.counts(after)) - Number(PoolBase.counts(before));
  }

  activatedCards(): number {
    return this.activated;
  }

  abstract size(): number;

  remaining(): number {
    return Math.max(0, this.size() - this.monthUsed);
  }

  sample(t: number): void {
    this.levels.push({ t, sizeBytes: this.size(), usedBytes: this.monthUsed });
  }
}

export class SameTierPool extends PoolBase {
  readonly kind = 'sameTier';
  constructor(
    id: string,
    readonly tierBytes: number,
  ) {
    super(id);
  }

  /** P1: tier × activated cards. */
  size(): number {
    return this.tierBytes * this.activatedCards();
  }

  /** P1: what the month used beyond its allowance, billed as overage. */
  overageBytes(): number {
    return Math.max(0, this.monthUsed - this.size());
  }
}

export class DataPool extends PoolBase {
  readonly kind = 'pooled';
  /** The voucher of its first card: the plan type and rate version its fee is priced by. */
  voucher: PlanVoucher | undefined;
  /** P2: set when the pool ran dry this month; its cards are Suspended (credit control). */
  exhausted = false;

  constructor(
    id: string,
    /** The bought size, grown by expansions. */
    public boughtBytes: number,
    /** Decision: each activated card may bring data of its own to the pool (default none). */
    readonly perCardBytes = 0,
  ) {
    super(id);
  }

  size(): number {
    return this.boughtBytes + this.perCardBytes * this.activatedCards();
  }
}

export type Pool = SameTierPool | DataPool;
