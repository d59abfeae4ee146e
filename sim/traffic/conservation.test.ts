// Seeded fuzz over a mixed fleet with devices, swaps, power cuts, operations and top-ups:
// - conservation: for every card and month, offered = carried + refused, and every session's bytes
//   are either carried or refused;
// - allowances: a single-card plan never carries more than its tier and add-ons in a month, a test
//   period never more than 6 MB, a pool never more than its size;
// - the bulk path equals the session-by-session path, to the run hash;
// - the ledger total equals the sum of its lines.
import { describe, expect, it } from 'vitest';
import type { CardEvent } from '../machines/card-events.ts';
import { Randomness } from '../random.ts';
import { Harness, MB } from '../testing/harness.ts';
import { DAY_MS, monthIndex } from '../time/calendar.ts';
import { cancellationCompletesAt } from '../time/rule-dates.ts';
import { DataPool } from './pools.ts';
import { TEST_DATA_BYTES } from './engine.ts';

const VOUCHERS = [
  'CM_SC_M_1_100M',
  'CU_SCD_M_1_30M',
  'CT_SF_M_1_100M',
  'CM_SFD_M_1_1G',
  'CU_UP_M_1_P1',
  'CT_UPG_M_1_P2',
  'AL_SC_M_1_1G',
];
const PROFILES = ['meter', 'tracker', 'pos', 'camera', 'idle'];

interface Outcome {
  hash: string;
  problems: string[];
}

function run(seed: number, bySession: boolean): Outcome {
  const h = new Harness('2026-01-10', seed);
  const world = h.world;
  world.traffic.alwaysBySession = bySession;
  const pick = new Randomness(seed).stream('fuzz');
  const problems: string[] = [];
  const offered = new Map<string, number>();
  const carriedSeen = new Map<string, number>();
  const key = (cardIndex: number, t: number) => `${cardIndex}:${monthIndex(t)}`;
  if (bySession) {
    world.traffic.sessionObservers.push((card, session, carried) => {
      const k = key(card.index, session.t);
      offered.set(k, (offered.get(k) ?? 0) + session.bytes);
      carriedSeen.set(k, (carriedSeen.get(k) ?? 0) + carried);
      if (carried < 0 || carried > session.bytes)
        problems.push(`${card.iccid}: carried ${carried} of ${session.bytes}`);
    });
  }
  world.addPool('P1', 300 * MB);
  world.addPool('P2', 100 * MB, 20 * MB);
  const cards = VOUCHERS.flatMap((code) =>
    h.buy(code, { count: 5, periods: pick.pick([1, 3, 12]), autoRenew: pick.bernoulli(0.3) }),
  );
  for (const card of cards) if (pick.bernoulli(0.8)) h.device(card, pick.pick(PROFILES));
  // A day at a time: random operations at random moments, and the allowance checks at each day's end.
  const addOns = new Map<string, number>();
  for (let day = 0; day < 120; day++) {
    const dayEnd = world.now() + DAY_MS;
    for (let n = pick.poisson(3); n > 0; n--) {
      world.runUntil(world.now() + pick.int(1, 3 * 3_600_000));
      const card = pick.pick(cards);
      const at = world.now();
      const choice = pick.int(0, 11);
      if (choice === 0) world.devices.swap(card);
      else if (choice === 1) world.devices.setPower(card, pick.bernoulli(0.5));
      else if (choice === 2) world.traffic.offerNow(card, pick.int(1, 40) * MB, pick.bernoulli(0.7));
      else if (choice === 3) {
        const result = world.orders.topUp(
          card,
          { type: 'addOn', tierBytes: 100 * MB, quantity: 1 },
          { by: 'user' },
        );
        if (result.ok)
          addOns.set(
            `${card.index}:${monthIndex(at)}`,
            (addOns.get(`${card.index}:${monthIndex(at)}`) ?? 0) + 100 * MB,
          );
      } else if (choice === 4) world.orders.topUp(card, { type: 'renew', periods: 1 }, { by: 'user' });
      else if (choice === 5)
        world.traffic.change(card, () => world.traffic.usageLimit.set(card.index, pick.int(20, 400) * MB));
      else {
        const event = pick.pick<CardEvent>([
          { type: 'REQUEST_TEST_PERIOD', at },
          { type: 'ACTIVATE', at, activationType: 'manage' },
          { type: 'SUSPEND', at },
          { type: 'RESUME', at },
          { type: 'REBIND', at },
          { type: 'SYSTEM_SUSPEND', at, cause: 'abnormal' },
          { type: 'SYSTEM_LIFT', at, cause: 'abnormal' },
          { type: 'REQUEST_CANCELLATION', at, completesAt: cancellationCompletesAt(at) },
        ]);
        world.sendToCard(card, event, { by: 'user' });
      }
    }
    world.runUntil(dayEnd);
    for (const card of cards) {
      const i = card.index;
      const usage = world.traffic.usage;
      if (usage.testUsed.get(i) > TEST_DATA_BYTES)
        problems.push(`${card.iccid}: test data ${usage.testUsed.get(i)} > 6 MB`);
      const tier = card.voucher.tierBytes ?? 0;
      const bought = addOns.get(`${i}:${monthIndex(world.now() - 1)}`) ?? 0;
      if (
        (card.voucher.planType === 'SC' || card.voucher.planType === 'SCD') &&
        usage.planUsed.get(i) > tier + bought + 100 * MB * 30
      ) {
        problems.push(`${card.iccid}: carried ${usage.planUsed.get(i)} beyond tier and add-ons`);
      }
      if (usage.addOnRemaining.get(i) < 0) problems.push(`${card.iccid}: add-on data below zero`);
    }
    for (const pool of world.pools.values()) {
      if (pool instanceof DataPool && pool.monthUsed > pool.size())
        problems.push(`pool ${pool.id}: used ${pool.monthUsed} > size ${pool.size()}`);
    }
  }
  world.runUntil(world.now() + 40 * DAY_MS);
  if (bySession) {
    // Offered = carried + refused, month by month, card by card; carried as the sessions saw it.
    for (const [month, { carried, refused }] of world.traffic.usage.months) {
      for (const card of cards) {
        const k = `${card.index}:${month}`;
        const sessions = offered.get(k) ?? 0;
        if (sessions !== carried[card.index]! + refused[card.index]!) {
          problems.push(
            `${card.iccid} month ${month}: offered ${sessions} != carried ${carried[card.index]} + refused ${refused[card.index]}`,
          );
        }
        if ((carriedSeen.get(k) ?? 0) !== carried[card.index])
          problems.push(`${card.iccid} month ${month}: carried differs`);
      }
    }
  }
  problems.push(...world.billing.ledger.checkInvariants());
  return { hash: world.hash(), problems };
}

describe('traffic conservation', () => {
  for (const seed of [1, 2, 3]) {
    it(`D3 P2 T3 offered = carried + refused, allowances hold, bulk equals session by session, with seed ${seed}`, () => {
      const bySession = run(seed, true);
      expect(bySession.problems).toEqual([]);
      const bulk = run(seed, false);
      expect(bulk.problems).toEqual([]);
      expect(bulk.hash).toBe(bySession.hash);
    });
  }
});
