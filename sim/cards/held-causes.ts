// Which suspension causes each card holds on any of its machines (S1), by card index: a compact copy
// the world keeps after every event a card takes, so that the monthly rollover (L9, L10) can find
// the few cards that hold a cause without asking a million actors for their snapshots. The
// machines stay the authority: this copy only says where to look.
import type { Card } from './card.ts';

export class HeldCauses {
  private bits = new Uint8Array(1024);

  /** Causes (a bitmask, status.ts) held by any machine of the card; 0 for a card never seen. */
  of(cardIndex: number): number {
    return this.bits[cardIndex] ?? 0;
  }

  /** Read the card's machines again, after they took an event. */
  note(card: Card): void {
    let causes = 0;
    if (card.subCards.length === 0)
      causes = (card.actor.getSnapshot() as { context: { causes: number } }).context.causes;
    else for (const sub of card.subCards) causes |= sub.actor.getSnapshot().context.causes;
    if (card.index >= this.bits.length) {
      const bits = new Uint8Array(Math.max(card.index + 1, this.bits.length * 2));
      bits.set(this.bits);
      this.bits = bits;
    }
    this.bits[card.index] = causes;
  }
}
