// A year of a large fleet: the ledger must take a million lines and answer month totals without
// materializing them. No timing assertion (machines differ); the test only has to stay quick.
import { describe, expect, it } from 'vitest';
import { monthStartFromIndex } from '../time/calendar.ts';
import { Ledger } from './ledger.ts';
import { formatServiceMonth, parseServiceMonth } from './service-month.ts';

const CARDS = 100_000;
const MONTHS = 10;

function iccid(n: number): string {
  return `898600${String(n).padStart(14, '0')}`;
}

describe('the ledger at scale', () => {
  it('F1 takes 1,000,000 lines and sums them by month exactly', () => {
    const ledger = new Ledger();
    const first = parseServiceMonth('2026-01');
    const cards = Array.from({ length: CARDS }, (_, n) => iccid(n));
    for (let m = 0; m < MONTHS; m++) {
      const time = monthStartFromIndex(first + m);
      const serviceMonth = formatServiceMonth(first + m);
      for (let n = 0; n < CARDS; n++) {
        // Amounts vary by card so that a wrong index would show in the sums.
        const amountFen = 200 + (n % 7);
        ledger.add({
          time,
          card: cards[n] ?? '',
          voucher: 'CM_SC_M_1_30M',
          reason: 'planFee',
          amountFen,
          serviceMonth,
        });
      }
    }
    expect(ledger.size).toBe(CARDS * MONTHS);
    let perMonth = 0;
    for (let n = 0; n < CARDS; n++) perMonth += 200 + (n % 7);
    const byMonth = ledger.byMonth();
    expect(byMonth.size).toBe(MONTHS);
    for (const fen of byMonth.values()) expect(fen).toBe(perMonth);
    expect(ledger.totalFen).toBe(perMonth * MONTHS);
    expect(ledger.sum({ reason: 'planFee', month: '2026-05' })).toBe(perMonth);
    expect(ledger.count({ month: '2026-10' })).toBe(CARDS);
    // A card's lines come from its own list, a month's scan from the month's.
    expect(ledger.lines({ card: iccid(12_345) }).map((line) => line.serviceMonth)).toEqual([
      ...byMonth.keys(),
    ]);
    expect(ledger.sum({ month: '2026-03', voucher: 'CM_SC_M_1_30M' })).toBe(perMonth);
    expect(ledger.checkInvariants()).toEqual([]);
  });
});
