import { describe, expect, it } from 'vitest';
import { RandomStream } from '../random.ts';
import { NETWORK_CARRIERS } from './carrier.ts';
import { IMSI_MNCS, carrierOfImsi, drawImsi, validateImsi } from './imsi.ts';

describe('IMSI', () => {
  it("I3 IMSI is MCC 460, the carrier's MNC and a 10-digit MSIN", () => {
    const stream = new RandomStream('test', 'imsi');
    for (const carrier of NETWORK_CARRIERS) {
      const mncsSeen = new Set<string>();
      for (let i = 0; i < 5000; i++) {
        const imsi = drawImsi(stream, carrier);
        expect(validateImsi(imsi)).toBeNull();
        expect(imsi).toMatch(/^460\d{12}$/);
        expect(carrierOfImsi(imsi)).toBe(carrier);
        mncsSeen.add(imsi.slice(3, 5));
      }
      expect([...mncsSeen].sort()).toEqual([...IMSI_MNCS[carrier]].sort());
    }
  });

  it('I3 validator says what is wrong', () => {
    expect(validateImsi('46000123456789')).toMatch(/has 14 digits; it needs 15/);
    expect(validateImsi('46000-123456789')).toMatch(/characters other than digits/);
    expect(validateImsi(460001234567890)).toMatch(/must be a string .* got number/);
    expect(validateImsi('310001234567890')).toMatch(/must start with MCC 460.*not 310/);
    expect(validateImsi('460081234567890')).toMatch(/MNC 08, which is no carrier's/);
    expect(validateImsi('460111234567890')).toBeNull();
    expect(carrierOfImsi('460111234567890')).toBe('CT');
    expect(carrierOfImsi('460081234567890')).toBeUndefined();
  });
});
