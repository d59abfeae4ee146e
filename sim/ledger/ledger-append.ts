// Checking a charge and appending it to the ledger's columns: every check runs before anything is
// written or interned, so a refused charge leaves no trace. Each distinct voucher spelling and service
// month text is parsed once and then looked up, which keeps a million adds quick.
import { parseVoucher } from '../plans/voucher.ts';
import { LEDGER_REASONS, type LedgerColumns } from './ledger-columns.ts';
import type { LedgerCharge } from './ledger.ts';
import { parseServiceMonth } from './service-month.ts';

export class LedgerError extends Error {
  override name = 'LedgerError';
}

function refuse(c: LedgerColumns, problem: string): never {
  throw new LedgerError(`Ledger line ${c.size + 1}: ${problem}.`);
}

/** The message of a parser's error, without its final full stop, to quote inside ours. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
}

function checkText(c: LedgerColumns, value: unknown, what: string): void {
  if (value !== undefined && (typeof value !== 'string' || value === '')) {
    refuse(c, `${what} must be a non-empty string, got ${JSON.stringify(value)}`);
  }
}

function monthOf(c: LedgerColumns, text: string): number {
  const known = c.monthSpellings.get(text);
  if (known !== undefined) return known;
  let month: number;
  try {
    month = parseServiceMonth(text);
  } catch (error) {
    return refuse(c, messageOf(error));
  }
  c.monthSpellings.set(text, month);
  return month;
}

/** The canonical voucher code of `text` (V2: either spelling), parsed once per spelling. */
function voucherCodeOf(c: LedgerColumns, text: string): string {
  const known = c.voucherSpellings.get(text);
  if (known !== undefined) return known;
  let code: string;
  try {
    code = parseVoucher(text).code;
  } catch (error) {
    return refuse(c, messageOf(error));
  }
  c.voucherSpellings.set(text, code);
  return code;
}

/** Checks `charge` and appends it to `c`; returns its index. Throws LedgerError naming the line. */
export function appendCharge(c: LedgerColumns, charge: LedgerCharge, cardHint = -1): number {
  const { time, amountFen, quantity, detail } = charge;
  if (!Number.isSafeInteger(time))
    refuse(c, `the time must be a sim time in whole milliseconds, got ${time}`);
  if (time < c.lastTime) {
    refuse(c, `charged at ${time}, before the previous line (${c.lastTime}); lines go in time order`);
  }
  if (charge.card === undefined && charge.pool === undefined)
    refuse(c, 'a charge names a card, a pool or both');
  checkText(c, charge.card, 'the card');
  checkText(c, charge.pool, 'the pool');
  checkText(c, charge.voucher ?? null, 'the voucher');
  checkText(c, charge.serialNo, 'the serial number');
  if (detail !== undefined && typeof detail !== 'string') refuse(c, 'the detail must be a string');
  const reason = LEDGER_REASONS.indexOf(charge.reason);
  if (reason === -1) {
    refuse(c, `unknown reason ${JSON.stringify(charge.reason)}; expected ${LEDGER_REASONS.join(', ')}`);
  }
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
    refuse(c, `the amount must be whole, non-negative fen, got ${amountFen}`);
  }
  if (!Number.isSafeInteger(c.totalFen + amountFen)) refuse(c, 'the ledger total would pass 2^53 fen');
  if (quantity !== undefined && (!Number.isSafeInteger(quantity) || quantity < 1)) {
    refuse(c, `a quantity is a positive integer, got ${quantity}`);
  }
  const month = monthOf(c, charge.serviceMonth);
  const voucher = c.vouchers.intern(voucherCodeOf(c, charge.voucher));
  // The caller may know the card's id from an earlier line: an array read instead of a lookup in a
  // table of a million cards (it is checked, so a wrong hint only costs the lookup).
  const card =
    charge.card === undefined
      ? -1
      : c.cards.holds(cardHint, charge.card)
        ? cardHint
        : c.cards.intern(charge.card);
  const pool = charge.pool === undefined ? -1 : c.pools.intern(charge.pool);
  const i = c.append(time, card, pool, voucher, reason, amountFen, month);
  if (charge.serialNo !== undefined) c.serialNo.set(i, charge.serialNo);
  if (quantity !== undefined) c.quantity.set(i, quantity);
  if (detail !== undefined) c.detail.set(i, detail);
  return i;
}

/** The id of a voucher filter's text, -1 when no line has that voucher; throws VoucherError when bad. */
export function findVoucher(c: LedgerColumns, text: string): number {
  return c.vouchers.find(c.voucherSpellings.get(text) ?? parseVoucher(text).code);
}
