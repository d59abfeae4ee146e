// What each card's plan says about its traffic, by card index, in typed arrays: the traffic engine's
// daily loops read it for every card every day, and a few numbers in a row are far cheaper to read
// than a set lookup on the plan type and a map lookup for the pool, card by card. A card's plan
// and pool never change, so each card is learned once, the first time the engine meets it.
import type { Card } from '../cards/card.ts';
import type { Pool } from './pools.ts';

/** V6: traffic only to whitelisted destinations (SCD, SFD, UPG). */
export const DIRECTIONAL_PLAN = 1;
/** P3, T3: a single-card plan (SC, SCD): its own tier and add-ons, stopped on exhaustion. */
export const SINGLE_CARD_PLAN = 2;
/** L3: first traffic in the silent period activates the card (a setting of the card, not its plan). */
export const ACTIVATES_ON_FIRST_TRAFFIC = 4;

const DIRECTIONAL = new Set(['SCD', 'SFD', 'UPG']);
const SINGLE_CARD = new Set(['SC', 'SCD']);

export class CardPlans {
  /** Cards learned so far: cards are only ever appended to the world. */
  private learned = 0;
  /** DIRECTIONAL_PLAN | SINGLE_CARD_PLAN | ACTIVATES_ON_FIRST_TRAFFIC, by card index. */
  flags = new Uint8Array(1024);
  /** The plan's tier (0 for none), bytes. */
  tierBytes = new Float64Array(1024);
  /** The pool the card draws on, if its plan is a pool plan. */
  readonly pools: (Pool | undefined)[] = [];

  /** Learn every card not learned yet; the arrays may be new ones afterwards. */
  learn(cards: readonly Card[], poolOf: (card: Card) => Pool | undefined): void {
    if (this.learned >= cards.length) return;
    if (cards.length > this.flags.length) this.grow(cards.length);
    for (let i = this.learned; i < cards.length; i++) {
      const card = cards[i]!;
      const planType = card.voucher.planType;
      this.flags[i] =
        (DIRECTIONAL.has(planType) ? DIRECTIONAL_PLAN : 0) |
        (SINGLE_CARD.has(planType) ? SINGLE_CARD_PLAN : 0) |
        (card.activateOnFirstTraffic ? ACTIVATES_ON_FIRST_TRAFFIC : 0);
      this.tierBytes[i] = card.voucher.tierBytes ?? 0;
      this.pools[i] = poolOf(card);
    }
    this.learned = cards.length;
  }

  private grow(size: number): void {
    const capacity = Math.max(size, this.flags.length * 2);
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
    const tierBytes = new Float64Array(capacity);
    tierBytes.set(this.tierBytes);
    this.tierBytes = tierBytes;
  }
}
