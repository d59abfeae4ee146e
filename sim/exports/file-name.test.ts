// C8 exported file names: nothing that could name a place outside the exported-files store.
import { describe, expect, it } from 'vitest';
import { time } from '../testing/harness.ts';
import { checkFileName, defaultFileName, exportFileName } from './file-name.ts';

const refused = (name: string, problem: string): void => {
  expect(() => checkFileName(name)).toThrow(expect.objectContaining({ code: 'InvalidFileName' }));
  expect(() => checkFileName(name)).toThrow(problem);
};

describe('C8 file names', () => {
  it('C8 a plain name gets .csv; letters of any script, digits, spaces and - _ . ( ) are allowed', () => {
    expect(checkFileName('march report')).toBe('march report.csv');
    expect(checkFileName('march.csv')).toBe('march.csv');
    expect(checkFileName('MARCH.CSV')).toBe('MARCH.CSV');
    expect(checkFileName('report.v2')).toBe('report.v2.csv');
    expect(checkFileName('卡片明细 (三月)_2026-03')).toBe('卡片明细 (三月)_2026-03.csv');
    expect(checkFileName('Übersicht')).toBe('Übersicht.csv');
    // Composed and decomposed spellings are one name.
    expect(checkFileName('Cafe\u0301')).toBe('Caf\u00e9.csv');
  });

  it('C8 path separators, "..", a leading dot and control characters are refused, naming the problem', () => {
    refused('../x', 'contains a path separator');
    refused('a/b', 'file name "a/b" contains a path separator (/ or \\)');
    refused('a\\b', 'contains a path separator');
    refused('..', 'contains ".."');
    refused('a..b', 'contains ".."');
    refused('.hidden', 'starts with a dot');
    refused('tab\there', 'contains a control character');
    refused('line\nbreak', 'contains a control character');
    refused('nul\u0000', 'contains a control character');
  });

  it('C8 empty, too long, odd characters, edge spaces and device names are refused', () => {
    refused('', 'is empty');
    refused('x'.repeat(101), 'is 101 characters long; at most 100 are allowed');
    expect(checkFileName('x'.repeat(100))).toBe(`${'x'.repeat(100)}.csv`);
    expect(checkFileName('表'.repeat(100))).toHaveLength(104);
    refused('a:b', 'contains ":"; use letters, digits, spaces and - _ . ( ) only');
    refused('a*b', 'contains "*"');
    refused('report?', 'contains "?"');
    refused('%2e%2e', 'contains "%"');
    refused(' lead', 'starts or ends with a space');
    refused('trail ', 'starts or ends with a space');
    refused('dot.', 'ends with a dot');
    refused('CON', 'is a reserved device name');
    refused('nul.csv', 'is a reserved device name');
  });

  it('C8 without a name one is made from the sim time, with a counter when taken', () => {
    const at = time('2026-04-01T09:30:05');
    expect(defaultFileName(at)).toBe('card-details-20260401-093005.csv');
    const taken = new Set(['card-details-20260401-093005.csv', 'card-details-20260401-093005-2.csv']);
    expect(exportFileName(undefined, at, (name) => taken.has(name))).toBe(
      'card-details-20260401-093005-3.csv',
    );
  });

  it('C8 a name the user gave that is taken is refused, not renamed', () => {
    const taken = (name: string): boolean => name === 'march.csv';
    expect(() => exportFileName('march', 0, taken)).toThrow(
      expect.objectContaining({ code: 'InvalidFileName', message: expect.stringContaining('is taken') }),
    );
    expect(exportFileName('april', 0, taken)).toBe('april.csv');
  });
});
