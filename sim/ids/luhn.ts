// The Luhn (mod 10) check digit closing ICCIDs (I1) and IMEIs (I4).
// Written over char codes, not by splitting strings, because the factory computes one per draw
// and must keep up with a million draws in seconds.

const ZERO = 48;

/** The digit to append to `digits` so that the whole passes Luhn. Throws on anything but digits. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // The rightmost payload digit sits next to the check digit, so it is the first one doubled.
  let double = true;
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) throw new RangeError(`luhnCheckDigit: "${digits}" has characters other than digits`);
    if (double) sum += d < 5 ? d * 2 : d * 2 - 9;
    else sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `full` is at least two digits and its last digit is the Luhn check digit of the rest. */
export function isLuhnValid(full: string): boolean {
  if (!/^\d{2,}$/.test(full)) return false;
  return luhnCheckDigit(full.slice(0, -1)) === full.charCodeAt(full.length - 1) - ZERO;
}
