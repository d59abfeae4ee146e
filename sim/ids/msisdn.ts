// I2: MSISDN = 13 digits in the carrier's IoT number range. A smart card (AL) has none of its
// own (each sub-card has one), so only network carriers get one.
import type { RandomStream } from '../random.ts';
import type { NetworkCarrier } from './carrier.ts';
import { checkDigitString, quote, randomDigits } from './digits.ts';

export const MSISDN_LENGTH = 13;

/** I2: the number range of each network carrier; the rest of the 13 digits is random. */
export const MSISDN_PREFIXES: Readonly<Record<NetworkCarrier, string>> = {
  CM: '1440',
  CU: '10646',
  CT: '10649',
};

const PREFIX_ENTRIES = Object.entries(MSISDN_PREFIXES) as [NetworkCarrier, string][];
const PREFIXES_TEXT = PREFIX_ENTRIES.map(([carrier, prefix]) => `${carrier} ${prefix}`).join(', ');

/** One random MSISDN of the carrier. Not checked for uniqueness: IdentityFactory does that. */
export function drawMsisdn(stream: RandomStream, carrier: NetworkCarrier): string {
  const prefix = MSISDN_PREFIXES[carrier];
  return prefix + randomDigits(stream, MSISDN_LENGTH - prefix.length);
}

/** The carrier whose range holds a valid MSISDN; undefined when it is not valid. */
export function carrierOfMsisdn(msisdn: string): NetworkCarrier | undefined {
  if (checkDigitString('MSISDN', msisdn, MSISDN_LENGTH) !== null) return undefined;
  return PREFIX_ENTRIES.find(([, prefix]) => msisdn.startsWith(prefix))?.[0];
}

/** What is wrong with an MSISDN, or null when it is valid (I2). */
export function validateMsisdn(text: unknown): string | null {
  const basic = checkDigitString('MSISDN', text, MSISDN_LENGTH);
  if (basic !== null || typeof text !== 'string') return basic;
  if (carrierOfMsisdn(text) === undefined) {
    return `MSISDN ${quote(text)} is in no carrier's number range (${PREFIXES_TEXT})`;
  }
  return null;
}
