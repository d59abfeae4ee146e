// The ledger as plain JSON-able data, for snapshots: one array per column, and beside each column of
// names the table its numbers index (cards, pools, vouchers, reasons, months), so the saved form does not
// depend on the ledger's internal encodings. Restoring re-adds every line through the same checks as
// `Ledger.add`, which rebuilds the lists and totals and refuses a state that was edited into nonsense.
import { LEDGER_REASONS, LedgerColumns } from './ledger-columns.ts';
import type { LedgerCharge } from './ledger.ts';
import { formatServiceMonth, parseServiceMonth } from './service-month.ts';

export interface LedgerState {
  readonly reasons: readonly string[];
  /** Service months, `YYYY-MM`. */
  readonly months: readonly string[];
  readonly cards: readonly string[];
  readonly pools: readonly string[];
  readonly vouchers: readonly string[];
  readonly time: readonly number[];
  /** Index in `cards`, -1 for none; likewise `pool`. */
  readonly card: readonly number[];
  readonly pool: readonly number[];
  readonly voucher: readonly number[];
  readonly reason: readonly number[];
  readonly amountFen: readonly number[];
  readonly month: readonly number[];
  /** `[line index, value]` for the lines that have one. */
  readonly serialNo: readonly (readonly [number, string])[];
  readonly quantity: readonly (readonly [number, number])[];
  readonly detail: readonly (readonly [number, string])[];
}

export class LedgerStateError extends Error {
  override name = 'LedgerStateError';
}

export function saveColumns(c: LedgerColumns): LedgerState {
  const monthIndices = [...c.months.keys()].sort((a, b) => a - b);
  const monthPosition = new Map(monthIndices.map((month, position) => [month, position]));
  const month = new Array<number>(c.size);
  for (let i = 0; i < c.size; i++) month[i] = monthPosition.get(c.month.get(i)) ?? -1;
  return {
    reasons: [...LEDGER_REASONS],
    months: monthIndices.map(formatServiceMonth),
    cards: c.cards.toArray(),
    pools: c.pools.toArray(),
    vouchers: c.vouchers.toArray(),
    time: c.time.toArray(c.size),
    card: c.card.toArray(c.size),
    pool: c.pool.toArray(c.size),
    voucher: c.voucher.toArray(c.size),
    reason: c.reason.toArray(c.size),
    amountFen: c.amountFen.toArray(c.size),
    month,
    serialNo: [...c.serialNo],
    quantity: [...c.quantity],
    detail: [...c.detail],
  };
}

const COLUMNS = ['time', 'card', 'pool', 'voucher', 'reason', 'amountFen', 'month'] as const;
const TABLES = ['reasons', 'months', 'cards', 'pools', 'vouchers'] as const;
const SPARSE = ['serialNo', 'quantity', 'detail'] as const;

function entryOf(table: readonly string[], index: number | undefined, what: string, i: number): string {
  const text = index === undefined ? undefined : table[index];
  if (text === undefined)
    throw new LedgerStateError(`Saved ledger line ${i + 1}: no ${what} number ${index}.`);
  return text;
}

/** New columns holding `state`'s lines, each added by `append` (which checks it). */
export function restoreColumns(
  state: LedgerState,
  append: (columns: LedgerColumns, charge: LedgerCharge) => number,
): LedgerColumns {
  if (typeof state !== 'object' || state === null) throw new LedgerStateError('A saved ledger is an object.');
  for (const key of [...TABLES, ...COLUMNS, ...SPARSE]) {
    if (!Array.isArray(state[key])) throw new LedgerStateError(`A saved ledger needs an array "${key}".`);
  }
  const size = state.time.length;
  for (const key of COLUMNS) {
    if (state[key].length !== size) {
      throw new LedgerStateError(
        `Saved ledger column "${key}" has ${state[key].length} lines, "time" ${size}.`,
      );
    }
  }
  for (const month of state.months) parseServiceMonth(month); // Fails early, naming the bad month.
  const extras = new Map<number, { serialNo?: string; quantity?: number; detail?: string }>();
  for (const key of SPARSE) {
    for (const [index, value] of state[key]) {
      if (!Number.isInteger(index) || index < 0 || index >= size) {
        throw new LedgerStateError(`Saved ledger "${key}" names line index ${index}, outside 0-${size - 1}.`);
      }
      extras.set(index, { ...extras.get(index), [key]: value });
    }
  }
  const columns = new LedgerColumns();
  for (let i = 0; i < size; i++) {
    const card = state.card[i];
    const pool = state.pool[i];
    const reason = entryOf(state.reasons, state.reason[i], 'reason', i);
    append(columns, {
      time: state.time[i] ?? NaN,
      ...(card === -1 ? {} : { card: entryOf(state.cards, card, 'card', i) }),
      ...(pool === -1 ? {} : { pool: entryOf(state.pools, pool, 'pool', i) }),
      voucher: entryOf(state.vouchers, state.voucher[i], 'voucher', i),
      // An unknown reason is passed on as it is for append to refuse by name.
      reason: reason as LedgerCharge['reason'],
      amountFen: state.amountFen[i] ?? NaN,
      serviceMonth: entryOf(state.months, state.month[i], 'month', i),
      ...extras.get(i),
    });
  }
  return columns;
}
