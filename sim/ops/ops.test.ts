// Every operation of SCENARIOS.md through the one way in (sim/ops/perform.ts): its success path and
// each error code it can return; batches with per-card results (C3).
import { describe, expect, it, vi } from 'vitest';
import { parseVoucher } from '../plans/voucher.ts';
import { Harness, MB } from '../testing/harness.ts';
import { performOperation, type OperationRequest } from './perform.ts';
import type { Card } from '../cards/card.ts';
import type { OperationName } from './types.ts';

function op<Name extends OperationName>(
  h: Harness,
  operation: Name,
  cards: Card[] | undefined,
  args: OperationRequest<Name>['args'],
) {
  return performOperation(h.world, { operation, args, ...(cards ? { cards } : {}) });
}
const codes = (result: ReturnType<typeof op>) => result.results.map((r) => (r.ok ? 'ok' : r.code));

function setUp(start = '2026-01-15') {
  const h = new Harness(start);
  const silent = h.one('CM_SC_M_1_100M');
  const active = h.one('CU_SC_M_1_1G');
  h.ok(active, { type: 'ACTIVATE', activationType: 'manage' });
  return { h, silent, active };
}

describe('operations on cards', () => {
  it('L3 activate: a silent card is In use; an active card is refused; a canceled card refuses all', () => {
    const { h, silent, active } = setUp();
    expect(codes(op(h, 'activate', [silent, active], {}))).toEqual(['ok', 'StatusNotAllowed']);
    const gone = h.one('CT_SC_M_1_30M', { periods: 1 });
    h.ok(gone, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-05-02');
    expect(codes(op(h, 'activate', [gone], {}))).toEqual(['CardCanceled']);
  });

  it('L12 a canceled card is refused without its ended machine being sent the event', () => {
    const h = new Harness('2026-01-15');
    const gone = h.one('CT_SC_M_1_30M', { periods: 1 });
    h.ok(gone, { type: 'ACTIVATE', activationType: 'manage' });
    h.at('2026-05-02');
    expect(gone.view.status).toBe('Canceled');
    // XState's development build (the one tests load) warns when a stopped actor is sent an event.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const refusal = h.world.sendToCard(gone, { type: 'SUSPEND', at: h.world.now() }, { by: 'user' });
      expect(refusal).not.toBeNull();
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('L2 requestTestPeriod: ok once; TestPeriodUnavailable after; StatusNotAllowed when active', () => {
    const { h, silent, active } = setUp();
    expect(codes(op(h, 'requestTestPeriod', [silent, active], {}))).toEqual(['ok', 'StatusNotAllowed']);
    op(h, 'activate', [silent], {});
    const late = h.one('CM_SC_M_1_100M');
    h.at('2026-05-01');
    expect(codes(op(h, 'requestTestPeriod', [late], {}))).toEqual(['TestPeriodUnavailable']);
  });

  it('L7 L8 suspend and resume; resume of an abnormal card is CarrierOnly', () => {
    const { h, silent, active } = setUp();
    expect(codes(op(h, 'suspend', [active, silent], {}))).toEqual(['ok', 'StatusNotAllowed']);
    expect(codes(op(h, 'resume', [active, silent], {}))).toEqual(['ok', 'StatusNotAllowed']);
    expect(codes(op(h, 'carrier.suspendAbnormal', [active], {}))).toEqual(['ok']);
    expect(codes(op(h, 'resume', [active], {}))).toEqual(['CarrierOnly']);
    expect(codes(op(h, 'carrier.resumeAbnormal', [active], {}))).toEqual(['ok']);
    expect(active.view.specificStatus).toBe('In use');
  });

  it('L6 rebind after a device change; refused without one', () => {
    const { h, active } = setUp();
    op(h, 'insertDevice', [active], { profile: 'tracker' });
    h.at('2026-01-16');
    op(h, 'swapDevice', [active], {});
    h.at('2026-01-17');
    expect(active.view.specificStatus).toBe('Suspended (device change)');
    expect(codes(op(h, 'rebind', [active], {}))).toEqual(['ok']);
    expect(codes(op(h, 'rebind', [active], {}))).toEqual(['StatusNotAllowed']);
  });

  it('L14 forceActivate: same-tier pools only, inactive only', () => {
    const { h, silent } = setUp();
    const pooled = h.one('CT_SF_M_1_30M');
    expect(codes(op(h, 'forceActivate', [pooled, silent], {}))).toEqual(['ok', 'PlanTypeNotSupported']);
    expect(codes(op(h, 'forceActivate', [pooled], {}))).toEqual(['StatusNotAllowed']);
  });

  it('L5 verifyIdentity: once, for cards bought with it', () => {
    const { h, silent } = setUp();
    const verified = h.one('CM_SC_M_1_100M', { idVerification: true });
    expect(codes(op(h, 'verifyIdentity', [verified, silent], {}))).toEqual(['ok', 'StatusNotAllowed']);
  });

  it('T1-T4 topUp: renew, add-on, refused by plan type, by status, and bad arguments', () => {
    const { h, silent, active } = setUp();
    h.world.addPool('P1', 1024 * MB);
    const up = h.one('CU_UP_M_1_P1');
    expect(codes(op(h, 'topUp', [active], { type: 'renew', periods: 3 }))).toEqual(['ok']);
    expect(
      codes(op(h, 'topUp', [active], { type: 'addOn', tierBytes: 100 * MB, quantity: 2, serial: 'A1' })),
    ).toEqual(['ok']);
    expect(codes(op(h, 'topUp', [up], { type: 'renew', periods: 1 }))).toEqual(['PlanTypeNotSupported']);
    expect(codes(op(h, 'topUp', [silent], { type: 'addOn', tierBytes: 100 * MB, quantity: 1 }))).toEqual([
      'StatusNotAllowed',
    ]);
    expect(codes(op(h, 'topUp', [active], { type: 'renew', periods: 5 }))).toEqual(['InvalidArgument']);
  });

  it('L11 setAutoRenew and L13 requestCancellation', () => {
    const { h, silent, active } = setUp();
    expect(codes(op(h, 'setAutoRenew', [active], { on: true }))).toEqual(['ok']);
    expect(active.autoRenew).toBe(true);
    expect(codes(op(h, 'requestCancellation', [silent, active], {}))).toEqual([
      'StatusNotAllowed',
      'StatusNotAllowed',
    ]);
    op(h, 'suspend', [active], {});
    expect(codes(op(h, 'requestCancellation', [active], {}))).toEqual(['ok']);
    expect(active.view.pendingCancellation).toBe(true);
  });

  it('C3 tags: at most 3 per card; in a batch the card that would pass 3 is refused by name, the others succeed', () => {
    const { h, silent, active } = setUp();
    op(h, 'addTags', [active], { tags: ['a', 'b'] });
    const result = op(h, 'addTags', [silent, active], { tags: ['c', 'd'] });
    expect(codes(result)).toEqual(['ok', 'TagLimitExceeded']);
    expect(result.results[1]).toMatchObject({
      iccid: active.iccid,
      message: expect.stringContaining(active.iccid),
    });
    expect(active.tags).toEqual(['a', 'b']); // nothing half-applied
    expect(silent.tags).toEqual(['c', 'd']);
    expect([...h.world.tagCatalogue]).toEqual(['a', 'b', 'c', 'd']);
    expect(codes(op(h, 'addTags', [silent], { tags: [' '] }))).toEqual(['InvalidArgument']);
    expect(codes(op(h, 'removeTags', [silent], { tags: ['c'] }))).toEqual(['ok']);
    expect(silent.tags).toEqual(['d']);
  });

  it('C4 setRemark: free text up to 256 characters', () => {
    const { h, silent } = setUp();
    expect(codes(op(h, 'setRemark', [silent], { text: 'pump 7, north field' }))).toEqual(['ok']);
    expect(silent.remark).toBe('pump 7, north field');
    expect(codes(op(h, 'setRemark', [silent], { text: 'x'.repeat(257) }))).toEqual(['InvalidArgument']);
  });

  it('C6 L10 setUsageLimit on cards and on a voucher; the card setting wins', () => {
    const { h, active } = setUp();
    const twin = h.one('CU_SC_M_1_1G');
    h.ok(twin, { type: 'ACTIVATE', activationType: 'manage' });
    expect(
      op(h, 'setUsageLimit', undefined, {
        limitBytes: 10 * MB,
        autoRestore: true,
        voucher: parseVoucher('CU_SC_M_1_1G'),
      }).refusal,
    ).toBeUndefined();
    expect(codes(op(h, 'setUsageLimit', [active], { limitBytes: 50 * MB, autoRestore: false }))).toEqual([
      'ok',
    ]);
    expect(h.offer(active, 20)).toBe(20);
    expect(h.offer(twin, 20)).toBe(10);
    expect(twin.view.specificStatus).toBe('Suspended (usage limit)');
    expect(h.offer(active, 40)).toBe(30);
    expect(active.view.specificStatus).toBe('Suspended (usage limit)');
    h.at('2026-02-01');
    expect([twin.view.specificStatus, active.view.specificStatus]).toEqual([
      'In use',
      'Suspended (usage limit)',
    ]);
  });

  it('C9 operation records: activation, suspension and resume with their causes, tags, settings, who did them', () => {
    const { h, active } = setUp();
    op(h, 'suspend', [active], {});
    op(h, 'resume', [active], {});
    op(h, 'addTags', [active], { tags: ['x'] });
    op(h, 'setAutoRenew', [active], { on: true });
    expect(active.records.map((r) => [r.action, r.by])).toEqual([
      ['Account created', 'user'],
      ['Activated', 'user'],
      ['Suspended', 'user'],
      ['Resumed', 'user'],
      ['Tags added', 'user'],
      ['Automatic renewal on', 'user'],
    ]);
  });
});

describe('operations on the world', () => {
  it('expandPool and buy refuse unknown pools; buy adds a group', () => {
    const { h } = setUp();
    expect(op(h, 'expandPool', undefined, { pool: 'NOPE', byBytes: MB }).refusal?.code).toBe(
      'InvalidArgument',
    );
    const entry = {
      group: 'later',
      count: 3,
      voucher: parseVoucher('CU_UP_M_1_Q1'),
      orderedAt: h.world.now(),
      periods: 12,
      idVerification: false,
      autoRenew: false,
      activateOnFirstTraffic: false,
      path: 'x',
    };
    expect(op(h, 'buy', undefined, entry).refusal?.code).toBe('InvalidArgument');
    h.world.addPool('Q1', 10 * MB);
    expect(op(h, 'buy', undefined, entry).outcome?.cards).toHaveLength(3);
    expect(op(h, 'expandPool', undefined, { pool: 'Q1', byBytes: MB }).refusal).toBeUndefined();
  });

  it('C7 rules: a usage rule fires once per card per month at the crossing; a status rule on each change; suspend acts', () => {
    const { h, active } = setUp();
    expect(
      op(h, 'addRule', undefined, {
        name: 'High usage',
        scope: { kind: 'all' },
        trigger: { type: 'usage', bytes: 30 * MB },
        action: 'notify',
      }).refusal,
    ).toBeUndefined();
    expect(
      op(h, 'addRule', undefined, {
        name: 'High usage',
        scope: { kind: 'all' },
        trigger: { type: 'usage', bytes: 1 },
        action: 'notify',
      }).refusal?.code,
    ).toBe('InvalidArgument');
    op(h, 'addRule', undefined, {
      name: 'Stop at 80',
      scope: { kind: 'all' },
      trigger: { type: 'usage', share: 0.08 },
      action: 'suspend',
    });
    op(h, 'addRule', undefined, {
      name: 'Watch suspensions',
      scope: { kind: 'all' },
      trigger: { type: 'statusChange', to: { level: 'status', status: 'Suspended' } },
      action: 'notify',
    });
    h.at('2026-01-20T10:00');
    h.offer(active, 20);
    expect(h.world.rules.triggersOf('High usage')).toHaveLength(0);
    h.offer(active, 20);
    expect(h.world.rules.triggersOf('High usage')).toMatchObject([{ card: active.iccid, t: h.world.now() }]);
    h.offer(active, 50);
    expect(h.world.rules.triggersOf('High usage')).toHaveLength(1);
    // 8 % of 1 GB = 81.92 MB reached at 90 MB: suspended by the rule, which the status rule sees.
    expect(active.view.specificStatus).toBe('Manually suspended');
    expect(h.world.rules.triggersOf('Stop at 80')).toHaveLength(1);
    expect(h.world.rules.triggersOf('Watch suspensions')).toHaveLength(1);
    op(h, 'resume', [active], {});
    h.at('2026-02-01');
    h.offer(active, 40);
    expect(h.world.rules.triggersOf('High usage')).toHaveLength(2);
    expect(op(h, 'removeRule', undefined, { name: 'nope' }).refusal?.code).toBe('InvalidArgument');
  });

  it('carrier.outage: the network carries nothing until it ends', () => {
    const { h, active } = setUp();
    expect(
      op(h, 'carrier.outage', undefined, { carrier: 'CU', endsAt: h.world.now() + 3_600_000 }).refusal,
    ).toBeUndefined();
    expect(h.offer(active, 5)).toBe(0);
    h.at('2026-01-15T01:00');
    expect(h.offer(active, 5)).toBe(5);
  });

  it('a carrier operation delay answers pending, then SUCCESS or FAILURE', () => {
    const { h, silent, active } = setUp();
    h.world.carriers.set('CU', {
      abnormalPerCardMonth: 0,
      operationDelayMs: 600_000,
      outagesPerMonth: 0,
      outageDurationMs: 1,
    });
    const result = op(h, 'suspend', [active], {});
    const pending = result.results[0]!;
    expect(pending).toMatchObject({ ok: true, pending: expect.any(String) });
    const id = (pending as { pending: string }).pending;
    expect(h.world.pendingOperations.get(id)?.status).toBe('PROCESSING');
    expect(active.view.specificStatus).toBe('In use');
    h.at('2026-01-15T00:10');
    expect(h.world.pendingOperations.get(id)?.status).toBe('SUCCESS');
    expect(active.view.specificStatus).toBe('Manually suspended');
    // Refused at once when not allowed now; accepted now but refused later is a FAILURE.
    expect(codes(op(h, 'suspend', [silent], {}))).toEqual(['StatusNotAllowed']);
    const twice = [op(h, 'resume', [active], {}), op(h, 'resume', [active], {})].map(
      (r) => (r.results[0] as { pending: string }).pending,
    );
    h.at('2026-01-15T00:20');
    expect(twice.map((id2) => h.world.pendingOperations.get(id2)?.status)).toEqual(['SUCCESS', 'FAILURE']);
  });
});
