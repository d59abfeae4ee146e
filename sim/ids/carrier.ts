// V1: the four carriers of the platform, their API vendor names and their English names.
// `AL` is the virtual carrier of smart cards; its sub-cards ride on the three network carriers,
// which is why MSISDNs and IMSIs (I2, I3) exist only for a NetworkCarrier.

export type Carrier = 'CM' | 'CU' | 'CT' | 'AL';
export type NetworkCarrier = 'CM' | 'CU' | 'CT';
/** The carrier as the platform's API names it (`Vendor`). */
export type Vendor = 'CMCC' | 'CUCC' | 'CTCC' | 'VNO';

export const CARRIERS: readonly Carrier[] = ['CM', 'CU', 'CT', 'AL'];
export const NETWORK_CARRIERS: readonly NetworkCarrier[] = ['CM', 'CU', 'CT'];
export const VENDORS: readonly Vendor[] = ['CMCC', 'CUCC', 'CTCC', 'VNO'];

const VENDOR_BY_CARRIER: Readonly<Record<Carrier, Vendor>> = {
  CM: 'CMCC',
  CU: 'CUCC',
  CT: 'CTCC',
  AL: 'VNO',
};
const CARRIER_BY_VENDOR: Readonly<Record<Vendor, Carrier>> = {
  CMCC: 'CM',
  CUCC: 'CU',
  CTCC: 'CT',
  VNO: 'AL',
};

/** V1: English names; the seed's "CM: Shift" is a mistranslation of Mobile. */
export const CARRIER_NAMES: Readonly<Record<Carrier, string>> = {
  CM: 'China Mobile',
  CU: 'China Unicom',
  CT: 'China Telecom',
  AL: 'Virtual carrier',
};

export function isCarrier(x: unknown): x is Carrier {
  return typeof x === 'string' && (CARRIERS as readonly string[]).includes(x);
}

export function isNetworkCarrier(x: unknown): x is NetworkCarrier {
  return typeof x === 'string' && (NETWORK_CARRIERS as readonly string[]).includes(x);
}

export function isVendor(x: unknown): x is Vendor {
  return typeof x === 'string' && (VENDORS as readonly string[]).includes(x);
}

export function vendorOfCarrier(carrier: Carrier): Vendor {
  return VENDOR_BY_CARRIER[carrier];
}

export function carrierOfVendor(vendor: Vendor): Carrier {
  return CARRIER_BY_VENDOR[vendor];
}
