// Smart cards (RULES.md section 5): sub-cards of their own, the main card's derived status.
import { describe, expect, it } from 'vitest';
import { validateIccid, validateImsi, validateMsisdn, carrierOfMsisdn } from '../ids/index.ts';
import { Harness } from '../testing/harness.ts';

describe('smart cards', () => {
  it('M1 a smart card has one sub-card per network carrier, each with its own MSISDN, IMSI and machine', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('AL_SC_M_1_1G');
    expect(card.carrier).toBe('AL');
    expect(card.msisdn).toBeNull(); // I2: no MSISDN of its own
    expect(card.iccid.slice(4, 6)).toBe('08');
    expect(card.subCards.map((s) => s.carrier)).toEqual(['CM', 'CU', 'CT']);
    for (const sub of card.subCards) {
      expect(validateIccid(sub.iccid)).toBeNull();
      expect(validateMsisdn(sub.msisdn)).toBeNull();
      expect(validateImsi(sub.imsi)).toBeNull();
      expect(carrierOfMsisdn(sub.msisdn)).toBe(sub.carrier);
      expect(h.world.findCard(sub.msisdn)).toBe(card);
    }
    expect(new Set(card.subCards.map((s) => s.actor)).size).toBe(3);
  });

  it('M2 sub-cards in different usage statuses make the main card Partially in use (status In use)', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('AL_SC_M_1_1G');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' }, 'user', ['CU']);
    expect(card.view).toMatchObject({
      status: 'In use',
      statusCode: 30,
      specificStatus: 'Partially in use',
      osStatus: 150,
    });
    expect(card.subCards.map((s) => s.view.specificStatus)).toEqual([
      'Silent period',
      'In use',
      'Silent period',
    ]);
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    expect(card.view.specificStatus).toBe('In use');
    h.ok(card, { type: 'SUSPEND' }, 'user', ['CT']);
    expect(card.view.specificStatus).toBe('Partially in use');
    h.ok(card, { type: 'SUSPEND' }, 'user', ['CM', 'CU']);
    expect(card.view).toMatchObject({ status: 'Suspended', specificStatus: 'Manually suspended' });
    h.ok(card, { type: 'SYSTEM_SUSPEND', cause: 'abnormal' }, 'carrier', ['CM']);
    // All suspended, for different causes: the main card shows the most serious (S1 across sub-cards).
    expect(card.view.specificStatus).toBe('Suspended (abnormal)');
  });

  it('M2 a smart card is forcibly activated whole, with one status change of the main card', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('AL_SF_M_1_100M');
    const changes: string[] = [];
    h.world.events$.subscribe(
      (e) =>
        e.type === 'card.status' &&
        e.subject === card.iccid &&
        changes.push(String((e.payload as { to: string }).to)),
    );
    h.at('2026-08-01');
    expect(changes).toEqual(['In use']);
    expect(card.view.activationType).toBe('silence_expire');
  });

  it('M3 traffic uses one sub-card network; operations target the main card or named sub-cards', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('AL_SC_M_1_1G');
    const network = h.world.currentNetwork(card)!;
    h.ok(card, { type: 'TRAFFIC', imei: '490154203237518' }, 'world', [network.carrier]);
    expect(card.subCards.filter((s) => s.view.specificStatus === 'In use').map((s) => s.carrier)).toEqual([
      network.carrier,
    ]);
    expect(card.view.activationType).toBe('first_data_record');
    // A named sub-card by its MSISDN, as the API's OptMsisdns does.
    const other = card.subCards.find((s) => s !== network)!;
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' }, 'user', [other.msisdn]);
    expect(other.view.specificStatus).toBe('In use');
    expect(h.send(card, { type: 'SUSPEND' }, 'user', ['XX'])).toMatchObject({ code: 'InvalidArgument' });
  });
});
