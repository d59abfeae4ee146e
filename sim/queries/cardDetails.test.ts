// C5 card details (single-network and smart cards), C9 records, and P4 usage series.
import { describe, expect, it } from 'vitest';
import { Harness, MB, time } from '../testing/harness.ts';
import { dayIndex } from '../time/calendar.ts';
import { cardDetails, cardRecords } from './cardDetails.ts';
import { testFleet } from './test-fleet.ts';
import { cardUsage } from './usage.ts';

describe('C5 card details', () => {
  it('C5 a single-network card: basic information, plans, settings, records newest first', () => {
    const f = testFleet();
    const d = cardDetails(f.h.world, f.sc.msisdn!);
    expect(d.basic).toMatchObject({
      iccid: f.sc.iccid,
      imsi: f.sc.imsi,
      msisdn: f.sc.msisdn,
      voucher: 'CM_SC_M_1_100M',
      voucherApi: 'CM-SC-M-1-100M',
      carrier: 'CM',
      vendor: 'CMCC',
      cardType: 'single-network',
      dataType: 'singlecard',
      orderedAt: time('2026-01-15'),
      activationType: 'manage',
      activatedAt: time('2026-01-20T10:00'),
      expiresAt: time('2027-01-01'),
      boundImei: null,
      device: null,
      tags: ['north'],
      cycleUsageMB: 95,
    });
    expect(d.basic.view.specificStatus).toBe('In use');
    expect(d.subCards).toEqual([]);
    expect(d.traffic.plans).toEqual({
      plan: {
        voucher: 'CM_SC_M_1_100M',
        name: 'China Mobile - Single-card plan - monthly - 100M',
        state: 'inService',
        startsAt: time('2026-01-20T10:00'),
        endsAt: time('2027-01-01'),
        monthsNotStarted: 10,
        autoRenew: false,
      },
      addOn: null,
      testData: null,
      allowance: {
        kind: 'singleCard',
        allowanceMB: 100,
        usedMB: 95,
        remainingMB: 5,
        remainingShare: 0.05,
      },
    });
    expect(d.settings).toEqual({
      usageLimit: { limitMB: null, source: null, autoRestore: true },
      rules: [],
      autoRenew: false,
      idVerification: { required: false, status: 'notRequired' },
    });
    expect(d.records.map((r) => r.action)).toEqual(['Activated', 'Account created']);
    expect(cardRecords(f.h.world, f.sc.iccid, 'oldest').map((r) => r.action)).toEqual([
      'Account created',
      'Activated',
    ]);
  });

  it('C5 C6 the usage limit in force: the card own setting wins over its voucher', () => {
    const f = testFleet();
    f.h.world.voucherUsageLimits.set('CM_SC_M_1_100M', { bytes: 80 * MB, autoRestore: false });
    f.sc.usageLimitBytes = 50 * MB;
    expect(cardDetails(f.h.world, f.sc.iccid).settings.usageLimit).toEqual({
      limitMB: 50,
      source: 'card',
      autoRestore: true,
    });
    expect(cardDetails(f.h.world, f.sc2.iccid).settings.usageLimit).toEqual({
      limitMB: 80,
      source: 'voucher',
      autoRestore: false,
    });
  });

  it('C5 M1 a smart card: no IMSI or MSISDN of its own, sub-cards with theirs, found by a sub-card MSISDN', () => {
    const f = testFleet();
    const d = cardDetails(f.h.world, f.smart.subCards[1]!.msisdn);
    expect(d.basic).toMatchObject({ iccid: f.smart.iccid, imsi: null, msisdn: null, cardType: 'smart' });
    expect(d.basic.vendor).toBe('VNO');
    expect(d.subCards.map((s) => [s.carrier, s.vendor])).toEqual([
      ['CM', 'CMCC'],
      ['CU', 'CUCC'],
      ['CT', 'CTCC'],
    ]);
    for (const [i, sub] of d.subCards.entries()) {
      const card = f.smart.subCards[i]!;
      expect(sub).toMatchObject({ iccid: card.iccid, msisdn: card.msisdn, imsi: card.imsi });
      expect(sub.view.specificStatus).toBe('In use');
    }
    expect(d.subCards.filter((s) => s.currentNetwork)).toHaveLength(1);
    expect(d.traffic.plans.allowance).toMatchObject({ allowanceMB: 1024, usedMB: 10 });
  });

  it('C5 a test-period card shows its test data; a card not activated shows months waiting', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('CU_SC_M_1_30M', { periods: 6 });
    h.ok(card, { type: 'REQUEST_TEST_PERIOD' });
    h.offer(card, 2);
    const plans = cardDetails(h.world, card.iccid).traffic.plans;
    expect(plans.plan).toMatchObject({
      state: 'notStarted',
      startsAt: null,
      endsAt: null,
      monthsNotStarted: 6,
    });
    expect(plans.testData).toEqual({ usedMB: 2, remainingMB: 4, endsAt: time('2026-04-15') });
    expect(plans.allowance).toBeNull();
  });

  it('C5 unknown references are CardNotFound naming what was looked for; empty is InvalidArgument', () => {
    const f = testFleet();
    const world = f.h.world;
    expect(() => cardDetails(world, '89860000000000000001')).toThrow(
      expect.objectContaining({
        code: 'CardNotFound',
        message: 'no card with ICCID "89860000000000000001" in this world',
      }),
    );
    expect(() => cardDetails(world, '1440000000000')).toThrow('no card with MSISDN "1440000000000"');
    expect(() => cardDetails(world, 'meters')).toThrow('an ICCID is 20 digits, an MSISDN 13');
    expect(() => cardDetails(world, '  ')).toThrow(expect.objectContaining({ code: 'InvalidArgument' }));
    expect(cardDetails(world, ` ${f.sc.iccid} `).basic.iccid).toBe(f.sc.iccid);
  });
});

