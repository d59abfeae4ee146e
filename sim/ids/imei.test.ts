import { describe, expect, it } from 'vitest';
import { RandomStream } from '../random.ts';
import { SAMPLE_TACS, drawImei, validateImei } from './imei.ts';

describe('IMEI', () => {
  it('I4 IMEI is 15 digits with a Luhn check digit', () => {
    const stream = new RandomStream('test', 'imei');
    let onSampleTac = 0;
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      const imei = drawImei(stream);
      expect(validateImei(imei)).toBeNull();
      expect(imei).toMatch(/^\d{15}$/);
      if (SAMPLE_TACS.includes(imei.slice(0, 8))) onSampleTac++;
    }
    // Most devices are on one of the sample models; some are not.
    expect(onSampleTac / draws).toBeGreaterThan(0.7);
    expect(onSampleTac / draws).toBeLessThan(0.8);
  });

  it('I4 known-good IMEI 490154203237518 is valid', () => {
    expect(validateImei('490154203237518')).toBeNull();
  });

  it('I4 validator says what is wrong', () => {
    expect(validateImei('49015420323751')).toMatch(/has 14 digits; it needs 15/);
    expect(validateImei('49015420323751X')).toMatch(/characters other than digits/);
    expect(validateImei(490154203237518)).toMatch(/must be a string .* got number/);
    expect(validateImei('490154203237519')).toMatch(/check digit 9; Luhn gives 8/);
  });
});
