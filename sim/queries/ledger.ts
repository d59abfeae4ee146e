// GET /api/ledger: charges (F1) filtered by service month, card, pool, reason, voucher and charge
// time, in line order (oldest first), paged, with the sum of every matching line.
//
// Decisions: a card may be named by ICCID or MSISDN (the ledger keeps ICCIDs). A filter on time alone
// pages by line number after a binary search (lines are in time order), so paging the whole ledger of
// a large world stays cheap; any other filter collects its matching lines first, which the ledger does
// through its per-card and per-month lists.
import { TwinError } from '../errors.ts';
import { LedgerError, type LedgerFilter, type LedgerLine } from '../ledger/ledger.ts';
import { ServiceMonthError } from '../ledger/service-month.ts';
import type { World } from '../world.ts';
import { paging, type Page, type PageRequest } from './units.ts';

export type { LedgerFilter, LedgerLine };

export interface LedgerQuery extends PageRequest {
  readonly filter?: LedgerFilter;
}

export interface LedgerPage extends Page<LedgerLine> {
  /** The sum of every matching line, fen. */
  readonly sumFen: number;
}

/** The ledger's own errors (a bad month or reason) become InvalidArgument. */
function asArgumentError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof LedgerError || error instanceof ServiceMonthError)
      throw new TwinError('InvalidArgument', error.message);
    throw error;
  }
}

export function ledgerLines(world: World, query: LedgerQuery = {}): LedgerPage {
  const { page, pageSize, skip } = paging(query);
  const ledger = world.billing.ledger;
  let filter: LedgerFilter = query.filter ?? {};
  if (filter.card !== undefined)
    filter = { ...filter, card: world.findCard(filter.card)?.iccid ?? filter.card };
  const timeOnly = Object.entries(filter).every(
    ([key, value]) => value === undefined || key === 'from' || key === 'to',
  );
  if (timeOnly) {
    const start = filter.from === undefined ? 0 : firstLineAtOrAfter(world, filter.from);
    const end = filter.to === undefined ? ledger.size : firstLineAtOrAfter(world, filter.to);
    const total = Math.max(0, end - start);
    const items: LedgerLine[] = [];
    for (let i = start + skip; i < end && items.length < pageSize; i++) items.push(ledger.line(i + 1));
    return { total, page, pageSize, items, sumFen: asArgumentError(() => ledger.sum(filter)) };
  }
  const lines = asArgumentError(() => ledger.lines(filter));
  return {
    total: lines.length,
    page,
    pageSize,
    items: lines.slice(skip, skip + pageSize),
    sumFen: lines.reduce((sum, line) => sum + line.amountFen, 0),
  };
}

/** Index (0-based) of the first line charged at or after t; the ledger is in time order. */
function firstLineAtOrAfter(world: World, t: number): number {
  const ledger = world.billing.ledger;
  let low = 0;
  let high = ledger.size;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ledger.line(mid + 1).time < t) low = mid + 1;
    else high = mid;
  }
  return low;
}
