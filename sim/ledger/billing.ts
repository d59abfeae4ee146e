// Who pays what, when (RULES.md F1-F3, L4, L11, L13, P1, T2, T3). Decisions where the rules are
// silent:
// - Monthly plans: the months of the periods bought with the card are charged one by one (`planFee`),
//   at activation for the first month and at 00:00 on the 1st for the others (F2). Periods bought
//   later, by a renewal or an automatic renewal, are paid when bought (`renewal`), as a top-up order
//   is; the months they cover are not charged again.
// - Yearly plans: charged at purchase (`planFee`) and at each renewal (`renewal`) (F2).
// - UP/UPG: each card pays the function fee monthly like a monthly plan; the pool pays for its size
//   every month from the month its first card was bought, and an expansion pays for the added size
//   for the month it was bought in (`addOn` on the pool).
// - Same-tier pools: traffic beyond the month's allowance is billed on the 1st for the month before
//   (`overage`, on the pool named by its voucher code) (P1, F1).
// - A Deactivated card pays number retention on each 1st until it is canceled (F3); cancellations due
//   at 00:00 on the 1st complete before the month is billed, which is what L13's 20th buys.
import type { Card } from '../cards/card.ts';
import type { World } from '../world.ts';
import { formatMonth, monthIndex, startOfMonth } from '../time/calendar.ts';
import { formatServiceMonth } from './service-month.ts';
import { Ledger, type LedgerCharge } from './ledger.ts';
import type { LedgerImage } from './ledger-image.ts';
import {
  addOnFeeFen,
  monthlyFeeFen,
  overageFen,
  periodFeeFen,
  poolFeeFen,
  type PriceTableData,
} from './prices.ts';
import { priceTableFor } from './price-overrides.ts';
import { DataPool, SameTierPool } from '../traffic/pools.ts';
import { Int32Column } from '../traffic/columns.ts';
import type { PlanVoucher } from '../plans/voucher.ts';

export interface BillingState {
  readonly ledger: LedgerImage;
  readonly overrides: readonly (readonly [number, unknown])[];
}

const NO_EXTRA: { quantity?: number; serialNo?: string } = Object.freeze({});

export class Billing {
  readonly ledger = new Ledger();
  private readonly tables = new Map<number, PriceTableData>();
  private readonly overrides = new Map<number, unknown>();
  /** Each card's id in the ledger, by card index (-1 before its first charge): append()'s hint. */
  private readonly ledgerCardIds = new Int32Column(1024, -1);

  constructor(private readonly world: World) {}

  /** A scenario's prices for a rate version, over the default table. */
  /** The ledger and the price overrides (for snapshots); price tables are rebuilt from them. */
  save(): BillingState {
    return { ledger: this.ledger.image(), overrides: [...this.overrides] };
  }

  restore(state: BillingState): void {
    this.ledger.restoreImage(state.ledger);
    this.tables.clear();
    this.overrides.clear();
    for (const [rateVersion, overrides] of state.overrides) this.setPriceOverrides(rateVersion, overrides);
  }

  setPriceOverrides(rateVersion: number, overrides: unknown): void {
    this.tables.set(rateVersion, priceTableFor(rateVersion, overrides));
    this.overrides.set(rateVersion, overrides);
  }

  priceTable(rateVersion: number): PriceTableData {
    let table = this.tables.get(rateVersion);
    if (!table) {
      table = priceTableFor(rateVersion);
      this.tables.set(rateVersion, table);
    }
    return table;
  }

  /** Cards bought: yearly plans pay their periods now; a pool's first card starts the pool's fee. */
  onBought(cards: readonly Card[], periods: number): void {
    for (const card of cards) {
      if (card.voucher.billingCycle === 'Y') {
        const fee = periodFeeFen(this.priceTable(card.voucher.rateVersion), card.voucher) * periods;
        this.charge(card, 'planFee', fee, this.world.now(), { quantity: periods });
      }
      const pool = this.world.poolOf(card);
      if (pool instanceof DataPool && pool.voucher === undefined) {
        pool.voucher = card.voucher;
        this.chargePool(pool, pool.size(), 'planFee');
      }
    }
  }

  /** F2: a monthly plan pays its first month at activation (also when forced, L4). */
  onActivated(card: Card): void {
    if (card.voucher.billingCycle !== 'M') return;
    this.charge(card, 'planFee', this.monthlyFee(card.voucher), this.world.now());
  }

  /** T2, L11: periods bought by renewal are paid when bought. */
  onRenewed(card: Card, periods: number, serialNo?: string, firstServed?: number): void {
    const fee = periodFeeFen(this.priceTable(card.voucher.rateVersion), card.voucher) * periods;
    const firstMonth = firstServed ?? this.world.now();
    this.charge(card, 'renewal', fee, firstMonth, { quantity: periods, ...(serialNo ? { serialNo } : {}) });
  }

