import { describe, expect, it } from 'vitest';
import { isLuhnValid, luhnCheckDigit } from './luhn.ts';

describe('Luhn', () => {
  it('I4 known-good examples: IMEI 490154203237518 and 79927398713', () => {
    expect(luhnCheckDigit('49015420323751')).toBe(8);
    expect(isLuhnValid('490154203237518')).toBe(true);
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(isLuhnValid('79927398713')).toBe(true);
  });

  it('I1 known-good ICCID check digits', () => {
    expect(luhnCheckDigit('8986001234567890123')).toBe(8);
    expect(luhnCheckDigit('8986110000000000001')).toBe(6);
  });

  it('I4 any change of one digit breaks the check', () => {
    const valid = '490154203237518';
    for (let i = 0; i < valid.length; i++) {
      const digit = Number(valid[i]);
      const changed = valid.slice(0, i) + String((digit + 1) % 10) + valid.slice(i + 1);
      expect(isLuhnValid(changed), changed).toBe(false);
    }
  });

  it('I4 rejects non-digits and too-short input', () => {
    expect(isLuhnValid('49015420323751a')).toBe(false);
    expect(isLuhnValid('0')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
    expect(() => luhnCheckDigit('12a4')).toThrow(/other than digits/);
  });
});
