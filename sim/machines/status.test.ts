// Statuses (RULES.md section 3): the two levels, the cause set of S1 and the events of S2.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../record/event.ts';
import { Harness } from '../testing/harness.ts';
import { primarySnapshot } from '../cards/card.ts';
import {
  parseStatusName,
  topCause,
  causeBit,
  SPECIFIC_STATUSES,
  STATUS_OF_SPECIFIC,
  SIM_STATUSES,
} from './status.ts';

describe('statuses', () => {
  it('S1 a card suspended for several causes shows the most serious; removing one leaves the others', () => {
    const h = new Harness('2026-01-15');
    const card = h.one('CU_SC_M_1_1G');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.ok(card, { type: 'SUSPEND' });
    h.ok(card, { type: 'SYSTEM_SUSPEND', cause: 'usageLimit' }, 'system');
    expect(card.view.specificStatus).toBe('Suspended (usage limit)');
    h.ok(card, { type: 'SYSTEM_SUSPEND', cause: 'creditControl' }, 'system');
    // L6: unbound and suspended, traffic is not carried, so it binds nothing.
    expect(h.send(card, { type: 'TRAFFIC', imei: '490154203237518' }, 'world')).not.toBeNull();
    expect(primarySnapshot(card).context.boundImei).toBeNull();
    h.ok(card, { type: 'SYSTEM_SUSPEND', cause: 'abnormal' }, 'carrier');
    expect(card.view.specificStatus).toBe('Suspended (abnormal)');
    expect(card.view.causes).toEqual(['manual', 'usageLimit', 'creditControl', 'abnormal']);
    h.ok(card, { type: 'SYSTEM_LIFT', cause: 'abnormal' }, 'carrier');
    expect(card.view.specificStatus).toBe('Suspended (credit control)');
    h.ok(card, { type: 'RESUME' }); // lifts manual and usage limit, not credit control
    expect(card.view.causes).toEqual(['creditControl']);
    h.ok(card, { type: 'SYSTEM_LIFT', cause: 'creditControl' }, 'system');
    expect(card.view).toMatchObject({ specificStatus: 'In use', causes: [] });
  });

  it('S1 precedence: abnormal > ID verification > device change > credit control > usage limit > manual', () => {
    const order = [
      'abnormal',
      'idVerification',
      'deviceChange',
      'creditControl',
      'usageLimit',
      'manual',
    ] as const;
    for (let i = 0; i < order.length; i++) {
      const mask = order.slice(i).reduce((m, c) => m | causeBit(c), 0);
      expect(topCause(mask)).toBe(order[i]);
    }
    expect(topCause(0)).toBeUndefined();
  });

  it('S2 every change of status is an event with the old and new values, the cause and who caused it, and a record', () => {
    const h = new Harness('2026-01-15');
    const events: SimEvent[] = [];
    h.world.events$.subscribe((e) => e.type === 'card.status' && events.push(e));
    const card = h.one('CT_SC_M_1_30M');
    h.at('2026-02-01T09:00');
    h.ok(card, { type: 'ACTIVATE', activationType: 'manage' });
    h.ok(card, { type: 'SYSTEM_SUSPEND', cause: 'abnormal' }, 'carrier');
    h.send(card, { type: 'RESUME' }); // refused: no event
    expect(events.map((e) => e.payload)).toEqual([
      {
        from: 'Silent period',
        to: 'In use',
        fromStatus: 'Not in use',
        status: 'In use',
        cause: 'manage',
        by: 'user',
        pendingCancellation: false,
      },
      {
        from: 'In use',
        to: 'Suspended (abnormal)',
        fromStatus: 'In use',
        status: 'Suspended',
        cause: 'abnormal',
        by: 'carrier',
        pendingCancellation: false,
      },
    ]);
    expect(events.every((e) => e.subject === card.iccid && e.t === h.world.now())).toBe(true);
    expect(card.records.map((r) => [r.action, r.by, r.from, r.to])).toEqual([
      ['Account created', 'user', undefined, 'Silent period'],
      ['Activated', 'user', 'Silent period', 'In use'],
      ['Suspended (abnormal)', 'carrier', 'In use', 'Suspended (abnormal)'],
    ]);
  });

  it('S2 the API codes of both levels are those of section 3', () => {
    expect(SIM_STATUSES).toEqual({
      Testable: 10,
      'Not in use': 20,
      'In use': 30,
      Suspended: 35,
      Deactivated: 40,
      Canceled: 50,
    });
    expect(SPECIFIC_STATUSES['Partially in use']).toBe(150);
    expect(STATUS_OF_SPECIFIC['Suspended (device change)']).toBe('Suspended');
    expect(parseStatusName('Suspended (device change)')).toEqual({
      level: 'specific',
      specific: 'Suspended (device change)',
    });
    expect(parseStatusName(500)).toEqual({ level: 'specific', specific: 'Suspended (device change)' });
    expect(parseStatusName('35')).toEqual({ level: 'status', status: 'Suspended' });
    expect(parseStatusName('In use')).toEqual({ level: 'status', status: 'In use' });
    expect(parseStatusName('100')).toEqual({ level: 'specific', specific: 'In use' });
    expect(parseStatusName('Deactivated')).toEqual({ level: 'status', status: 'Deactivated' });
    expect(parseStatusName('Sleeping')).toBeUndefined();
  });
});
