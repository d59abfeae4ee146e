// Identifiers the platform's API shows and the twin has no field for, derived from what the twin
// has, so that they are the same on every run of the same scenario and seed and survive a restart.
//
// Decisions:
// - Tag IDs (TagList[].Id, AddTagsToCard TagId): FNV-1a (32 bit) of the tag's text, so a tag keeps
//   its ID for its whole life and nothing has to be stored. Credential instance IDs likewise from the
//   voucher code, as six digits.
// - VsimInstanceId: 100000 + the card's creation index.
// - Purchase orders (AliyunOrderId, ListOrder): one NEW order per purchase, i.e. per group and order
//   date (cards bought into the same group at the same moment are one order). Its ID is `1` and the
//   creation index of its first card + 1 on 14 digits; top-up orders (the ledger's renewal and add-on
//   lines) are `2` and the ledger line number on 14 digits. Both are 15 digits, like `21450******0275`.
import type { Card } from '../cards/card.ts';
import type { World } from '../world.ts';

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export const tagId = (tag: string): number => fnv1a(`tag:${tag}`);

export const credentialInstanceId = (voucherCode: string): string =>
  String(100_000 + (fnv1a(`voucher:${voucherCode}`) % 900_000));

export const vsimInstanceId = (card: Card): number => 100_000 + card.index;

export const newOrderId = (firstCardIndex: number): string =>
  `1${String(firstCardIndex + 1).padStart(14, '0')}`;

export const topUpOrderId = (ledgerLineNo: number): string => `2${String(ledgerLineNo).padStart(14, '0')}`;

interface Batches {
  /** Cards looked at so far (cards are only ever appended to a world). */
  seen: number;
  /** For each card index, the index of the first card of its purchase. */
  readonly first: number[];
  /** First card index -> number of cards in that purchase. */
  readonly size: Map<number, number>;
}

const batches = new WeakMap<World, Batches>();

/** The purchases of a world, brought up to date with the cards bought since the last call. */
export function purchasesOf(world: World): Readonly<Batches> {
  let known = batches.get(world);
  if (!known) {
    known = { seen: 0, first: [], size: new Map() };
    batches.set(world, known);
  }
  for (; known.seen < world.cards.length; known.seen++) {
    const card = world.cards[known.seen]!;
    const previous = card.groupIndex > 0 ? world.groups.get(card.group)?.[card.groupIndex - 1] : undefined;
    const first =
      previous && previous.orderedAt === card.orderedAt
        ? (known.first[previous.index] ?? card.index)
        : card.index;
    known.first[card.index] = first;
    known.size.set(first, (known.size.get(first) ?? 0) + 1);
  }
  return known;
}

/** The NEW order a card was bought in. */
export function purchaseOrderOf(world: World, card: Card): string {
  return newOrderId(purchasesOf(world).first[card.index] ?? card.index);
}