  /** T3: add-on packages are paid when bought. */
  onAddOn(card: Card, tierBytes: number, quantity: number, serialNo?: string): void {
    const fee = addOnFeeFen(
      this.priceTable(card.voucher.rateVersion),
      card.voucher.planType,
      tierBytes,
      quantity,
    );
    this.charge(card, 'addOn', fee, this.world.now(), { quantity, ...(serialNo ? { serialNo } : {}) });
  }

  /** P2: an expansion pays for its size for the month it is bought in. */
  onPoolExpanded(pool: DataPool, addedBytes: number): void {
    if (pool.voucher) this.chargePool(pool, addedBytes, 'addOn');
  }

  /** 00:00 on the 1st, before counters reset: overage of the month that ended (P1). */
  closeMonth(): void {
    const now = this.world.now();
    const lastMonth = formatServiceMonth(monthIndex(now) - 1);
    for (const pool of this.world.pools.values()) {
      if (!(pool instanceof SameTierPool) || pool.cards.length === 0) continue;
      const over = pool.overageBytes();
      if (over <= 0) continue;
      const voucher = pool.cards[0]!.voucher;
      this.ledger.append({
        time: now,
        pool: pool.id,
        voucher: voucher.code,
        reason: 'overage',
        amountFen: overageFen(this.priceTable(voucher.rateVersion), voucher.planType, over),
        serviceMonth: lastMonth,
        quantity: Math.ceil(over / 1_048_576),
      });
    }
  }

  /** 00:00 on the 1st, after the month's lifecycle: plan fees, pool fees, retention (F2, F3). */
  openMonth(): void {
    const now = this.world.now();
    // monthIndex(activatedAt) < monthIndex(now), without a calendar conversion per card.
    const monthStart = startOfMonth(now);
    // One fee per voucher for the whole pass (prices cannot change during it): a fleet has a few
    // vouchers and many cards, and the price lookup was a sixth of the month's opening.
    const fees = new Map<PlanVoucher, number>();
    // One service month text for the pass, not one made per charge.
    const serviceMonth = formatMonth(now);
    for (const card of this.world.cards) {
      const status = card.view.status;
      if (status === 'Canceled') continue;
      if (status === 'Deactivated') {
        this.charge(
          card,
          'retention',
          this.priceTable(card.voucher.rateVersion).retentionFenPerMonth,
          serviceMonth,
        );
        continue;
      }
      // Monthly months of the periods bought with the card, after the activation month.
      if (
        card.voucher.billingCycle !== 'M' ||
        card.view.activatedAt === null ||
        card.initialServiceEndsAt === null
      )
        continue;
      if (card.view.activatedAt < monthStart && monthStart < card.initialServiceEndsAt) {
        let fee = fees.get(card.voucher);
        if (fee === undefined) fees.set(card.voucher, (fee = this.monthlyFee(card.voucher)));
        this.charge(card, 'planFee', fee, serviceMonth);
      }
    }
    for (const pool of this.world.pools.values()) {
      if (pool instanceof DataPool && pool.voucher) this.chargePool(pool, pool.size(), 'planFee');
    }
  }

  private monthlyFee(voucher: PlanVoucher): number {
    return monthlyFeeFen(this.priceTable(voucher.rateVersion), voucher);
  }

  private chargePool(pool: DataPool, sizeBytes: number, reason: 'planFee' | 'addOn'): void {
    const voucher = pool.voucher!;
    this.ledger.append({
      time: this.world.now(),
      pool: pool.id,
      voucher: voucher.code,
      reason,
      amountFen: poolFeeFen(this.priceTable(voucher.rateVersion), voucher.planType, sizeBytes),
      serviceMonth: formatMonth(this.world.now()),
      detail: `${Math.round(sizeBytes / 1_048_576)} MB`,
    });
  }

  private charge(
    card: Card,
    reason: 'planFee' | 'addOn' | 'renewal' | 'retention',
    amountFen: number,
    /** The service month's time, or its text already made. */
    serviceTime: number | string,
    extra: { quantity?: number; serialNo?: string } = NO_EXTRA,
  ): void {
    const pool = this.world.poolOf(card);
    // Fields set one by one rather than spread in: spread objects each got a hidden class of their
    // own, and reading a million of them made every field access in the ledger megamorphic.
    const charge: { -readonly [Field in keyof LedgerCharge]: LedgerCharge[Field] } = {
      time: this.world.now(),
      card: card.iccid,
      voucher: card.voucher.code,
      reason,
      amountFen,
      serviceMonth: typeof serviceTime === 'string' ? serviceTime : formatMonth(serviceTime),
    };
    if (pool instanceof DataPool) charge.pool = pool.id;
    if (extra.quantity !== undefined) charge.quantity = extra.quantity;
    if (extra.serialNo !== undefined) charge.serialNo = extra.serialNo;
    const hint = this.ledgerCardIds.get(card.index);
    this.ledger.append(charge, hint);
    if (hint < 0) this.ledgerCardIds.set(card.index, this.ledger.cardId(card.iccid));
  }
}
