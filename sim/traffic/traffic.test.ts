// Devices and traffic (RULES.md D1-D3, V6, M3) and the lifecycle rules traffic drives (L2, L3, L6).
import { describe, expect, it } from 'vitest';
import { Harness, MB } from '../testing/harness.ts';
import { primarySnapshot } from '../cards/card.ts';

describe('devices and traffic', () => {
  it('D1 profiles generate seeded traffic: a camera hundreds of MB a month, a meter a few KB a day', () => {
    const usage = (seed: number) => {
      const h = new Harness('2026-01-01', seed);
      const camera = h.one('CM_SC_M_1_1G');
      const meter = h.one('CM_SC_M_1_30M');
      h.ok(camera, { type: 'ACTIVATE', activationType: 'manage' });
      h.ok(meter, { type: 'ACTIVATE', activationType: 'manage' });
      h.device(camera, 'camera');
      h.device(meter, 'meter');
      h.at('2026-01-31T23:59:59');
      return [h.usedMB(camera), (h.usedMB(meter) * 1024) / 31];
    };
    const [cameraMB, meterKBPerDay] = usage(1);
    expect(cameraMB).toBeGreaterThan(100);
    expect(cameraMB).toBeLessThan(1000);
    expect(meterKBPerDay).toBeGreaterThan(0.5);
    expect(meterKBPerDay).toBeLessThan(50);
    expect(usage(1)).toEqual([cameraMB, expect.any(Number)]);
    expect(usage(2)[0]).not.toBe(cameraMB);
  });

  it('D2 a card carries only from its insertion, stops when powered off or taken out, and resumes', () => {
    const h = new Harness('2026-01-01');
    const card = h.one('CU_SC_M_1_1G');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-01-10');
    expect(h.usedMB(card)).toBe(0);
    h.device(card, 'camera');
    h.at('2026-01-12');
    const twoDays = h.usedMB(card);
    expect(twoDays).toBeGreaterThan(0);
    h.world.devices.setPower(card, false);
    h.at('2026-01-20');
    expect(h.usedMB(card)).toBe(twoDays);
    h.world.devices.setPower(card, true);
    h.at('2026-01-22');
    const resumed = h.usedMB(card);
    expect(resumed).toBeGreaterThan(twoDays);
    h.world.devices.remove(card);
    h.at('2026-01-31');
    expect(h.usedMB(card)).toBe(resumed);
  });

  it('D3 traffic is refused, never counted as usage, when the status does not allow it', () => {
    const h = new Harness('2026-01-01');
    const card = h.one('CT_SC_M_1_1G');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.ok(card, { type: 'SUSPEND' });
    expect(h.offer(card, 3)).toBe(0);
    expect(h.usedMB(card)).toBe(0);
    expect(h.refusedMB(card)).toBe(3);
    h.device(card, 'camera');
    h.at('2026-01-05');
    expect(h.usedMB(card)).toBe(0);
    expect(h.refusedMB(card)).toBeGreaterThan(3);
  });

  it('L2 test period: 5 MB then 2 MB -> 1 MB refused, Silent period at the moment the 6 MB were used', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('CM_SC_M_1_100M');
    h.ok(card, { type: 'REQUEST_TEST_PERIOD' });
    h.at('2026-01-20T10:00');
    expect(h.offer(card, 5)).toBe(5);
    h.at('2026-01-20T10:05');
    expect(h.offer(card, 2)).toBe(1);
    expect(h.refusedMB(card)).toBe(1);
    expect(card.view.specificStatus).toBe('Silent period');
    expect(h.whenBecame(card, 'Silent period')).toBe('2026-01-20T10:05:00+08:00');
  });

  it('L2 L3 a device in the test period uses the 6 MB at its own pace; the card returns to Silent period mid-session', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('CM_SC_M_1_100M');
    h.ok(card, { type: 'REQUEST_TEST_PERIOD' });
    h.device(card, 'camera');
    h.at('2026-01-18');
    expect(card.view.specificStatus).toBe('Silent period');
    expect(h.world.traffic.usage.testUsed.get(card.index)).toBe(6 * MB);
    const when = card.records.find((r) => r.to === 'Silent period' && r.action === 'Test data used up')!.t;
    expect(when).toBeGreaterThan(h.world.clock.now() - 3 * 86_400_000);
  });

  it('L3 first traffic in the silent period activates a card bought so, at that session, and binds the device', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('CU_SC_M_1_1G', { activateOnFirstTraffic: true });
    h.at('2026-02-01');
    h.device(card, 'tracker');
    h.at('2026-02-02');
    expect(card.view.activationType).toBe('first_data_record');
    expect(card.view.activatedAt).toBeGreaterThan(h.world.now() - 86_400_000);
    const device = h.world.traffic.deviceOf(card)!;
    expect(primarySnapshot(card).context.boundImei).toBe(device.imei);
    expect(card.records.some((r) => r.action === 'Bound to device')).toBe(true);
  });

  it('L3 D3 by default silent-period traffic is refused and the card waits for forced activation (L4)', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('CM_SC_M_1_100M');
    h.device(card, 'meter');
    h.at('2026-07-31T23:59:59');
    expect(card.view.specificStatus).toBe('Silent period');
    expect(h.usedMB(card)).toBe(0);
    expect(h.refusedMB(card)).toBeGreaterThan(0);
    h.at('2026-08-02');
    expect(card.view).toMatchObject({ specificStatus: 'In use', activationType: 'silence_expire' });
    expect(h.usedMB(card)).toBeGreaterThan(0);
    expect(primarySnapshot(card).context.boundImei).toBe(h.world.traffic.deviceOf(card)!.imei);
  });

  it('L6 a card moved to another device is locked at its first session there; Resume Use carries on', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('CU_SC_M_1_1G', { activateOnFirstTraffic: true });
    h.device(card, 'tracker');
    h.at('2026-02-01');
    expect(card.view.specificStatus).toBe('In use');
    h.world.devices.swap(card);
    h.at('2026-02-02');
    expect(card.view.specificStatus).toBe('Suspended (device change)');
    const lockedAt = card.records.find((r) => r.to === 'Suspended (device change)')!.t;
    expect(lockedAt).toBeGreaterThan(Date.parse('2026-01-31T16:00:00Z'));
    const before = h.usedMB(card);
    h.ok(card, { type: 'REBIND' });
    h.at('2026-02-03');
    expect(card.view.specificStatus).toBe('In use');
    expect(h.usedMB(card)).toBeGreaterThan(before);
    expect(primarySnapshot(card).context.boundImei).toBe(h.world.traffic.deviceOf(card)!.imei);
  });

  it('V6 directional plans carry only whitelisted sessions', () => {
    const h = new Harness('2026-01-01');
    const card = h.one('CM_SCD_M_1_1G');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    expect(h.offer(card, 4, false)).toBe(0);
    expect(h.offer(card, 4, true)).toBe(4);
    expect(h.usedMB(card)).toBe(4);
    h.device(card, { dailyMB: 20, sessionsPerDay: 40, whitelistedShare: 0.25 });
    h.at('2026-01-11');
    const used = h.usedMB(card) - 4;
    const refused = h.refusedMB(card) - 4;
    expect(used / (used + refused)).toBeCloseTo(0.25, 1);
  });

  it('M3 a smart card carries on one sub-card network and counts against the main card plan', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('AL_SC_M_1_1G', { activateOnFirstTraffic: true });
    h.device(card, 'tracker');
    h.at('2026-01-20');
    const inUse = card.subCards.filter((s) => s.view.specificStatus === 'In use');
    expect(inUse.map((s) => s.carrier)).toEqual([h.world.currentNetwork(card)!.carrier]);
    expect(card.view.specificStatus).toBe('Partially in use');
    expect(h.usedMB(card)).toBeGreaterThan(0);
  });
});
