// A 10,000-card mixed fleet (every plan type, every profile, smart cards, pools, IMEI swaps) runs a
// simulated year in one test, twice, to the same hash (RULES.md I5; ARCHITECTURE.md Determinism).
import { describe, expect, it } from 'vitest';
import { Randomness } from './random.ts';
import { Harness, MB } from './testing/harness.ts';
import { DAY_MS, parseDateTime } from './time/calendar.ts';

const MIX = [
  ['CM_SC_M_1_100M', 2000],
  ['CU_SCD_M_1_1G', 1000],
  ['CT_SF_M_1_30M', 1500],
  ['CM_SFD_Y_2_1G', 500],
  ['CU_UP_M_1_P1', 1500],
  ['CT_UPG_M_2_P2', 500],
  ['AL_SC_M_1_1G', 1500],
  ['AL_SF_M_1_100M', 1500],
] as const;
const PROFILES = ['meter', 'tracker', 'pos', 'camera', 'idle'];

function year(seed: number): { hash: string; events: number; statuses: Record<string, number> } {
  const h = new Harness('2026-01-01', seed);
  const world = h.world;
  const pick = new Randomness(seed).stream('fleet');
  world.addPool('P1', 200 * 1024 * MB);
  world.addPool('P2', 20 * 1024 * MB);
  const cards = MIX.flatMap(([code, count]) =>
    h.buy(code, {
      count,
      periods: 12,
      idVerification: pick.bernoulli(0.05),
      autoRenew: pick.bernoulli(0.5),
      activateOnFirstTraffic: pick.bernoulli(0.5),
    }),
  );
  for (const card of cards) {
    if (pick.bernoulli(0.1)) h.ok(card, { type: 'REQUEST_TEST_PERIOD' });
    if (pick.bernoulli(0.9)) h.device(card, pick.pick(PROFILES));
  }
  // IMEI swaps at a small seeded rate through the year.
  const end = parseDateTime('2027-01-01');
  while (world.now() < end) {
    world.runUntil(Math.min(end, world.now() + 7 * DAY_MS));
    for (let n = pick.poisson(10); n > 0; n--) world.devices.swap(pick.pick(cards));
  }
  const statuses: Record<string, number> = {};
  for (const card of cards)
    statuses[card.view.specificStatus] = (statuses[card.view.specificStatus] ?? 0) + 1;
  return { hash: world.hash(), events: world.eventCount, statuses };
}

describe('a year of a mixed fleet', () => {
  it('I5 10,000 cards of every plan type and profile run a year to the same hash twice', () => {
    const first = year(5);
    const second = year(5);
    expect(second.hash).toBe(first.hash);
    expect(second.events).toBe(first.events);
    expect(Object.keys(first.statuses).length).toBeGreaterThan(3);
    console.info(`10,000 cards, 2026: ${first.events} events, statuses ${JSON.stringify(first.statuses)}`);
  });
});
