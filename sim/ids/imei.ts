// I4: IMEI of a device = 8-digit TAC (type allocation code: the device model) + 6-digit serial
// + a Luhn check digit: 15 digits.
import type { RandomStream } from '../random.ts';
import { checkDigitString, quote, randomDigits } from './digits.ts';
import { isLuhnValid, luhnCheckDigit } from './luhn.ts';

export const IMEI_LENGTH = 15;

/**
 * Made-up TACs standing for a few common IoT module models, so that a world's devices cluster on
 * models as real fleets do. They are not real allocations.
 */
export const SAMPLE_TACS: readonly string[] = [
  '86000101', // meter module
  '86000202', // tracker module
  '86000303', // POS terminal
  '86000404', // camera
  '35000505', // industrial router
  '35000606', // NB-IoT sensor
];

// Share of devices on a sample model; the rest get a random TAC, which keeps the IMEI space large
// (a few TACs alone give only a few million serials).
const SAMPLE_TAC_SHARE = 0.75;
// Reporting bodies that open a random TAC: 35 and 86 are the usual ones for devices sold in China.
const REPORTING_BODIES: readonly string[] = ['35', '86'];

/** One random IMEI. Not checked for uniqueness: IdentityFactory does that. */
export function drawImei(stream: RandomStream): string {
  const tac = stream.bernoulli(SAMPLE_TAC_SHARE)
    ? stream.pick(SAMPLE_TACS)
    : stream.pick(REPORTING_BODIES) + randomDigits(stream, 6);
  const payload = tac + randomDigits(stream, 6);
  return payload + luhnCheckDigit(payload);
}

/** What is wrong with an IMEI, or null when it is valid (I4). Any TAC is accepted. */
export function validateImei(text: unknown): string | null {
  const basic = checkDigitString('IMEI', text, IMEI_LENGTH);
  if (basic !== null || typeof text !== 'string') return basic;
  if (!isLuhnValid(text)) {
    const expected = luhnCheckDigit(text.slice(0, -1));
    return `IMEI ${quote(text)} ends in check digit ${text.slice(-1)}; Luhn gives ${expected}`;
  }
  return null;
}
