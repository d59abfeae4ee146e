// The ledger's storage: one column per field of a line, the string tables, the per-card and per-month
// lists, and running totals. Kept apart from ledger.ts so that a whole storage can be built aside and
// swapped in at once (a failed restore leaves the ledger as it was).
import { ChunkedColumn, IdIndex, StringTable } from './ledger-store.ts';

export const LEDGER_REASONS = ['planFee', 'addOn', 'renewal', 'overage', 'retention'] as const;
/** F1: why a line was charged. `renewal` is a top-up of periods (T2), `addOn` an add-on package (T3),
 * `overage` same-tier pool traffic beyond its allowance (P1), `retention` a Deactivated card's number (F3). */
export type LedgerReason = (typeof LEDGER_REASONS)[number];
export const REASON_COUNT = LEDGER_REASONS.length;

/** The lines of one service month, linked through `nextOfMonth`, and their totals by reason. */
export interface MonthEntry {
  head: number;
  tail: number;
  readonly countByReason: Float64Array;
  readonly fenByReason: Float64Array;
}

export class LedgerColumns {
  size = 0;
  totalFen = 0;
  lastTime = -Infinity;
  readonly time = new ChunkedColumn((n) => new Float64Array(n));
  /** Ids in `cards` / `pools`, -1 for none. */
  readonly card = new ChunkedColumn((n) => new Int32Array(n));
  readonly pool = new ChunkedColumn((n) => new Int32Array(n));
  readonly voucher = new ChunkedColumn((n) => new Int32Array(n));
  /** Index in LEDGER_REASONS. */
  readonly reason = new ChunkedColumn((n) => new Uint8Array(n));
  readonly amountFen = new ChunkedColumn((n) => new Float64Array(n));
  /** Service month index (service-month.ts). */
  readonly month = new ChunkedColumn((n) => new Int32Array(n));
  /** The card's next line, -1 at the end: a card's lines are found without scanning the others. */
  readonly nextOfCard = new ChunkedColumn((n) => new Int32Array(n));
  readonly nextOfMonth = new ChunkedColumn((n) => new Int32Array(n));
  readonly cardHead = new IdIndex();
  readonly cardTail = new IdIndex();
  readonly cards = new StringTable();
  readonly pools = new StringTable();
  /** Canonical (seed form) voucher codes. */
  readonly vouchers = new StringTable();
  // Each text seen so far -> what it parsed to, so each spelling is parsed once (ledger-append.ts).
  readonly voucherSpellings = new Map<string, string>();
  readonly monthSpellings = new Map<string, number>();
  readonly months = new Map<number, MonthEntry>();
  readonly countByReason = new Float64Array(REASON_COUNT);
  readonly fenByReason = new Float64Array(REASON_COUNT);
  // Sparse fields: only top-ups carry them, so a map costs less than a column.
  readonly serialNo = new Map<number, string>();
  readonly quantity = new Map<number, number>();
  readonly detail = new Map<number, string>();

  /** Appends a line whose fields are already checked; returns its index. */
  append(
    time: number,
    card: number,
    pool: number,
    voucher: number,
    reason: number,
    fen: number,
    month: number,
  ): number {
    const i = this.size++;
    this.time.set(i, time);
    this.card.set(i, card);
    this.pool.set(i, pool);
    this.voucher.set(i, voucher);
    this.reason.set(i, reason);
    this.amountFen.set(i, fen);
    this.month.set(i, month);
    this.nextOfCard.set(i, -1);
    this.nextOfMonth.set(i, -1);
    if (card !== -1) {
      const tail = this.cardTail.get(card);
      if (tail === -1) this.cardHead.set(card, i);
      else this.nextOfCard.set(tail, i);
      this.cardTail.set(card, i);
    }
    let entry = this.months.get(month);
    if (entry === undefined) {
      entry = {
        head: i,
        tail: i,
        countByReason: new Float64Array(REASON_COUNT),
        fenByReason: new Float64Array(REASON_COUNT),
      };
      this.months.set(month, entry);
    } else {
      this.nextOfMonth.set(entry.tail, i);
      entry.tail = i;
    }
    entry.countByReason[reason]! += 1;
    entry.fenByReason[reason]! += fen;
    this.countByReason[reason]! += 1;
    this.fenByReason[reason]! += fen;
    this.totalFen += fen;
    this.lastTime = time;
    return i;
  }

  /** The first line index whose time is at or after `t` (lines are in time order). */
  lowerBound(t: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.time.get(mid) < t) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
