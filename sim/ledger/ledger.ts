// The ledger (F1): every charge with its sim time, card or pool, voucher, reason, amount in fen and the
// service month it pays for. Lines are stored as columns (ledger-columns.ts) and become objects only when a
// query returns them: about 41 bytes a line, so a year of a million cards (some twelve million lines) takes
// about 500 MB instead of several GB of small objects.
//
// Decisions:
// - Lines are appended in sim-time order (the world charges as its clock advances); a line dated before the
//   previous one is refused as a bug. Time ranges are then found by binary search.
// - A line names a card, a pool or both (a UP card's function fee names the card and its pool); never
//   neither. Same-tier pools (SF, SFD) have no pool ID, so their overage names the voucher code as pool.
// - Amounts are whole, non-negative fen; there are no refunds in F1, and a negative amount is a bug.
// - `count` and `sum` by reason and month (what a scenario's `ledger` expectation asks) read running
//   totals; a card's lines follow a per-card list; a month's lines a per-month list; the rest scans.
import type { SimTime } from '../time/calendar.ts';
import { LedgerError, appendCharge, findVoucher } from './ledger-append.ts';
import { LEDGER_REASONS, LedgerColumns, type LedgerReason } from './ledger-columns.ts';
import { ledgerProblems } from './ledger-invariants.ts';
import { restoreColumns, saveColumns, type LedgerState } from './ledger-state.ts';
import { columnsFromImage, imageOf, type LedgerImage } from './ledger-image.ts';
import { formatServiceMonth, parseServiceMonth } from './service-month.ts';

export { LEDGER_REASONS, type LedgerReason } from './ledger-columns.ts';
export type { LedgerState } from './ledger-state.ts';
export { LedgerError } from './ledger-append.ts';

/** A charge as the world writes it. */
export interface LedgerCharge {
  readonly time: SimTime;
  /** ICCID. */
  readonly card?: string;
  /** A UP/UPG pool ID, or a same-tier pool's voucher code. */
  readonly pool?: string;
  /** Either spelling (V2); stored and shown in the seed form. */
  readonly voucher: string;
  readonly reason: LedgerReason;
  readonly amountFen: number;
  /** `YYYY-MM`: the month of service the charge pays for (overage of March billed on April 1: `2026-03`;
   * a yearly or multi-month purchase: the first month it pays for). */
  readonly serviceMonth: string;
  /** T4: the top-up order's serial number (the API's SerialNo). */
  readonly serialNo?: string;
  /** Periods renewed, add-on packages bought, MB of overage: what the amount is for, when more than one. */
  readonly quantity?: number;
  readonly detail?: string;
}

export interface LedgerLine extends LedgerCharge {
  /** 1, 2, 3, … in the order lines were added. */
  readonly lineNo: number;
}

export interface LedgerFilter {
  readonly reason?: LedgerReason;
  /** Service month, `YYYY-MM`. */
  readonly month?: string;
  readonly card?: string;
  readonly pool?: string;
  readonly voucher?: string;
  /** Charged at or after. */
  readonly from?: SimTime;
  /** Charged before. */
  readonly to?: SimTime;
}

/** A filter turned into ids; `undefined` matches anything, -1 can match nothing. */
interface Compiled {
  reason: number | undefined;
  month: number | undefined;
  card: number | undefined;
  pool: number | undefined;
  voucher: number | undefined;
  start: number;
  end: number;
}

export class Ledger {
  private c = new LedgerColumns();

  /** Number of lines. */
  get size(): number {
    return this.c.size;
  }

  /** The sum of every line, kept as lines are added. */
  get totalFen(): number {
    return this.c.totalFen;
  }

  add(charge: LedgerCharge): LedgerLine {
    return this.line(this.append(charge));
  }

  /**
   * add() without building the line back as an object: the line number (billing's path). `cardHint`:
   * the card's id from cardId() if the caller kept it, which saves a lookup; checked, never trusted.
   */
  append(charge: LedgerCharge, cardHint = -1): number {
    return appendCharge(this.c, charge, cardHint) + 1;
  }

  /** The id the ledger gives a card (ICCID), -1 before its first line: a hint for append(). */
  cardId(iccid: string): number {
    return this.c.cards.find(iccid);
  }

  /** The line numbered `lineNo` (1-based). */
  line(lineNo: number): LedgerLine {
    const c = this.c;
    if (!Number.isInteger(lineNo) || lineNo < 1 || lineNo > c.size) {
      throw new RangeError(`the ledger has no line ${lineNo} (it has ${c.size})`);
    }
    const i = lineNo - 1;
    const card = c.card.get(i);
    const pool = c.pool.get(i);
    const serialNo = c.serialNo.get(i);
    const quantity = c.quantity.get(i);
    const detail = c.detail.get(i);
    return {
      lineNo,
      time: c.time.get(i),
      ...(card === -1 ? {} : { card: c.cards.text(card) }),
      ...(pool === -1 ? {} : { pool: c.pools.text(pool) }),
      voucher: c.vouchers.text(c.voucher.get(i)),
      reason: LEDGER_REASONS[c.reason.get(i)] ?? 'planFee',
      amountFen: c.amountFen.get(i),
      serviceMonth: formatServiceMonth(c.month.get(i)),
      ...(serialNo === undefined ? {} : { serialNo }),
      ...(quantity === undefined ? {} : { quantity }),
      ...(detail === undefined ? {} : { detail }),
    };
  }

