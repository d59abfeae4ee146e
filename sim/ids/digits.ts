// Shared by the identity kinds: fast random digit strings and the first checks of every validator.
import type { RandomStream } from '../random.ts';

// A stream's uniform() has 32 bits, so one draw can give at most 9 digits (10^9 < 2^32) while every
// value stays reachable; 13 digits are built from a 9-digit and a 4-digit part.
const MAX_DIGITS_PER_DRAW = 9;
const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9] as const;

/** `count` uniform decimal digits, leading zeros kept; about 9x fewer draws than digit by digit. */
export function randomDigits(stream: RandomStream, count: number): string {
  let out = '';
  for (let left = count; left > 0; left -= MAX_DIGITS_PER_DRAW) {
    const width = Math.min(left, MAX_DIGITS_PER_DRAW);
    const scale = POWERS_OF_TEN[width]!;
    // Adding the scale then dropping its leading 1 pads with zeros without a loop.
    out += String(scale + stream.int(0, scale - 1)).slice(1);
  }
  return out;
}

/** Quotes a value for a message, cut short so that a huge input cannot flood a log. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** The checks every identity starts with: a string, only digits, the right length. Null when they pass. */
export function checkDigitString(label: string, text: unknown, length: number): string | null {
  if (typeof text !== 'string') {
    // A YAML scenario that forgets the quotes gives a number, which cannot hold 20 digits exactly.
    return `${label} must be a string of ${length} digits (quote it), got ${typeof text}`;
  }
  if (!/^\d*$/.test(text)) return `${label} ${quote(text)} has characters other than digits`;
  if (text.length !== length) return `${label} ${quote(text)} has ${text.length} digits; it needs ${length}`;
  return null;
}
