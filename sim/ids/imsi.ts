// I3: IMSI = MCC 460 (China) + the carrier's 2-digit MNC + a 10-digit MSIN: 15 digits.
// Only network carriers have one; a smart card's sub-cards each have their own.
import type { RandomStream } from '../random.ts';
import type { NetworkCarrier } from './carrier.ts';
import { checkDigitString, quote, randomDigits } from './digits.ts';

export const IMSI_LENGTH = 15;
export const IMSI_MCC = '460';

/** I3: mobile network codes by carrier. */
export const IMSI_MNCS: Readonly<Record<NetworkCarrier, readonly string[]>> = {
  CM: ['00', '02', '04', '07'],
  CU: ['01', '06', '09'],
  CT: ['03', '11'],
};

const CARRIER_BY_MNC = new Map<string, NetworkCarrier>(
  Object.entries(IMSI_MNCS).flatMap(([carrier, mncs]) =>
    mncs.map((mnc) => [mnc, carrier as NetworkCarrier] as const),
  ),
);

const MNCS_TEXT = Object.entries(IMSI_MNCS)
  .map(([carrier, mncs]) => `${carrier} ${mncs.join('/')}`)
  .join(', ');

/** One random IMSI of the carrier. Not checked for uniqueness: IdentityFactory does that. */
export function drawImsi(stream: RandomStream, carrier: NetworkCarrier): string {
  return IMSI_MCC + stream.pick(IMSI_MNCS[carrier]) + randomDigits(stream, 10);
}

/** What is wrong with an IMSI, or null when it is valid (I3). */
export function validateImsi(text: unknown): string | null {
  const basic = checkDigitString('IMSI', text, IMSI_LENGTH);
  if (basic !== null || typeof text !== 'string') return basic;
  if (!text.startsWith(IMSI_MCC)) {
    return `IMSI ${quote(text)} must start with MCC ${IMSI_MCC} (China), not ${text.slice(0, 3)}`;
  }
  const mnc = text.slice(3, 5);
  if (!CARRIER_BY_MNC.has(mnc))
    return `IMSI ${quote(text)} has MNC ${mnc}, which is no carrier's (${MNCS_TEXT})`;
  return null;
}

/** The carrier named by a valid IMSI's MNC; undefined when the IMSI is not valid. */
export function carrierOfImsi(imsi: string): NetworkCarrier | undefined {
  if (validateImsi(imsi) !== null) return undefined;
  return CARRIER_BY_MNC.get(imsi.slice(3, 5));
}