  /** The lines that match every field given, in line order. */
  lines(filter: LedgerFilter = {}): LedgerLine[] {
    const out: LedgerLine[] = [];
    this.forEachMatch(filter, (i) => out.push(this.line(i + 1)));
    return out;
  }

  count(filter: LedgerFilter = {}): number {
    const totals = this.totalsOnly(filter, 'count');
    if (totals !== undefined) return totals;
    let n = 0;
    this.forEachMatch(filter, () => n++);
    return n;
  }

  sum(filter: LedgerFilter = {}): number {
    const totals = this.totalsOnly(filter, 'sum');
    if (totals !== undefined) return totals;
    let fen = 0;
    const amounts = this.c.amountFen;
    this.forEachMatch(filter, (i) => (fen += amounts.get(i)));
    return fen;
  }

  /** Service month (`YYYY-MM`) -> fen, in month order. */
  byMonth(): Map<string, number> {
    const months = [...this.c.months.entries()].sort(([a], [b]) => a - b);
    return new Map(
      months.map(([month, entry]) => [
        formatServiceMonth(month),
        entry.fenByReason.reduce((a, b) => a + b, 0),
      ]),
    );
  }

  byReason(): Record<LedgerReason, number> {
    const fen = this.c.fenByReason;
    return {
      planFee: fen[0] ?? 0,
      addOn: fen[1] ?? 0,
      renewal: fen[2] ?? 0,
      overage: fen[3] ?? 0,
      retention: fen[4] ?? 0,
    };
  }

  /** Broken invariants as sentences (empty when sound): totals equal the sum of the lines, exactly. */
  checkInvariants(): string[] {
    return ledgerProblems(this.c);
  }

  save(): LedgerState {
    return saveColumns(this.c);
  }

  /** The ledger as a world snapshot keeps it (ledger-image.ts): fast both ways, for its own states. */
  image(): LedgerImage {
    return imageOf(this.c);
  }

  restoreImage(image: LedgerImage): void {
    this.c = columnsFromImage(image);
  }

  /** Puts back what save() returned; on a bad state it throws and the ledger is unchanged. */
  restore(state: LedgerState): void {
    this.c = restoreColumns(state, appendCharge);
  }

  private compile(filter: LedgerFilter): Compiled {
    const c = this.c;
    let reason: number | undefined;
    if (filter.reason !== undefined) {
      reason = LEDGER_REASONS.indexOf(filter.reason);
      if (reason === -1) throw new LedgerError(`Unknown ledger reason ${JSON.stringify(filter.reason)}.`);
    }
    return {
      reason,
      month: filter.month === undefined ? undefined : parseServiceMonth(filter.month),
      card: filter.card === undefined ? undefined : c.cards.find(filter.card),
      pool: filter.pool === undefined ? undefined : c.pools.find(filter.pool),
      voucher: filter.voucher === undefined ? undefined : findVoucher(c, filter.voucher),
      start: filter.from === undefined ? 0 : c.lowerBound(filter.from),
      end: filter.to === undefined ? c.size : c.lowerBound(filter.to),
    };
  }

  /** count or sum from the running totals when the filter asks only for a reason and/or a month. */
  private totalsOnly(filter: LedgerFilter, what: 'count' | 'sum'): number | undefined {
    const keys = Object.keys(filter).filter((key) => filter[key as keyof LedgerFilter] !== undefined);
    if (keys.some((key) => key !== 'reason' && key !== 'month')) return undefined;
    const f = this.compile(filter);
    const entry = f.month === undefined ? this.c : this.c.months.get(f.month);
    if (entry === undefined) return 0;
    const values = what === 'count' ? entry.countByReason : entry.fenByReason;
    return f.reason === undefined ? values.reduce((a, b) => a + b, 0) : (values[f.reason] ?? 0);
  }

  private forEachMatch(filter: LedgerFilter, visit: (i: number) => void): void {
    const c = this.c;
    const f = this.compile(filter);
    if (f.card === -1 || f.pool === -1 || f.voucher === -1) return; // Names no line ever had.
    const matches = (i: number): boolean =>
      i >= f.start &&
      (f.reason === undefined || c.reason.get(i) === f.reason) &&
      (f.month === undefined || c.month.get(i) === f.month) &&
      (f.card === undefined || c.card.get(i) === f.card) &&
      (f.pool === undefined || c.pool.get(i) === f.pool) &&
      (f.voucher === undefined || c.voucher.get(i) === f.voucher);
    // Lists run in line order, so a walk stops at the end of the time range.
    if (f.card !== undefined) {
      for (let i = c.cardHead.get(f.card); i !== -1 && i < f.end; i = c.nextOfCard.get(i))
        if (matches(i)) visit(i);
    } else if (f.month !== undefined) {
      const entry = c.months.get(f.month);
      for (let i = entry?.head ?? -1; i !== -1 && i < f.end; i = c.nextOfMonth.get(i))
        if (matches(i)) visit(i);
    } else {
      for (let i = f.start; i < f.end; i++) if (matches(i)) visit(i);
    }
  }
}
