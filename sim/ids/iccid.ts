// I1: ICCID = `8986` (telecom industry 89, China 86) + 2-digit issuer code of the carrier
// + 13 digits + a Luhn check digit: 20 digits in all.
import type { RandomStream } from '../random.ts';
import type { Carrier } from './carrier.ts';
import { checkDigitString, quote, randomDigits } from './digits.ts';
import { isLuhnValid, luhnCheckDigit } from './luhn.ts';

export const ICCID_LENGTH = 20;
export const ICCID_PREFIX = '8986';

/** I1: issuer codes by carrier; AL (virtual) has a range of its own. */
export const ICCID_ISSUER_CODES: Readonly<Record<Carrier, readonly string[]>> = {
  CM: ['00', '02', '04', '07'],
  CU: ['01', '06', '09'],
  CT: ['03', '11'],
  AL: ['08'],
};

const CARRIER_BY_ISSUER_CODE = new Map<string, Carrier>(
  Object.entries(ICCID_ISSUER_CODES).flatMap(([carrier, codes]) =>
    codes.map((code) => [code, carrier as Carrier] as const),
  ),
);

const ISSUER_CODES_TEXT = Object.entries(ICCID_ISSUER_CODES)
  .map(([carrier, codes]) => `${carrier} ${codes.join('/')}`)
  .join(', ');

/** One random ICCID of the carrier. Not checked for uniqueness: IdentityFactory does that. */
export function drawIccid(stream: RandomStream, carrier: Carrier): string {
  const payload = ICCID_PREFIX + stream.pick(ICCID_ISSUER_CODES[carrier]) + randomDigits(stream, 13);
  return payload + luhnCheckDigit(payload);
}

/** What is wrong with an ICCID, or null when it is valid (I1). */
export function validateIccid(text: unknown): string | null {
  const basic = checkDigitString('ICCID', text, ICCID_LENGTH);
  if (basic !== null || typeof text !== 'string') return basic;
  if (!text.startsWith(ICCID_PREFIX)) {
    return `ICCID ${quote(text)} must start with ${ICCID_PREFIX} (a Chinese ICCID), not ${text.slice(0, 4)}`;
  }
  const issuerCode = text.slice(4, 6);
  if (!CARRIER_BY_ISSUER_CODE.has(issuerCode)) {
    return `ICCID ${quote(text)} has issuer code ${issuerCode}, which is no carrier's (${ISSUER_CODES_TEXT})`;
  }
  if (!isLuhnValid(text)) {
    const expected = luhnCheckDigit(text.slice(0, -1));
    return `ICCID ${quote(text)} ends in check digit ${text.slice(-1)}; Luhn gives ${expected}`;
  }
  return null;
}

/** The carrier named by a valid ICCID's issuer code; undefined when the ICCID is not valid. */
export function carrierOfIccid(iccid: string): Carrier | undefined {
  if (validateIccid(iccid) !== null) return undefined;
  return CARRIER_BY_ISSUER_CODE.get(iccid.slice(4, 6));
}