describe('P4 C5 usage series', () => {
  const month = (): { h: Harness; card: ReturnType<Harness['one']> } => {
    const h = new Harness('2026-03-01');
    const card = h.one('CM_SC_M_1_10G');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.device(card, 'camera');
    h.at('2026-04-10T12:00');
    return { h, card };
  };

  it('P4 C5 daily usage of the last two months adds up to the monthly usage; today is live and partial', () => {
    const { h, card } = month();
    const series = cardUsage(h.world, card);
    expect(series.from).toBe(time('2026-03-01'));
    expect(series.daily).toHaveLength(41);
    expect(series.daily[0]!.day).toBe('2026-03-01');
    expect(series.daily.at(-1)).toMatchObject({ day: '2026-04-10', partial: true });
    expect(series.daily.filter((d) => d.partial)).toHaveLength(1);
    const sum = (days: typeof series.daily): number => days.reduce((total, d) => total + d.carriedBytes, 0);
    const [march, april] = series.monthly;
    expect(march).toMatchObject({ month: '2026-03' });
    expect(march!.partial).toBeUndefined();
    expect(april).toMatchObject({ month: '2026-04', partial: true });
    expect(march!.carriedMB).toBeGreaterThan(100);
    expect(sum(series.daily.filter((d) => d.day.startsWith('2026-03')))).toBe(march!.carriedBytes);
    expect(sum(series.daily.filter((d) => d.day.startsWith('2026-04')))).toBe(april!.carriedBytes);
    expect(april!.carriedBytes).toBe(h.world.traffic.liveMonthCarried(card));
    // The console's cycle usage is April without today.
    const closedApril = sum(series.daily.filter((d) => d.day.startsWith('2026-04') && !d.partial));
    expect(series.cycle.consoleMB).toBe(Math.round((closedApril / MB) * 100) / 100);
    expect(cardDetails(h.world, card.iccid).basic.cycleUsageMB).toBe(series.cycle.consoleMB);
  });

  it('P4 C5 a range of days and months; the device is listed and bound', () => {
    const { h, card } = month();
    const series = cardUsage(h.world, card, { from: time('2026-03-10'), to: time('2026-03-13') });
    expect(series.daily.map((d) => d.day)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
    expect(series.monthly.map((m) => m.month)).toEqual(['2026-03']);
    expect(series.daily[0]!.carriedBytes).toBe(
      h.world.traffic.usage.dayCarried(card.index, dayIndex(time('2026-03-10'))),
    );
    const details = cardDetails(h.world, card.iccid);
    expect(details.basic.device).toMatchObject({ profile: 'camera', powered: true });
    expect(details.basic.boundImei).toBe(details.basic.device!.imei);
    expect(() => cardUsage(h.world, card, { from: time('2026-03-13'), to: time('2026-03-13') })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', message: 'from must be before to' }),
    );
  });

  it('P4 days before the card was ordered and after now are left out', () => {
    const { h } = month();
    const late = h.one('CM_SC_M_1_1G');
    const series = cardUsage(h.world, late, { from: time('2026-04-01'), to: time('2026-05-01') });
    expect(series.daily.map((d) => d.day)).toEqual(['2026-04-10']);
    expect(series.monthly.map((m) => m.month)).toEqual(['2026-04']);
  });
});
