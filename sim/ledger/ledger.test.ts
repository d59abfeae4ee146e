import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../time/calendar.ts';
import type { LedgerColumns } from './ledger-columns.ts';
import { LEDGER_REASONS, Ledger, LedgerError, type LedgerCharge, type LedgerState } from './ledger.ts';
import { serviceMonthOf } from './service-month.ts';

const CARD_A = '89860012345678901234';
const CARD_B = '89860112345678901235';
const at = parseDateTime;

/** A small ledger: two cards on a monthly SC plan for three months, a top-up, an SF overage, a retention. */
function sampleLedger(): Ledger {
  const ledger = new Ledger();
  for (const month of ['2026-01', '2026-02', '2026-03']) {
    for (const card of [CARD_A, CARD_B]) {
      const time = at(`${month}-01`);
      ledger.add({
        time,
        card,
        voucher: 'CM_SC_M_1_30M',
        reason: 'planFee',
        amountFen: 250,
        serviceMonth: month,
      });
    }
  }
  ledger.add({
    time: at('2026-03-10T09:30'),
    card: CARD_A,
    voucher: 'CM-SC-M-1-30M',
    reason: 'addOn',
    amountFen: 800,
    serviceMonth: '2026-03',
    serialNo: '12345678',
    quantity: 2,
    detail: '100M',
  });
  ledger.add({
    time: at('2026-04-01'),
    pool: 'CT_SF_M_1_100M',
    voucher: 'CT_SF_M_1_100M',
    reason: 'overage',
    amountFen: 300,
    serviceMonth: '2026-03',
    quantity: 10,
  });
  ledger.add({
    time: at('2026-04-01'),
    card: CARD_B,
    voucher: 'CM_SC_M_1_30M',
    reason: 'retention',
    amountFen: 100,
    serviceMonth: '2026-04',
  });
  ledger.add({
    time: at('2026-04-01'),
    card: CARD_A,
    pool: 'beika4',
    voucher: 'CU_UP_M_1_beika4',
    reason: 'planFee',
    amountFen: 100,
    serviceMonth: '2026-04',
  });
  return ledger;
}

function total(lines: readonly { amountFen: number }[]): number {
  return lines.reduce((sum, line) => sum + line.amountFen, 0);
}

