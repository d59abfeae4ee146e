import { describe, expect, it } from 'vitest';
import { RandomStream } from '../random.ts';
import { NETWORK_CARRIERS } from './carrier.ts';
import { MSISDN_PREFIXES, carrierOfMsisdn, drawMsisdn, validateMsisdn } from './msisdn.ts';

describe('MSISDN', () => {
  it("I2 MSISDN is 13 digits in the carrier's range", () => {
    const stream = new RandomStream('test', 'msisdn');
    for (const carrier of NETWORK_CARRIERS) {
      for (let i = 0; i < 5000; i++) {
        const msisdn = drawMsisdn(stream, carrier);
        expect(validateMsisdn(msisdn)).toBeNull();
        expect(msisdn).toMatch(/^\d{13}$/);
        expect(msisdn.startsWith(MSISDN_PREFIXES[carrier])).toBe(true);
        expect(carrierOfMsisdn(msisdn)).toBe(carrier);
      }
    }
  });

  it('I2 ranges: CM 1440, CU 10646, CT 10649', () => {
    expect(carrierOfMsisdn('1440123456789')).toBe('CM');
    expect(carrierOfMsisdn('1064612345678')).toBe('CU');
    expect(carrierOfMsisdn('1064912345678')).toBe('CT');
    expect(carrierOfMsisdn('1064812345678')).toBeUndefined();
  });

  it('I2 validator says what is wrong', () => {
    expect(validateMsisdn('144012345678')).toMatch(/has 12 digits; it needs 13/);
    expect(validateMsisdn('14401234567890')).toMatch(/has 14 digits; it needs 13/);
    expect(validateMsisdn('+861440123456')).toMatch(/characters other than digits/);
    expect(validateMsisdn(1440123456789)).toMatch(/must be a string .* got number/);
    expect(validateMsisdn('1390123456789')).toMatch(
      /in no carrier's number range \(CM 1440, CU 10646, CT 10649\)/,
    );
  });
});
