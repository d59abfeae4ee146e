import { describe, expect, it } from 'vitest';
import {
  CARRIERS,
  CARRIER_NAMES,
  NETWORK_CARRIERS,
  carrierOfVendor,
  isCarrier,
  isNetworkCarrier,
  isVendor,
  vendorOfCarrier,
} from './carrier.ts';

describe('carriers', () => {
  it('V1 four carriers, three of them networks', () => {
    expect(CARRIERS).toEqual(['CM', 'CU', 'CT', 'AL']);
    expect(NETWORK_CARRIERS).toEqual(['CM', 'CU', 'CT']);
    expect(isCarrier('AL')).toBe(true);
    expect(isCarrier('CMCC')).toBe(false);
    expect(isCarrier(3)).toBe(false);
    expect(isNetworkCarrier('AL')).toBe(false);
    expect(isNetworkCarrier('CT')).toBe(true);
  });

  it('V1 API vendor names both ways', () => {
    expect(CARRIERS.map(vendorOfCarrier)).toEqual(['CMCC', 'CUCC', 'CTCC', 'VNO']);
    for (const carrier of CARRIERS) expect(carrierOfVendor(vendorOfCarrier(carrier))).toBe(carrier);
    expect(isVendor('VNO')).toBe(true);
    expect(isVendor('CM')).toBe(false);
  });

  it('V1 English names, Mobile not Shift', () => {
    expect(CARRIER_NAMES).toEqual({
      CM: 'China Mobile',
      CU: 'China Unicom',
      CT: 'China Telecom',
      AL: 'Virtual carrier',
    });
  });
});