describe('the ledger', () => {
  it('F1 every charge has time, card or pool, voucher, reason, amount and service month', () => {
    const ledger = new Ledger();
    const line = ledger.add({
      time: at('2026-08-01'),
      card: CARD_A,
      voucher: 'CM_SC_M_1_30M',
      reason: 'planFee',
      amountFen: 250,
      serviceMonth: '2026-08',
    });
    expect(line).toEqual({
      lineNo: 1,
      time: at('2026-08-01'),
      card: CARD_A,
      voucher: 'CM_SC_M_1_30M',
      reason: 'planFee',
      amountFen: 250,
      serviceMonth: '2026-08',
    });
    expect(ledger.line(1)).toEqual(line);
    for (const line of sampleLedger().lines()) {
      expect(Number.isSafeInteger(line.time)).toBe(true);
      expect(line.card !== undefined || line.pool !== undefined).toBe(true);
      expect(line.voucher).toMatch(/^[A-Z]+_[A-Z]+_[MY]_\d+_/);
      expect(LEDGER_REASONS).toContain(line.reason);
      expect(Number.isSafeInteger(line.amountFen)).toBe(true);
      expect(line.serviceMonth).toMatch(/^\d{4}-\d{2}$/);
    }
  });

  it('F1 line numbers increase in the order lines are added', () => {
    expect(
      sampleLedger()
        .lines()
        .map((line) => line.lineNo),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('F1 overage of March billed on April 1 pays for March', () => {
    const ledger = sampleLedger();
    const [overage] = ledger.lines({ reason: 'overage' });
    expect(overage?.serviceMonth).toBe('2026-03');
    expect(serviceMonthOf(overage?.time ?? 0)).toBe('2026-04');
    expect(ledger.lines({ month: '2026-03' }).map((line) => line.reason)).toEqual([
      'planFee',
      'planFee',
      'addOn',
      'overage',
    ]);
    expect(ledger.count({ month: '2026-04' })).toBe(2);
  });

  it('T4 keeps the order serial number, quantity and detail of a top-up', () => {
    const [addOn] = sampleLedger().lines({ reason: 'addOn' });
    expect(addOn).toMatchObject({ serialNo: '12345678', quantity: 2, detail: '100M', card: CARD_A });
  });

  it('V2 a voucher is stored in the seed form and found by either spelling', () => {
    const ledger = sampleLedger();
    expect(ledger.lines({ reason: 'addOn' })[0]?.voucher).toBe('CM_SC_M_1_30M');
    expect(ledger.count({ voucher: 'CM_SC_M_1_30M' })).toBe(8);
    expect(ledger.count({ voucher: 'CM-SC-M-1-30M' })).toBe(8);
    expect(ledger.count({ voucher: 'CT_SC_M_1_30M' })).toBe(0);
  });

  it('filters by reason, month, card, pool, voucher and time range, alone and together', () => {
    const ledger = sampleLedger();
    const all = ledger.lines();
    const cases = [
      { reason: 'planFee' },
      { month: '2026-02' },
      { card: CARD_A },
      { card: CARD_B, month: '2026-03' },
      { pool: 'beika4' },
      { pool: 'CT_SF_M_1_100M', reason: 'overage' },
      { from: at('2026-02-01'), to: at('2026-03-10T09:30') },
      { from: at('2026-03-10T09:30') },
      { card: CARD_A, from: at('2026-02-01'), to: at('2026-04-01') },
      { month: '2026-03', to: at('2026-04-01') },
      { reason: 'planFee', month: '2026-04', card: CARD_A, pool: 'beika4' },
    ] as const;
    for (const filter of cases) {
      const expected = all.filter(
        (line) =>
          (!('reason' in filter) || line.reason === filter.reason) &&
          (!('month' in filter) || line.serviceMonth === filter.month) &&
          (!('card' in filter) || line.card === filter.card) &&
          (!('pool' in filter) || line.pool === filter.pool) &&
          (!('from' in filter) || line.time >= filter.from) &&
          (!('to' in filter) || line.time < filter.to),
      );
      expect(ledger.lines(filter), JSON.stringify(filter)).toEqual(expected);
      expect(ledger.count(filter)).toBe(expected.length);
      expect(ledger.sum(filter)).toBe(total(expected));
    }
    expect(ledger.count({ card: CARD_A })).toBe(5);
    expect(ledger.sum({ from: at('2026-02-01'), to: at('2026-03-10T09:30') })).toBe(1000);
  });

  it('a filter naming a card, pool, month or voucher the ledger never saw matches nothing', () => {
    const ledger = sampleLedger();
    expect(ledger.lines({ card: '89860000000000000000' })).toEqual([]);
    expect(ledger.count({ pool: 'nope' })).toBe(0);
    expect(ledger.sum({ month: '2030-01' })).toBe(0);
    expect(ledger.count({ month: '2030-01', reason: 'planFee' })).toBe(0);
    expect(() => ledger.count({ month: '2026-13' })).toThrow(/Bad service month "2026-13"/);
    expect(() => ledger.count({ voucher: 'CM_XX_M_1_30M' })).toThrow(/unknown plan type/);
  });

  it('F1 sums by reason and by month add up to the total exactly', () => {
    const ledger = sampleLedger();
    expect(ledger.totalFen).toBe(6 * 250 + 800 + 300 + 100 + 100);
    expect(ledger.byReason()).toEqual({
      planFee: 1600,
      addOn: 800,
      renewal: 0,
      overage: 300,
      retention: 100,
    });
    expect([...ledger.byMonth()]).toEqual([
      ['2026-01', 500],
      ['2026-02', 500],
      ['2026-03', 1600],
      ['2026-04', 200],
    ]);
    expect(ledger.sum({ reason: 'planFee', month: '2026-03' })).toBe(500);
    expect(ledger.count({ reason: 'planFee' })).toBe(7);
    expect(ledger.sum()).toBe(ledger.totalFen);
    expect(ledger.checkInvariants()).toEqual([]);
  });

  it('F1 refuses a charge that is not one, saying why', () => {
    const ledger = sampleLedger();
    const good: LedgerCharge = {
      time: at('2026-05-01'),
      card: CARD_A,
      voucher: 'CM_SC_M_1_30M',
      reason: 'planFee',
      amountFen: 250,
      serviceMonth: '2026-05',
    };
    const refusals: [Partial<Record<keyof LedgerCharge, unknown>>, RegExp][] = [
      [{ card: undefined }, /line 11: a charge names a card, a pool or both/],
      [{ reason: 'refund' }, /unknown reason "refund"; expected planFee, addOn, renewal, overage, retention/],
      [{ amountFen: -1 }, /whole, non-negative fen, got -1/],
      [{ amountFen: 2.5 }, /whole, non-negative fen, got 2.5/],
      [{ serviceMonth: '2026-5' }, /Bad service month "2026-5": expected YYYY-MM/],
      [{ voucher: 'CM_SC_M_1' }, /Bad plan voucher "CM_SC_M_1": it has 4 parts/],
      [{ time: at('2026-03-31') }, /before the previous line .*time order/],
      [{ time: 1.5 }, /whole milliseconds/],
      [{ quantity: 0 }, /a quantity is a positive integer/],
      [{ card: '' }, /the card must be a non-empty string/],
      [{ serialNo: '' }, /the serial number must be a non-empty string/],
      [{ amountFen: Number.MAX_SAFE_INTEGER }, /would pass 2\^53/],
    ];
    for (const [change, message] of refusals) {
      expect(() => ledger.add({ ...good, ...change } as LedgerCharge)).toThrow(message);
      expect(() => ledger.add({ ...good, ...change } as LedgerCharge)).toThrow(LedgerError);
    }
    expect(ledger.size).toBe(10);
    expect(ledger.checkInvariants()).toEqual([]);
    expect(ledger.add(good).lineNo).toBe(11);
  });

  it('F2 charges at the same sim time are all kept', () => {
    const ledger = new Ledger();
    const time = at('2026-08-01');
    for (let i = 0; i < 100; i++)
      ledger.add({
        time,
        card: `8986000000000000${String(i).padStart(4, '0')}`,
        voucher: 'CM_SC_M_1_30M',
        reason: 'planFee',
        amountFen: 250,
        serviceMonth: '2026-08',
      });
    // The scenario expectation `ledger: { reason: planFee, month: 2026-08 }, count: 100`.
    expect(ledger.count({ reason: 'planFee', month: '2026-08' })).toBe(100);
    expect(ledger.sum({ reason: 'planFee', month: '2026-08' })).toBe(25_000);
  });

  it('saves to plain JSON and restores the same ledger', () => {
    const ledger = sampleLedger();
    const state: LedgerState = JSON.parse(JSON.stringify(ledger.save()));
    expect(state.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const restored = new Ledger();
    restored.restore(state);
    expect(restored.lines()).toEqual(ledger.lines());
    expect(restored.totalFen).toBe(ledger.totalFen);
    expect([...restored.byMonth()]).toEqual([...ledger.byMonth()]);
    expect(restored.save()).toEqual(state);
    expect(restored.checkInvariants()).toEqual([]);
    // It carries on where it was.
    expect(
      restored.add({
        time: at('2026-05-01'),
        card: CARD_A,
        voucher: 'CM_SC_M_1_30M',
        reason: 'planFee',
        amountFen: 250,
        serviceMonth: '2026-05',
      }).lineNo,
    ).toBe(11);
    expect(new Ledger().save()).toMatchObject({ time: [], cards: [] });
  });

  it('a bad saved state is refused and the ledger is left as it was', () => {
    const ledger = sampleLedger();
    const state = ledger.save();
    const target = sampleLedger();
    target.add({
      time: at('2026-06-01'),
      card: CARD_A,
      voucher: 'CM_SC_M_1_30M',
      reason: 'planFee',
      amountFen: 1,
      serviceMonth: '2026-06',
    });
    const broken: [LedgerState, RegExp][] = [
      [{ ...state, amountFen: state.amountFen.slice(1) }, /column "amountFen" has 9 lines, "time" 10/],
      [{ ...state, card: state.card.map(() => 7) }, /line 1: no card number 7/],
      [
        { ...state, amountFen: state.amountFen.map((fen, i) => (i === 4 ? -fen : fen)) },
        /Ledger line 5: .*non-negative/,
      ],
      [{ ...state, months: ['2026-01', 'soon', '2026-03', '2026-04'] }, /Bad service month "soon"/],
      [{ ...state, reasons: ['refund', ...state.reasons.slice(1)] }, /unknown reason "refund"/],
      [{ ...state, serialNo: [[99, 'x']] }, /line index 99, outside 0-9/],
      [{ ...state, time: [...state.time].reverse() }, /time order/],
    ];
    for (const [bad, message] of broken) {
      expect(() => target.restore(bad)).toThrow(message);
      expect(target.size).toBe(11);
      expect(target.totalFen).toBe(ledger.totalFen + 1);
    }
    expect(() => target.restore({} as LedgerState)).toThrow(/needs an array "reasons"/);
  });

  it('the invariant checker notices totals that drift from the lines', () => {
    const ledger = sampleLedger();
    const columns = (ledger as unknown as { c: LedgerColumns }).c;
    columns.totalFen += 1;
    columns.fenByReason[0]! += 1;
    expect(ledger.checkInvariants()).toEqual([
      `totalFen ${ledger.totalFen} is not the sum of the lines, ${ledger.totalFen - 1}`,
      'the planFee total 1601 is not the sum of its lines, 1600',
    ]);
  });

  it('F1 count, sum and the invariant hold for any sequence of charges', () => {
    const charge = fc.record({
      dt: fc.integer({ min: 0, max: 40 * 86_400_000 }),
      card: fc.option(fc.constantFrom(CARD_A, CARD_B, '89860312345678901236'), { nil: undefined }),
      pool: fc.option(fc.constantFrom('P1', 'P2'), { nil: undefined }),
      voucher: fc.constantFrom('CM_SC_M_1_30M', 'CT-SF-M-2-100M', 'CU_UP_Y_1_P1'),
      reason: fc.constantFrom(...LEDGER_REASONS),
      amountFen: fc.integer({ min: 0, max: 1_000_000 }),
      monthShift: fc.integer({ min: -1, max: 0 }),
    });
    fc.assert(
      fc.property(
        fc.array(charge, { maxLength: 60 }),
        fc.constantFrom(...LEDGER_REASONS),
        (charges, reason) => {
          const ledger = new Ledger();
          let time = at('2026-01-01');
          for (const c of charges) {
            time += c.dt;
            const month = serviceMonthOf(time);
            const serviceMonth = c.monthShift === 0 ? month : serviceMonthOf(time - 31 * 86_400_000);
            ledger.add({
              time,
              ...(c.card === undefined && c.pool === undefined ? { card: CARD_A } : {}),
              ...(c.card === undefined ? {} : { card: c.card }),
              ...(c.pool === undefined ? {} : { pool: c.pool }),
              voucher: c.voucher,
              reason: c.reason,
              amountFen: c.amountFen,
              serviceMonth,
            });
          }
          const lines = ledger.lines();
          expect(ledger.totalFen).toBe(total(lines));
          expect([...ledger.byMonth().values()].reduce((a, b) => a + b, 0)).toBe(ledger.totalFen);
          for (const month of ledger.byMonth().keys()) {
            const expected = lines.filter((line) => line.reason === reason && line.serviceMonth === month);
            expect(ledger.count({ reason, month })).toBe(expected.length);
            expect(ledger.sum({ reason, month })).toBe(total(expected));
            expect(ledger.sum({ month, card: CARD_A })).toBe(
              total(lines.filter((l) => l.serviceMonth === month && l.card === CARD_A)),
            );
          }
          expect(ledger.checkInvariants()).toEqual([]);
          const copy = new Ledger();
          copy.restore(ledger.save());
          expect(copy.lines()).toEqual(lines);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
