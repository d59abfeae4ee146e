// Lifecycle rules L1-L15 of RULES.md, each with the exact times and statuses the rules give.
import { describe, expect, it } from 'vitest';
import { Harness } from '../testing/harness.ts';
import { cancellationCompletesAt } from '../time/rule-dates.ts';
import { formatDateTime } from '../time/calendar.ts';

const SC = 'CM_SC_M_1_100M';

describe('lifecycle', () => {
  it('L1 a new card starts in Silent period and its records start with the account creation at T0', () => {
    const h = new Harness('2026-01-15');
    const card = h.one(SC);
    expect(card.view.status).toBe('Not in use');
    expect(card.view.specificStatus).toBe('Silent period');
    expect(card.view.statusCode).toBe(20);
    expect(card.view.osStatus).toBe(20);
    expect(card.records[0]).toMatchObject({
      action: 'Account created',
      t: h.world.now(),
      to: 'Silent period',
    });
  });

  it('L2 the test period is on request, makes the card Testable and ends at T0 + 3 months', () => {
    const h = new Harness('2026-01-15');
    const card = h.one(SC);
    h.at('2026-02-01T10:00');
    expect(h.send(card, { type: 'REQUEST_TEST_PERIOD' })).toBeNull();
    expect(card.view).toMatchObject({
      status: 'Testable',
      specificStatus: 'Test period',
      statusCode: 10,
      osStatus: 10,
    });
    h.at('2026-04-14T23:59:59');
    expect(card.view.specificStatus).toBe('Test period');
    h.at('2026-04-15');
    expect(card.view.specificStatus).toBe('Silent period');
    expect(h.whenBecame(card, 'Silent period')).toBe('2026-04-15T00:00:00+08:00');
  });

  it('L2 the test period ends as soon as its data is used up, and is once per card', () => {
    const h = new Harness('2026-01-15');
    const card = h.one(SC);
    h.ok(card, { type: 'REQUEST_TEST_PERIOD' });
    h.at('2026-02-10T08:00');
    h.ok(card, { type: 'TEST_PERIOD_ENDED', reason: 'dataUsedUp' }, 'system');
    expect(card.view.specificStatus).toBe('Silent period');
    expect(h.send(card, { type: 'REQUEST_TEST_PERIOD' })).toMatchObject({ code: 'TestPeriodUnavailable' });
  });

  it('L2 the test period cannot start on or after T0 + 3 months, nor outside Silent period', () => {
    const h = new Harness('2026-01-15');
    const late = h.one(SC);
    const active = h.one(SC);
    h.at('2026-04-15');
    expect(h.send(late, { type: 'REQUEST_TEST_PERIOD' })).toMatchObject({ code: 'TestPeriodUnavailable' });
    h.ok(active, { type: 'ACTIVATE', activationType: 'manage' });
    expect(h.send(active, { type: 'REQUEST_TEST_PERIOD' })).toMatchObject({ code: 'StatusNotAllowed' });
  });

  it('L3 manual activation in the silent or test period makes the card In use with type manage', () => {
    const h = new Harness('2026-01-15');
    const silent = h.one(SC);
    const testing = h.one(SC);
    h.ok(testing, { type: 'REQUEST_TEST_PERIOD' });
    h.at('2026-03-03T09:30');
    h.ok(silent, { type: 'ACTIVATE', activationType: 'manage' });
    h.ok(testing, { type: 'ACTIVATE', activationType: 'manage' });
    for (const card of [silent, testing]) {
      expect(card.view).toMatchObject({
        status: 'In use',
        specificStatus: 'In use',
        statusCode: 30,
        osStatus: 100,
      });
      expect(card.view.activationType).toBe('manage');
      expect(formatDateTime(card.view.activatedAt!)).toBe('2026-03-03T09:30:00+08:00');
    }
  });

  it('L3 first traffic during the silent period activates the card with type first_data_record', () => {
    const h = new Harness('2026-01-15');
    const card = h.one(SC);
    h.at('2026-02-20T14:00');
    h.ok(card, { type: 'TRAFFIC', imei: '490154203237518' }, 'world');
    expect(card.view).toMatchObject({ specificStatus: 'In use', activationType: 'first_data_record' });
  });

  it('L4 ordered 2026-01-15: forced activation at 2026-08-01T00:00+08:00, type silence_expire', () => {
    const h = new Harness('2026-01-15');
    const card = h.one(SC);
    h.at('2026-07-31T23:59:59');
    expect(card.view.specificStatus).toBe('Silent period');
    h.at('2026-08-01');
    expect(card.view).toMatchObject({ specificStatus: 'In use', activationType: 'silence_expire' });
    expect(formatDateTime(card.view.activatedAt!)).toBe('2026-08-01T00:00:00+08:00');
  });

  it('L4 ordered 2026-01-01: forced activation at 2026-07-01T00:00+08:00', () => {
    const h = new Harness('2026-01-01');
    const card = h.one(SC);
    h.at('2026-06-30T23:59');
    expect(card.view.specificStatus).toBe('Silent period');
    h.at('2026-07-01');
    expect(card.view.activationType).toBe('silence_expire');
    expect(formatDateTime(card.view.activatedAt!)).toBe('2026-07-01T00:00:00+08:00');
  });

  it('L4 a card in its test period when the six months end is forced too; an active card is left alone', () => {
    const h = new Harness('2026-01-15');
    const manual = h.one(SC);
    h.at('2026-05-01');
    h.ok(manual, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-08-01');
    expect(manual.view.activationType).toBe('manage');
    expect(formatDateTime(manual.view.activatedAt!)).toBe('2026-05-01T00:00:00+08:00');
  });

  it('L5 activated before identity verification: Suspended (ID verification); verifying resumes at once', () => {
    const h = new Harness('2026-01-15');
    const card = h.one(SC, { idVerification: true });
    h.at('2026-08-01');
    expect(card.view).toMatchObject({
      status: 'Suspended',
      specificStatus: 'Suspended (ID verification)',
      osStatus: 600,
    });
    expect(card.view.activationType).toBe('silence_expire');
    h.at('2026-08-03T11:00');
    h.ok(card, { type: 'VERIFY_IDENTITY' });
    expect(card.view.specificStatus).toBe('In use');
    expect(h.whenBecame(card, 'In use')).toBe('2026-08-03T11:00:00+08:00');
  });

  it('L5 verifying before activation is allowed and leaves nothing to resume', () => {
    const h = new Harness('2026-01-15');
    const card = h.one(SC, { idVerification: true });
    h.ok(card, { type: 'VERIFY_IDENTITY' });
    expect(card.view.specificStatus).toBe('Silent period');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    expect(card.view.specificStatus).toBe('In use');
    expect(h.send(card, { type: 'VERIFY_IDENTITY' })).toMatchObject({ code: 'StatusNotAllowed' });
  });

  it('L6 the card binds to the first device; another IMEI locks it; Resume Use binds the new device', () => {
    const h = new Harness('2026-01-15');
    const card = h.one(SC);
    h.ok(card, { type: 'TRAFFIC', imei: '490154203237518' }, 'world');
    expect(card.actor.getSnapshot().context).toMatchObject({ boundImei: '490154203237518' });
    h.at('2026-03-01');
    h.ok(card, { type: 'TRAFFIC', imei: '356938035643809' }, 'world');
    expect(card.view).toMatchObject({ specificStatus: 'Suspended (device change)', osStatus: 500 });
    h.ok(card, { type: 'REBIND' });
    expect(card.view.specificStatus).toBe('In use');
    expect(card.actor.getSnapshot().context).toMatchObject({
      boundImei: '356938035643809',
      lockedByImei: null,
    });
    expect(h.send(card, { type: 'REBIND' })).toMatchObject({ code: 'StatusNotAllowed' });
  });

  it('L7 manual suspend only from In use; manual resume removes that cause', () => {
    const h = new Harness('2026-01-15');
    const card = h.one(SC);
    expect(h.send(card, { type: 'SUSPEND' })).toMatchObject({ code: 'StatusNotAllowed' });
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.ok(card, { type: 'SUSPEND' });
    expect(card.view).toMatchObject({ specificStatus: 'Manually suspended', osStatus: 200, statusCode: 35 });
    expect(h.send(card, { type: 'SUSPEND' })).toMatchObject({ code: 'StatusNotAllowed' });
    h.ok(card, { type: 'RESUME' });
    expect(card.view.specificStatus).toBe('In use');
    expect(h.send(card, { type: 'RESUME' })).toMatchObject({ code: 'StatusNotAllowed' });
  });

  it('L8 Suspended (abnormal) is set and lifted by the carrier alone', () => {
    const h = new Harness('2026-01-15');
    const card = h.one(SC);
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.ok(card, { type: 'SYSTEM_SUSPEND', cause: 'abnormal' }, 'carrier');
    expect(card.view).toMatchObject({ specificStatus: 'Suspended (abnormal)', osStatus: 700 });
    expect(h.send(card, { type: 'RESUME' })).toMatchObject({ code: 'CarrierOnly' });
    h.ok(card, { type: 'SYSTEM_LIFT', cause: 'abnormal' }, 'carrier');
    expect(card.view.specificStatus).toBe('In use');
  });

  it('L9 credit control suspends when the data is used up and a top-up lifts it', () => {
    const h = new Harness('2026-01-15');
    const card = h.one(SC);
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.ok(card, { type: 'SYSTEM_SUSPEND', cause: 'creditControl' }, 'system');
    expect(card.view).toMatchObject({ specificStatus: 'Suspended (credit control)', osStatus: 400 });
    expect(h.send(card, { type: 'RESUME' })).toMatchObject({ code: 'StatusNotAllowed' });
    h.ok(card, { type: 'SYSTEM_LIFT', cause: 'creditControl' }, 'system');
    expect(card.view.specificStatus).toBe('In use');
  });

  it('L10 usage limit: resumed by hand, or by itself at 00:00 on the 1st with automatic restore', () => {
    const h = new Harness('2026-01-15');
    const [byHand, byItself, noRestore] = h.buy(SC, { count: 3 });
    noRestore!.usageLimitAutoRestore = false;
    h.at('2026-02-10');
    for (const card of [byHand!, byItself!, noRestore!]) {
      h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
      h.ok(card, { type: 'SYSTEM_SUSPEND', cause: 'usageLimit' }, 'system');
      expect(card.view).toMatchObject({ specificStatus: 'Suspended (usage limit)', osStatus: 300 });
    }
    h.at('2026-02-20');
    h.ok(byHand!, { type: 'RESUME' });
    expect(byHand!.view.specificStatus).toBe('In use');
    h.at('2026-02-28T23:59:59');
    expect(byItself!.view.specificStatus).toBe('Suspended (usage limit)');
    h.at('2026-03-01');
    expect(byItself!.view.specificStatus).toBe('In use');
    expect(h.whenBecame(byItself!, 'In use')).toBe('2026-03-01T00:00:00+08:00');
    expect(noRestore!.view.specificStatus).toBe('Suspended (usage limit)');
  });

  it('L11 when the last period ends without automatic renewal the card is Deactivated (T5 natural months)', () => {
    const h = new Harness('2026-01-01');
    const card = h.one(SC, { periods: 3 });
    h.at('2026-01-05');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-03-31T23:59:59');
    expect(card.view.specificStatus).toBe('In use');
    h.at('2026-04-01');
    expect(card.view).toMatchObject({
      status: 'Deactivated',
      specificStatus: 'Deactivated',
      statusCode: 40,
      osStatus: 40,
    });
    expect(h.whenBecame(card, 'Deactivated')).toBe('2026-04-01T00:00:00+08:00');
  });

  it('L11 with automatic renewal one more period is bought instead', () => {
    const h = new Harness('2026-01-01');
    const card = h.one(SC, { periods: 1, autoRenew: true });
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-06-15');
    expect(card.view.specificStatus).toBe('In use');
    expect(card.records.filter((r) => r.action === 'Renewed automatically')).toHaveLength(5);
    expect(formatDateTime(card.serviceEndsAt!)).toBe('2026-07-01T00:00:00+08:00');
  });

  it('L12 a card Deactivated for three calendar months is canceled at 00:00 on that day', () => {
    const h = new Harness('2026-01-01');
    const card = h.one(SC, { periods: 3 });
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-06-30T23:59:59');
    expect(card.view.specificStatus).toBe('Deactivated');
    h.at('2026-07-01');
    expect(card.view).toMatchObject({ status: 'Canceled', statusCode: 50, osStatus: 50 });
    expect(h.whenBecame(card, 'Canceled')).toBe('2026-07-01T00:00:00+08:00');
  });

  it('L13 cancellation before the 20th completes at 00:00 on the 1st of the next month', () => {
    const h = new Harness('2026-01-01');
    const card = h.one(SC);
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.ok(card, { type: 'SUSPEND' });
    h.at('2026-03-19T23:59');
    h.ok(card, { type: 'REQUEST_CANCELLATION', completesAt: cancellationCompletesAt(h.world.now()) });
    expect(card.view).toMatchObject({ specificStatus: 'Manually suspended', pendingCancellation: true });
    expect(h.send(card, { type: 'RESUME' })).toMatchObject({ code: 'StatusNotAllowed' });
    h.at('2026-03-31T23:59:59');
    expect(card.view.status).toBe('Suspended');
    h.at('2026-04-01');
    expect(card.view).toMatchObject({ status: 'Canceled', pendingCancellation: false });
  });

  it('L13 cancellation on or after the 20th completes in the next month', () => {
    const h = new Harness('2026-01-01');
    const card = h.one(SC, { periods: 2 });
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-03-20');
    expect(card.view.specificStatus).toBe('Deactivated');
    h.ok(card, { type: 'REQUEST_CANCELLATION', completesAt: cancellationCompletesAt(h.world.now()) });
    h.at('2026-04-30T23:59');
    expect(card.view).toMatchObject({ specificStatus: 'Deactivated', pendingCancellation: true });
    h.at('2026-05-01');
    expect(h.whenBecame(card, 'Canceled')).toBe('2026-05-01T00:00:00+08:00');
  });

  it('L13 cancellation only from Deactivated or Manually suspended; a canceled card refuses everything', () => {
    const h = new Harness('2026-01-01');
    const card = h.one(SC, { periods: 1 });
    const request = () => ({
      type: 'REQUEST_CANCELLATION' as const,
      completesAt: cancellationCompletesAt(h.world.now()),
    });
    expect(h.send(card, request())).toMatchObject({ code: 'StatusNotAllowed' });
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    expect(h.send(card, request())).toMatchObject({ code: 'StatusNotAllowed' });
    h.ok(card, { type: 'SYSTEM_SUSPEND', cause: 'usageLimit' }, 'system');
    expect(h.send(card, request())).toMatchObject({ code: 'StatusNotAllowed' });
    h.ok(card, { type: 'RESUME' });
    h.ok(card, { type: 'SUSPEND' });
    h.at('2026-02-02');
    h.ok(card, request());
    expect(h.send(card, request())).toMatchObject({ code: 'StatusNotAllowed' });
    h.at('2026-03-01');
    expect(card.view.status).toBe('Canceled');
    for (const type of ['ACTIVATE', 'SUSPEND', 'RESUME', 'REBIND', 'RENEW', 'VERIFY_IDENTITY'] as const) {
      const event = type === 'ACTIVATE' ? { type, activationType: 'manage' as const } : { type };
      expect(h.send(card, event)).toMatchObject({ code: 'CardCanceled' });
    }
  });

  it('L14 manual forced activation: same-tier pool plans only, inactive cards only, type manage', () => {
    const h = new Harness('2026-01-15');
    const pool = h.one('CT_SF_M_1_30M');
    const single = h.one(SC);
    expect(h.send(single, { type: 'FORCE_ACTIVATE' })).toMatchObject({ code: 'PlanTypeNotSupported' });
    h.ok(pool, { type: 'FORCE_ACTIVATE' });
    expect(pool.view).toMatchObject({ specificStatus: 'In use', activationType: 'manage' });
    expect(h.send(pool, { type: 'FORCE_ACTIVATE' })).toMatchObject({ code: 'StatusNotAllowed' });
  });

  it('L15 a Deactivated card renewed within the three months is In use again', () => {
    const h = new Harness('2026-01-01');
    const card = h.one(SC, { periods: 1 });
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-03-10');
    expect(card.view.specificStatus).toBe('Deactivated');
    expect(h.world.renew(card, 3, 'user')).toBeNull();
    expect(card.view.specificStatus).toBe('In use');
    expect(formatDateTime(card.serviceEndsAt!)).toBe('2026-06-01T00:00:00+08:00');
    h.at('2026-05-01');
    expect(card.view.specificStatus).toBe('In use');
    h.at('2026-06-01');
    expect(card.view.specificStatus).toBe('Deactivated');
  });
});
