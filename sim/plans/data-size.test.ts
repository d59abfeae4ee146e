import { describe, expect, it } from 'vitest';
import { DataSizeError, GB, KB, MB, bytesToMB, formatDataSize, parseDataSize } from './data-size.ts';

describe('data sizes', () => {
  it('1 MB is 1,048,576 bytes (rules book intro)', () => {
    expect(MB).toBe(1_048_576);
    expect(KB).toBe(1024);
    expect(GB).toBe(1024 * MB);
  });

  it('V4 parses the tiers the platform writes', () => {
    expect(parseDataSize('30M')).toBe(30 * MB);
    expect(parseDataSize('100M')).toBe(100 * MB);
    expect(parseDataSize('1G')).toBe(GB);
    expect(parseDataSize('12G')).toBe(12 * GB);
    expect(parseDataSize('500K')).toBe(500 * KB);
    expect(parseDataSize('10G')).toBe(10 * GB);
  });

  it('1G is 1024M', () => {
    expect(parseDataSize('1G')).toBe(parseDataSize('1024M'));
    expect(parseDataSize('1M')).toBe(parseDataSize('1024K'));
  });

  it('accepts KB/MB/GB/B suffixes in any case, and the API style 6.00GB', () => {
    expect(parseDataSize('100MB')).toBe(100 * MB);
    expect(parseDataSize('2GB')).toBe(2 * GB);
    expect(parseDataSize('512KB')).toBe(512 * KB);
    expect(parseDataSize('100m')).toBe(100 * MB);
    expect(parseDataSize('1gb')).toBe(GB);
    expect(parseDataSize('1000B')).toBe(1000);
    expect(parseDataSize('6.00GB')).toBe(6 * GB);
    expect(parseDataSize(' 30 M ')).toBe(30 * MB);
  });

  it('accepts decimals only when they make whole bytes', () => {
    expect(parseDataSize('1.5G')).toBe(1536 * MB);
    expect(parseDataSize('0.5K')).toBe(512);
    expect(() => parseDataSize('0.1M')).toThrow(/not a whole number of bytes/);
    expect(() => parseDataSize('1.5B')).toThrow(DataSizeError);
  });

  it('zero is a size', () => {
    expect(parseDataSize('0M')).toBe(0);
    expect(parseDataSize('0KB')).toBe(0);
    expect(formatDataSize(0)).toBe('0M');
  });

  it('refuses negative, empty, unitless and garbage text, naming the input and the accepted forms', () => {
    expect(() => parseDataSize('-1M')).toThrow(
      /Bad data size "-1M": a data size cannot be negative; expected .*30M/,
    );
    expect(() => parseDataSize('')).toThrow(/Bad data size "": it is empty/);
    expect(() => parseDataSize('100')).toThrow(/"100": the unit is missing/);
    expect(() => parseDataSize('lots')).toThrow(/"lots": it is not a data size/);
    expect(() => parseDataSize('1T')).toThrow(DataSizeError);
    expect(() => parseDataSize('1e3M')).toThrow(DataSizeError);
    expect(() => parseDataSize('+1M')).toThrow(DataSizeError);
    expect(() => parseDataSize('.5G')).toThrow(DataSizeError);
    expect(() => parseDataSize('1 0M')).toThrow(DataSizeError);
    expect(() => parseDataSize('99999999999G')).toThrow(/too large/);
  });

  it('DataSizeError keeps the input', () => {
    try {
      parseDataSize('x');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DataSizeError);
      expect((error as DataSizeError).input).toBe('x');
      expect((error as DataSizeError).name).toBe('DataSizeError');
    }
  });

  it('formats to the shortest exact form', () => {
    expect(formatDataSize(GB)).toBe('1G');
    expect(formatDataSize(100 * MB)).toBe('100M');
    expect(formatDataSize(512 * KB)).toBe('512K');
    expect(formatDataSize(1536 * MB)).toBe('1536M');
    expect(formatDataSize(1000)).toBe('1000B');
    expect(formatDataSize(12 * GB)).toBe('12G');
  });

  it('format then parse gives back the bytes', () => {
    for (const bytes of [0, 1, 1023, KB, 3 * KB + 1, MB, 30 * MB, 1536 * MB, GB, 200 * GB]) {
      expect(parseDataSize(formatDataSize(bytes))).toBe(bytes);
    }
  });

  it('formatDataSize refuses fractions and negatives', () => {
    expect(() => formatDataSize(-1)).toThrow(RangeError);
    expect(() => formatDataSize(1.5)).toThrow(RangeError);
    expect(() => formatDataSize(Number.NaN)).toThrow(RangeError);
  });

  it('bytesToMB gives MB as a number', () => {
    expect(bytesToMB(30 * MB)).toBe(30);
    expect(bytesToMB(GB)).toBe(1024);
    expect(bytesToMB(512 * KB)).toBe(0.5);
  });
});
