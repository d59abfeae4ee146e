// Data sizes as the platform writes them (`30M`, `100M`, `1G`, `6.00GB`, `0KB`) and as the twin counts them:
// whole bytes. The rules book fixes the binary units: 1 KB = 1,024 bytes, 1 MB = 1,048,576 bytes.
// Sizes are integers of bytes so that sums of traffic never drift; a text that names a fraction of a byte
// is an error rather than something to round.

export const KB = 1024;
export const MB = 1024 * KB;
export const GB = 1024 * MB;

export type DataUnit = 'B' | 'K' | 'M' | 'G';

const BYTES_PER_UNIT: Readonly<Record<DataUnit, number>> = { B: 1, K: KB, M: MB, G: GB };
// Largest first, so that formatting picks the shortest exact form.
const UNITS_LARGEST_FIRST: readonly DataUnit[] = ['G', 'M', 'K', 'B'];

function isDataUnit(text: string): text is DataUnit {
  return Object.hasOwn(BYTES_PER_UNIT, text);
}

const ACCEPTED_FORMS =
  'a number and a unit K, M or G (or KB, MB, GB, B; any case), e.g. 512K, 30M, 100MB, 1G, 1.5G';

export class DataSizeError extends Error {
  override name = 'DataSizeError';
  readonly input: string;

  constructor(input: string, problem: string) {
    super(`Bad data size ${JSON.stringify(input)}: ${problem}; expected ${ACCEPTED_FORMS}.`);
    this.input = input;
  }
}

// Digits, an optional decimal part, optional spaces, a unit. No sign: a size is never negative, and a
// leading `+` or `.5` is more likely a typo than a size.
const SIZE_PATTERN = /^(\d+)(?:\.(\d+))?\s*(B|[KMG]B?)$/i;

/** Bytes named by `text` (`30M`, `100MB`, `1G`, `1.5G`, `512K`, `0KB`). Decimals are allowed only when
 * they name a whole number of bytes (`1.5G` yes, `0.1M` no). Throws DataSizeError. */
export function parseDataSize(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') throw new DataSizeError(text, 'it is empty');
  if (trimmed.startsWith('-')) throw new DataSizeError(text, 'a data size cannot be negative');
  const match = SIZE_PATTERN.exec(trimmed);
  if (match === null) {
    const problem = /^\d+(\.\d+)?$/.test(trimmed) ? 'the unit is missing' : 'it is not a data size';
    throw new DataSizeError(text, problem);
  }
  const [, whole = '', fraction = '', unitText = ''] = match;
  const unit = unitText.toUpperCase().charAt(0);
  if (!isDataUnit(unit)) throw new DataSizeError(text, 'the unit is unknown'); // The pattern rules this out.
  const unitBytes = BYTES_PER_UNIT[unit];
  // Exact arithmetic: 1.5G = 15 * GB / 10, done in BigInt so no float rounding can hide a fraction.
  const scaled = BigInt(whole + fraction) * BigInt(unitBytes);
  const divisor = 10n ** BigInt(fraction.length);
  if (scaled % divisor !== 0n) throw new DataSizeError(text, 'it is not a whole number of bytes');
  const bytes = scaled / divisor;
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) throw new DataSizeError(text, 'it is too large');
  return Number(bytes);
}

/** The shortest exact form of `bytes`: `1G`, `100M`, `512K`, or `1000B` when not a whole number of K.
 * Zero is written `0M` (MB is the platform's everyday unit). Throws RangeError for anything but a
 * non-negative safe integer. */
export function formatDataSize(bytes: number): string {
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw new RangeError(`formatDataSize(${bytes}): need a whole, non-negative number of bytes`);
  }
  if (bytes === 0) return '0M';
  for (const unit of UNITS_LARGEST_FIRST) {
    const size = BYTES_PER_UNIT[unit];
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes}B`; // Unreachable: every integer is a whole number of B.
}

/** `bytes` in MB as a plain number (may have a fraction): for display and for MB-valued API fields. */
export function bytesToMB(bytes: number): number {
  return bytes / MB;
}
