// What a card may still use this month, against what it had (C2's "remaining data at most 10/20/30 %",
// the API's MaxRestFlowPercentage, GetCardDetail's PeriodRestFlow).
//
// Decisions:
// - Only a card whose plan is in service has an allowance: activated, and neither Deactivated nor
//   Canceled (the cards a pool counts, P1). A suspended card in service still has one (a card stopped
//   by credit control has 0 % left, which is what the filter is for). Cards in Silent or Test period
//   have none and never match the filter.
// - Single-card plans (SC, SCD): the month's tier plus add-on data (T3). The add-on is used after the
//   tier, so the allowance is tier + add-on used this month + add-on left, and what is left is the
//   tier's rest plus the add-on left.
// - Pool plans: the card shares its pool's month (SF, SFD: tier x activated cards, P1; UP, UPG: the
//   bought size, P2), so every card of a pool has the pool's share left. A pool of size 0 has 0 % left.
// - Live figures, not the console's yesterday (P4): the carrier acts on them, and a `traffic` step is
//   seen at once. Each card is realized up to now first (the engine does that lazily).
import type { Card } from '../cards/card.ts';
import { PoolBase, type Pool } from '../traffic/pools.ts';
import type { World } from '../world.ts';

export type AllowanceKind = 'singleCard' | 'sameTierPool' | 'dataPool';

export interface Allowance {
  readonly kind: AllowanceKind;
  /** The month's data, bytes. */
  readonly allowanceBytes: number;
  readonly usedBytes: number;
  readonly remainingBytes: number;
  /** remaining / allowance, 0 to 1. */
  readonly remainingShare: number;
  /** For pool plans, the pool's ID (a same-tier pool is keyed by its voucher code). */
  readonly pool?: string;
}

const SINGLE_CARD = new Set(['SC', 'SCD']);

export const inService = (card: Card): boolean => PoolBase.counts(card.view);

/**
 * Realizes pools' traffic up to now once per query: a pool's level is the sum of its cards' usage,
 * which the engine books only when each card's sessions are realized.
 */
export class PoolRealizer {
  private readonly done = new Set<Pool>();
  constructor(private readonly world: World) {}

  realize(pool: Pool): Pool {
    if (!this.done.has(pool)) {
      for (const card of pool.cards) this.world.traffic.liveMonthCarried(card);
      this.done.add(pool);
    }
    return pool;
  }
}

/** The card's month allowance, or undefined when its plan is not in service. */
export function allowanceOf(
  world: World,
  card: Card,
  pools: PoolRealizer = new PoolRealizer(world),
): Allowance | undefined {
  if (!inService(card)) return undefined;
  if (SINGLE_CARD.has(card.voucher.planType)) {
    world.traffic.liveMonthCarried(card);
    const usage = world.traffic.usage;
    const tier = card.voucher.tierBytes ?? 0;
    const used = usage.planUsed.get(card.index);
    const addOnLeft = Math.max(0, usage.addOnRemaining.get(card.index));
    const allowance = tier + Math.max(0, used - tier) + addOnLeft;
    const remaining = Math.max(0, tier - used) + addOnLeft;
    return {
      kind: 'singleCard',
      allowanceBytes: allowance,
      usedBytes: used,
      remainingBytes: remaining,
      remainingShare: allowance > 0 ? remaining / allowance : 0,
    };
  }
  const found = world.poolOf(card);
  if (!found) return undefined;
  const pool = pools.realize(found);
  const size = pool.size();
  const remaining = pool.remaining();
  return {
    kind: pool.kind === 'sameTier' ? 'sameTierPool' : 'dataPool',
    allowanceBytes: size,
    usedBytes: pool.monthUsed,
    remainingBytes: remaining,
    remainingShare: size > 0 ? remaining / size : 0,
    pool: pool.id,
  };
}
