import { describe, expect, it } from 'vitest';
import { MoneyError, assertFen, formatYuan, isFen, parseYuan } from './money.ts';

describe('money in fen', () => {
  it('formats fen as yuan with two decimals', () => {
    expect(formatYuan(1230)).toBe('12.30');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(100)).toBe('1.00');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuan(123_456_789)).toBe('1234567.89');
  });

  it('refuses to format a fraction of a fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
  });

  it('parses yuan into fen exactly', () => {
    expect(parseYuan('12.3')).toBe(1230);
    expect(parseYuan('12.30')).toBe(1230);
    expect(parseYuan('12')).toBe(1200);
    expect(parseYuan('0.05')).toBe(5);
    expect(parseYuan(' 0.1 ')).toBe(10);
    expect(parseYuan('-1.5')).toBe(-150);
    expect(parseYuan('-0')).toBe(0);
    expect(parseYuan(12.3)).toBe(1230);
    expect(parseYuan(0.1)).toBe(10);
  });

  it('parse and format are inverses', () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 1230, 999_999, -7])
      expect(parseYuan(formatYuan(fen))).toBe(fen);
  });

  it('parse errors say what is wrong', () => {
    expect(() => parseYuan('1.234')).toThrow(/more than two decimals.*one fen/);
    expect(() => parseYuan('')).toThrow(/empty/);
    expect(() => parseYuan('12 yuan')).toThrow(/digits with up to two decimals/);
    expect(() => parseYuan('1e3')).toThrow(MoneyError);
    expect(() => parseYuan('.5')).toThrow(MoneyError);
    expect(() => parseYuan(Number.POSITIVE_INFINITY)).toThrow(/not finite/);
    expect(() => parseYuan('99999999999999999')).toThrow(/too large/);
    try {
      parseYuan('abc');
    } catch (error) {
      expect(error).toBeInstanceOf(MoneyError);
      expect((error as MoneyError).input).toBe('abc');
      expect((error as MoneyError).message).toContain('"abc"');
    }
  });

  it('checks amounts', () => {
    expect(isFen(12)).toBe(true);
    expect(isFen(1.2)).toBe(false);
    expect(isFen('12')).toBe(false);
    expect(() => assertFen(-1, 'a price')).toThrow(/a price must be a whole, non-negative number of fen/);
    expect(() => assertFen(3, 'a price')).not.toThrow();
  });
});
