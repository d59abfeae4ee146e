// Money in the twin is always a whole number of fen (1 yuan = 100 fen), held in a plain number. Integers
// below 2^53 add exactly in floating point, so a ledger's sums never drift the way 0.1 + 0.2 does; yuan
// with decimals appear only at the edges, when a person reads or writes an amount.

export const FEN_PER_YUAN = 100;

export class MoneyError extends Error {
  override name = 'MoneyError';
  readonly input: string;

  constructor(input: string, problem: string) {
    super(`Bad amount ${JSON.stringify(input)}: ${problem}.`);
    this.input = input;
  }
}

/** Whether `value` is a valid amount: a safe integer of fen (negative allowed, as a difference may be). */
export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws a RangeError naming `what` unless `value` is a whole, non-negative, safe number of fen. */
export function assertFen(value: unknown, what: string): asserts value is number {
  if (!isFen(value) || value < 0) {
    throw new RangeError(`${what} must be a whole, non-negative number of fen, got ${String(value)}`);
  }
}

/** `1230` -> `12.30`, `-5` -> `-0.05`: always two decimals, as the platform shows prices. */
export function formatYuan(fen: number): string {
  if (!isFen(fen)) throw new RangeError(`formatYuan(${fen}): need a whole number of fen`);
  const sign = fen < 0 ? '-' : '';
  const magnitude = Math.abs(fen);
  const yuan = Math.floor(magnitude / FEN_PER_YUAN);
  const rest = magnitude % FEN_PER_YUAN;
  return `${sign}${yuan}.${String(rest).padStart(2, '0')}`;
}

// Digits, then at most two decimals: fen is the smallest unit, so `1.234` is refused rather than rounded.
const YUAN_PATTERN = /^(-?)(\d+)(?:\.(\d*))?$/;

/** Fen named by a yuan amount: `'12.3'` -> 1230, `'12'` -> 1200, `'0.05'` -> 5, `'-1.5'` -> -150.
 * A number is read through its shortest decimal text (12.3 -> '12.3'), which is what YAML and JSON give
 * for a price written by hand. Throws MoneyError. */
export function parseYuan(input: string | number): number {
  const text = typeof input === 'number' ? String(input) : input;
  if (typeof input === 'number' && !Number.isFinite(input)) throw new MoneyError(text, 'it is not finite');
  const trimmed = text.trim();
  if (trimmed === '') throw new MoneyError(text, 'it is empty');
  const match = YUAN_PATTERN.exec(trimmed);
  if (match === null) {
    throw new MoneyError(text, 'expected yuan as digits with up to two decimals, e.g. 12, 12.3 or 12.30');
  }
  const [, sign = '', whole = '', decimals = ''] = match;
  if (decimals.length > 2) {
    throw new MoneyError(text, 'more than two decimals; the smallest amount is 0.01 yuan (one fen)');
  }
  const fen = BigInt(whole) * 100n + BigInt(decimals.padEnd(2, '0'));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyError(text, 'it is too large');
  const value = Number(fen);
  return sign === '-' && value !== 0 ? -value : value;
}
