// The card list (C1, C2): every card of the account, or of one plan voucher, filtered and paged.
// Cards are listed in creation order, which is the order the world keeps them in, so a page needs
// no sorting: one pass counts the matches and builds rows only for the page asked for.
import type { Card } from '../cards/card.ts';
import { TwinError } from '../errors.ts';
import { tryParseVoucher, type PlanVoucher } from '../plans/voucher.ts';
import type { CardFilter } from '../scenario/types-operations.ts';
import type { World } from '../world.ts';
import { compileFilter } from './cardFilter.ts';
import { cardRow, type CardRow } from './cardRow.ts';
import { paging, type Page, type PageRequest } from './units.ts';

export interface CardListRequest extends PageRequest {
  readonly filter?: CardFilter;
  /** The voucher view (C1): only this voucher's cards. Either spelling (V2). */
  readonly voucher?: string | PlanVoucher;
}

export type CardList = Page<CardRow>;

/** A voucher as a request names it; InvalidArgument when it does not parse. */
export function voucherOf(voucher: string | PlanVoucher): PlanVoucher {
  if (typeof voucher !== 'string') return voucher;
  const parsed = tryParseVoucher(voucher);
  if (!parsed.ok) throw new TwinError('InvalidArgument', parsed.message);
  return parsed.voucher;
}

/**
 * Visits every card that passes the filter (and the voucher, if given), in creation order, and
 * returns how many did. The visitor gets each match's position among the matches.
 */
export function forEachMatch(
  world: World,
  request: Pick<CardListRequest, 'filter' | 'voucher'>,
  visit: (card: Card, position: number) => void,
): number {
  const compiled = compileFilter(world, request.filter ?? {});
  const voucher = request.voucher === undefined ? undefined : voucherOf(request.voucher).code;
  let matches = 0;
  for (const card of compiled.candidates) {
    if (voucher !== undefined && card.voucher.code !== voucher) continue;
    if (!compiled.test(card)) continue;
    visit(card, matches);
    matches++;
  }
  return matches;
}

/** The indexes (card.index) of the matching cards, in creation order: what an export walks. */
export function matchingCardIndexes(
  world: World,
  request: Pick<CardListRequest, 'filter' | 'voucher'>,
): Int32Array {
  const indexes: number[] = [];
  forEachMatch(world, request, (card) => indexes.push(card.index));
  return Int32Array.from(indexes);
}

/** GET /api/cards: `{ total, page, pageSize, items }`. */
export function listCards(world: World, request: CardListRequest = {}): CardList {
  const { page, pageSize, skip } = paging(request);
  const items: CardRow[] = [];
  const total = forEachMatch(world, request, (card, position) => {
    if (position >= skip && items.length < pageSize) items.push(cardRow(world, card));
  });
  return { total, page, pageSize, items };
}
