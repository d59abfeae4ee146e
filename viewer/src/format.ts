// Numbers and sim times as the console writes them. All calendar display is Beijing time (UTC+8, no
// daylight saving), whatever the browser's own time zone is.

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function beijing(t: number): Date {
  return new Date(t + BEIJING_OFFSET_MS);
}

const two = (n: number) => String(n).padStart(2, '0');

/** `2026-01-24` */
export function simDate(t: number): string {
  const d = beijing(t);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

/** `2026-01-24 12:48` */
export function simDateTime(t: number | null | undefined, seconds = false): string {
  if (t === null || t === undefined) return '—';
  const d = beijing(t);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}${seconds ? `:${two(d.getUTCSeconds())}` : ''}`;
  return `${simDate(t)} ${time}`;
}

export function weekday(t: number): string {
  return WEEKDAYS[beijing(t).getUTCDay()] ?? '';
}

/** The Beijing calendar month of a sim time, `YYYY-MM`. */
export function simMonth(t: number): string {
  const d = beijing(t);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}`;
}

/** Months from `from` to `to` inclusive, `YYYY-MM`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  while ((year < toYear || (year === toYear && month <= toMonth)) && months.length < 600) {
    months.push(`${year}-${two(month)}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The console writes data amounts with two decimals: `130.00MB`. */
export function consoleMB(mb: number): string {
  return `${mb.toFixed(2)}MB`;
}

/** A pool or chart amount: `40,960 MB`, `1.5 GB`. */
export function amountMB(mb: number): string {
  const size = Math.abs(mb);
  if (size >= 10_240) return `${(mb / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} GB`;
  if (size >= 1 || size === 0)
    return `${mb.toLocaleString('en-US', { maximumFractionDigits: size < 10 ? 2 : 1 })} MB`;
  // Below 1 MB (a meter's day): three significant digits, never a misleading 0.
  return `${mb.toLocaleString('en-US', { maximumSignificantDigits: 3 })} MB`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Money in yuan from fen: `¥49,444.00`. */
export function yuan(fen: number): string {
  return `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1_048_576) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

export function shortHash(hash: string): string {
  return hash.slice(0, 8);
}

/** A speed as sim milliseconds per wall second, back to the choice it is (`1d/s`), if it is one. */
export const SPEEDS = [
  ['1h/s', 3_600_000],
  ['6h/s', 6 * 3_600_000],
  ['1d/s', 86_400_000],
  ['1w/s', 7 * 86_400_000],
  ['1mo/s', 30 * 86_400_000],
] as const;

export function speedChoice(msPerSecond: number): string | undefined {
  return SPEEDS.find(([, ms]) => ms === msPerSecond)?.[0];
}

export function speedLabel(msPerSecond: number): string {
  const choice = speedChoice(msPerSecond);
  if (choice) return choice;
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [unit, size] of units)
    if (msPerSecond >= size) return `${+(msPerSecond / size).toFixed(1)}${unit}/s`;
  return `${msPerSecond}ms/s`;
}
