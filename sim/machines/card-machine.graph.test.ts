// Model-based: walk every reachable state of the card machine with xstate/graph and check the
// status invariants at each one.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { CardEvent } from './card-events.ts';
import { cardMachine, type CardInput } from './card-machine.ts';
import { cardStatusView, phaseOf } from './status-view.ts';
import { viewProblems } from '../testing/invariants.ts';

// Fixed times keep the state space finite: the machine only compares times, never reads a clock.
const T0 = 0;
const events: CardEvent[] = [
  { type: 'REQUEST_TEST_PERIOD', at: 1 },
  { type: 'TEST_PERIOD_ENDED', at: 2, reason: 'expired' },
  { type: 'ACTIVATE', at: 3, activationType: 'manage' },
  { type: 'ACTIVATE', at: 3, activationType: 'silence_expire' },
  { type: 'FORCE_ACTIVATE', at: 3 },
  { type: 'VERIFY_IDENTITY', at: 4 },
  { type: 'TRAFFIC', at: 5, imei: 'A' },
  { type: 'TRAFFIC', at: 5, imei: 'B' },
  { type: 'SUSPEND', at: 6 },
  { type: 'RESUME', at: 7 },
  { type: 'REBIND', at: 8 },
  { type: 'SYSTEM_SUSPEND', at: 9, cause: 'abnormal' },
  { type: 'SYSTEM_LIFT', at: 9, cause: 'abnormal' },
  { type: 'SYSTEM_SUSPEND', at: 9, cause: 'creditControl' },
  { type: 'SYSTEM_LIFT', at: 9, cause: 'creditControl' },
  { type: 'SYSTEM_SUSPEND', at: 9, cause: 'usageLimit' },
  { type: 'SYSTEM_LIFT', at: 9, cause: 'usageLimit' },
  { type: 'PLAN_EXPIRED', at: 10 },
  { type: 'RENEW', at: 11 },
  { type: 'REQUEST_CANCELLATION', at: 12, completesAt: 20 },
  { type: 'CANCEL', at: 20, reason: 'requested' },
];

const inputs: CardInput[] = [
  { iccid: 'sc', planType: 'SC', orderedAt: T0, testPeriodEndsAt: 100, idVerification: false },
  { iccid: 'sf-verified', planType: 'SF', orderedAt: T0, testPeriodEndsAt: 100, idVerification: true },
];

describe('card machine, every reachable state', () => {
  for (const input of inputs) {
    const paths = getShortestPaths(cardMachine, { input, events });

    it(`reaches every state node, suspended and not (${input.iccid}: ${paths.length} states)`, () => {
      const nodes = new Set(paths.map((p) => JSON.stringify(p.state.value)));
      for (const node of ['"silent"', '"test"', '"active"', '"deactivated"', '"canceled"']) {
        expect(nodes, node).toContain(node);
      }
      // S1: suspended is a cause set, not a state node; both live phases are reached with and without.
      const shown = new Set(
        paths.map((p) => `${phaseOf(p.state)} ${p.state.context.causes === 0 ? 'free' : 'held'}`),
      );
      for (const seen of ['test free', 'test held', 'active free', 'active held'])
        expect(shown, seen).toContain(seen);
    });

    it(`holds the status invariants in each state (${input.iccid})`, () => {
      for (const path of paths) {
        const state = path.state;
        const view = cardStatusView(state);
        const where = path.steps.map((s) => s.event.type).join(' > ') || 'start';
        expect(viewProblems(view, where)).toEqual([]);
        if (['In use', 'Test period', 'Silent period'].includes(view.specificStatus))
          expect(view.causes, where).toEqual([]);
        if (phaseOf(state) === 'silent') expect(state.context.causes, where).toBe(0);
        if (phaseOf(state) === 'active') expect(state.context.activatedAt, where).not.toBeNull();
      }
    });

    it(`canceled is final: every event is refused there (${input.iccid})`, () => {
      const canceled = paths.find((p) => phaseOf(p.state) === 'canceled')!;
      const actor = createActor(cardMachine, { input, snapshot: canceled.state });
      actor.start();
      expect(actor.getSnapshot().status).toBe('done');
      for (const event of events) expect(actor.getSnapshot().can(event), event.type).toBe(false);
    });
  }

  it('L2 the test period cannot be had twice on any path', () => {
    const paths = getShortestPaths(cardMachine, { input: inputs[0]!, events });
    for (const path of paths) {
      const tests = path.steps.filter((s) => s.event.type === 'REQUEST_TEST_PERIOD').length;
      expect(tests).toBeLessThanOrEqual(1);
    }
  });
});
