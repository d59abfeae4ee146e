// C8 CSV writing: RFC 4180 quoting, CRLF records, a UTF-8 BOM, byte counts.
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, csvRecord, csvText, parseCsv, utf8Length } from './csv.ts';

describe('C8 CSV', () => {
  it('C8 fields are quoted only when they hold a comma, a quote or a line break; quotes are doubled', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' spaced ')).toBe(' spaced ');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it('C8 records end with CRLF and read back field for field', () => {
    const values = ['89860012345678901234', 'north,pilot', 'roof, "east"\r\nside', '', '卡片', '12.50'];
    const record = csvRecord(values);
    expect(record).toBe('89860012345678901234,"north,pilot","roof, ""east""\r\nside",,卡片,12.50\r\n');
    expect(parseCsv(CSV_BOM + record + record)).toEqual([values, values]);
  });

  it('C8 user text that a spreadsheet would run as a formula is written as text', () => {
    expect(csvText('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('-1')).toBe("'-1");
    expect(csvText('@sum')).toBe("'@sum");
    expect(csvText('north')).toBe('north');
  });

  it('C8 UTF-8 byte counts, BOM and CJK and emoji included', () => {
    for (const text of ['', 'abc', CSV_BOM, 'é', '卡片明细', '📶 signal', 'a\r\nb']) {
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    }
    expect(utf8Length(CSV_BOM)).toBe(3);
  });
});
