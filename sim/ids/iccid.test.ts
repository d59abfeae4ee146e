import { describe, expect, it } from 'vitest';
import { RandomStream } from '../random.ts';
import { CARRIERS } from './carrier.ts';
import { ICCID_ISSUER_CODES, carrierOfIccid, drawIccid, validateIccid } from './iccid.ts';
import { isLuhnValid } from './luhn.ts';

describe('ICCID', () => {
  it('I1 ICCID has 8986, the issuer code and a Luhn digit', () => {
    const stream = new RandomStream('test', 'iccid');
    for (const carrier of CARRIERS) {
      const issuerCodesSeen = new Set<string>();
      for (let i = 0; i < 5000; i++) {
        const iccid = drawIccid(stream, carrier);
        expect(validateIccid(iccid)).toBeNull();
        expect(iccid).toMatch(/^8986\d{16}$/);
        expect(isLuhnValid(iccid)).toBe(true);
        expect(carrierOfIccid(iccid)).toBe(carrier);
        issuerCodesSeen.add(iccid.slice(4, 6));
      }
      // Every issuer code of the carrier is used, and no other.
      expect([...issuerCodesSeen].sort()).toEqual([...ICCID_ISSUER_CODES[carrier]].sort());
    }
  });

  it('I1 a known-good ICCID is valid and names its carrier', () => {
    expect(validateIccid('89860012345678901238')).toBeNull();
    expect(carrierOfIccid('89860012345678901238')).toBe('CM');
    expect(carrierOfIccid('89861100000000000016')).toBe('CT');
  });

  it('I1 validator says what is wrong', () => {
    expect(validateIccid('8986001234567890123')).toMatch(/has 19 digits; it needs 20/);
    expect(validateIccid('898600123456789012389')).toMatch(/has 21 digits; it needs 20/);
    expect(validateIccid('')).toMatch(/has 0 digits; it needs 20/);
    expect(validateIccid('8986 0012345678901238')).toMatch(/characters other than digits/);
    expect(validateIccid('8986001234567890123F')).toMatch(/characters other than digits/);
    expect(validateIccid(Number('89860012345678901238'))).toMatch(/must be a string .* got number/);
    expect(validateIccid('89850012345678901238')).toMatch(/must start with 8986.*not 8985/);
    expect(validateIccid('89860512345678901238')).toMatch(/issuer code 05, which is no carrier's/);
    expect(validateIccid('89860012345678901237')).toMatch(/check digit 7; Luhn gives 8/);
  });

  it('I1 carrierOfIccid is undefined for an invalid ICCID', () => {
    expect(carrierOfIccid('89860012345678901237')).toBeUndefined();
    expect(carrierOfIccid('8986')).toBeUndefined();
  });
});
