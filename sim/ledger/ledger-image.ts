// The ledger as a world snapshot keeps it: each column copied into one typed array, and the string
// tables in id order. Unlike ledger-state.ts (a JSON-able form that re-checks every line, for states
// from outside), an image comes from this ledger and goes back into one, so restoring appends the
// lines straight into new columns: a million lines in a fraction of a second.
import { LedgerColumns } from './ledger-columns.ts';
import type { ChunkedColumn } from './ledger-store.ts';

export interface LedgerImage {
  readonly size: number;
  readonly time: Float64Array;
  readonly card: Int32Array;
  readonly pool: Int32Array;
  readonly voucher: Int32Array;
  readonly reason: Uint8Array;
  readonly amountFen: Float64Array;
  readonly month: Int32Array;
  readonly cards: readonly string[];
  readonly pools: readonly string[];
  readonly vouchers: readonly string[];
  readonly serialNo: readonly (readonly [number, string])[];
  readonly quantity: readonly (readonly [number, number])[];
  readonly detail: readonly (readonly [number, string])[];
  readonly voucherSpellings: readonly (readonly [string, string])[];
  readonly monthSpellings: readonly (readonly [string, number])[];
}

function copy<A extends Float64Array | Int32Array | Uint8Array>(
  column: ChunkedColumn<A>,
  size: number,
  into: A,
): A {
  for (let i = 0; i < size; i++) into[i] = column.get(i);
  return into;
}

export function imageOf(c: LedgerColumns): LedgerImage {
  const n = c.size;
  return {
    size: n,
    time: copy(c.time, n, new Float64Array(n)),
    card: copy(c.card, n, new Int32Array(n)),
    pool: copy(c.pool, n, new Int32Array(n)),
    voucher: copy(c.voucher, n, new Int32Array(n)),
    reason: copy(c.reason, n, new Uint8Array(n)),
    amountFen: copy(c.amountFen, n, new Float64Array(n)),
    month: copy(c.month, n, new Int32Array(n)),
    cards: c.cards.toArray(),
    pools: c.pools.toArray(),
    vouchers: c.vouchers.toArray(),
    serialNo: [...c.serialNo],
    quantity: [...c.quantity],
    detail: [...c.detail],
    voucherSpellings: [...c.voucherSpellings],
    monthSpellings: [...c.monthSpellings],
  };
}

export function columnsFromImage(image: LedgerImage): LedgerColumns {
  const c = new LedgerColumns();
  // Interned in id order, so every id in the columns means what it meant when saved.
  for (const text of image.cards) c.cards.intern(text);
  for (const text of image.pools) c.pools.intern(text);
  for (const text of image.vouchers) c.vouchers.intern(text);
  const { time, card, pool, voucher, reason, amountFen, month } = image;
  for (let i = 0; i < image.size; i++) {
    c.append(time[i]!, card[i]!, pool[i]!, voucher[i]!, reason[i]!, amountFen[i]!, month[i]!);
  }
  for (const [i, value] of image.serialNo) c.serialNo.set(i, value);
  for (const [i, value] of image.quantity) c.quantity.set(i, value);
  for (const [i, value] of image.detail) c.detail.set(i, value);
  for (const [text, code] of image.voucherSpellings) c.voucherSpellings.set(text, code);
  for (const [text, month] of image.monthSpellings) c.monthSpellings.set(text, month);
  return c;
}
