// Money as the world charges it (RULES.md F1-F3, with L4, L11, L13).
import { describe, expect, it } from 'vitest';
import { Harness } from '../testing/harness.ts';
import { cancellationCompletesAt } from '../time/rule-dates.ts';
import { monthlyFeeFen, yearlyFeeFen } from './prices.ts';
import { parseVoucher } from '../plans/voucher.ts';
import { defaultPriceTable } from './price-overrides.ts';

const table = defaultPriceTable(1);
const fee = (code: string) => monthlyFeeFen(table, parseVoucher(code));

describe('billing', () => {
  it('F1 every charge has its sim time, card, voucher, reason, amount and service month', () => {
    const h = new Harness('2026-01-10');
    const card = h.one('CM_SC_M_1_100M');
    h.at('2026-01-12T09:30');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    const [line] = h.world.billing.ledger.lines();
    expect(line).toMatchObject({
      time: h.world.now(),
      card: card.iccid,
      voucher: 'CM_SC_M_1_100M',
      reason: 'planFee',
      amountFen: fee('CM_SC_M_1_100M'),
      serviceMonth: '2026-01',
    });
    expect(h.world.billing.ledger.checkInvariants()).toEqual([]);
  });

  it('F2 L4 monthly plans pay at activation and at 00:00 on each 1st; a forcibly activated card pays too', () => {
    const h = new Harness('2026-01-15');
    const cards = h.buy('CT_SC_M_1_30M', { count: 100, periods: 12 });
    h.at('2026-07-31T23:59');
    expect(h.world.billing.ledger.count()).toBe(0);
    h.at('2026-08-01');
    expect(h.world.billing.ledger.count({ reason: 'planFee', month: '2026-08' })).toBe(100);
    h.at('2026-09-01');
    expect(h.world.billing.ledger.count({ reason: 'planFee', month: '2026-09' })).toBe(100);
    expect(h.world.billing.ledger.sum({ month: '2026-09' })).toBe(100 * fee('CT_SC_M_1_30M'));
    expect(cards.every((c) => c.view.activationType === 'silence_expire')).toBe(true);
  });

  it('F2 yearly plans pay at purchase and at renewal', () => {
    const h = new Harness('2026-01-01');
    const card = h.one('CU_SC_Y_1_1G', { periods: 1, autoRenew: true });
    expect(h.world.billing.ledger.lines()).toMatchObject([
      { reason: 'planFee', amountFen: yearlyFeeFen(table, card.voucher) },
    ]);
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2027-01-01');
    expect(h.world.billing.ledger.lines({ reason: 'renewal' })).toMatchObject([{ serviceMonth: '2027-01' }]);
    expect(card.view.specificStatus).toBe('In use');
  });

  it('L11 F2 an automatic renewal pays for its month instead of a plan fee', () => {
    const h = new Harness('2026-01-01');
    const card = h.one('CM_SC_M_1_100M', { periods: 1, autoRenew: true });
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-03-15');
    const ledger = h.world.billing.ledger;
    expect(ledger.lines().map((l) => [l.reason, l.serviceMonth])).toEqual([
      ['planFee', '2026-01'],
      ['renewal', '2026-02'],
      ['renewal', '2026-03'],
    ]);
  });

  it('F3 L13 a Deactivated card pays retention until canceled; a request before the 20th avoids the next month', () => {
    const h = new Harness('2026-01-01');
    const [early, late] = h.buy('CM_SC_M_1_100M', { count: 2, periods: 1 });
    for (const card of [early!, late!]) h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-02-01');
    const retention = (card: typeof early) =>
      h.world.billing.ledger.lines({ reason: 'retention', card: card!.iccid }).map((l) => l.serviceMonth);
    expect(retention(early)).toEqual(['2026-02']);
    h.at('2026-02-19T12:00');
    h.ok(early!, { type: 'REQUEST_CANCELLATION', completesAt: cancellationCompletesAt(h.world.now()) });
    h.at('2026-02-20T12:00');
    h.ok(late!, { type: 'REQUEST_CANCELLATION', completesAt: cancellationCompletesAt(h.world.now()) });
    h.at('2026-05-01');
    expect(retention(early)).toEqual(['2026-02']);
    expect(retention(late)).toEqual(['2026-02', '2026-03']);
    expect(early!.view.status).toBe('Canceled');
    expect(h.whenBecame(late!, 'Canceled')).toBe('2026-04-01T00:00:00+08:00');
  });

  it('F1 the ledger total equals the sum of its lines over a busy year', () => {
    const h = new Harness('2026-01-01');
    h.world.addPool('P1', 2 * 1024 * 1_048_576);
    for (const code of [
      'CM_SC_M_1_100M',
      'CU_SF_M_1_100M',
      'CT_UP_M_1_P1',
      'AL_SC_M_1_1G',
      'CM_SCD_Y_1_1G',
    ]) {
      for (const card of h.buy(code, { count: 5, periods: 3, autoRenew: code.startsWith('CU') }))
        h.device(card, 'camera');
    }
    h.at('2027-01-01');
    const ledger = h.world.billing.ledger;
    expect(ledger.checkInvariants()).toEqual([]);
    expect(ledger.lines().reduce((sum, l) => sum + l.amountFen, 0)).toBe(ledger.totalFen);
    expect(new Set(ledger.lines().map((l) => l.reason))).toEqual(
      new Set(['planFee', 'renewal', 'overage', 'retention']),
    );
  });
});
