// Ad-hoc: a mixed fleet through some months, for profiling (node --cpu-prof --import tsx bench/profile-year.ts N MONTHS).
import { Randomness } from '../sim/random.ts';
import { Harness, MB } from '../sim/testing/harness.ts';
import { DAY_MS, addMonths, parseDateTime } from '../sim/time/calendar.ts';

const total = Number(process.argv[2] ?? 2000);
const months = Number(process.argv[3] ?? 3);
const MIX = [
  ['CM_SC_M_1_100M', 0.2],
  ['CU_SCD_M_1_1G', 0.1],
  ['CT_SF_M_1_30M', 0.15],
  ['CM_SFD_Y_2_1G', 0.05],
  ['CU_UP_M_1_P1', 0.15],
  ['CT_UPG_M_2_P2', 0.05],
  ['AL_SC_M_1_1G', 0.15],
  ['AL_SF_M_1_100M', 0.15],
] as const;
const PROFILES = ['meter', 'tracker', 'pos', 'camera', 'idle'];
const t0 = performance.now();
const h = new Harness('2026-01-01', 5);
const world = h.world;
const pick = new Randomness(5).stream('fleet');
world.addPool('P1', Math.round((total / 10000) * 200) * 1024 * MB);
world.addPool('P2', Math.round((total / 10000) * 20) * 1024 * MB);
const cards = MIX.flatMap(([code, share]) =>
  h.buy(code, { count: Math.round(total * share), periods: 12, autoRenew: pick.bernoulli(0.5) }),
);
for (const card of cards) if (pick.bernoulli(0.9)) h.device(card, pick.pick(PROFILES));
const end = addMonths(parseDateTime('2026-01-01'), months);
while (world.now() < end) {
  world.runUntil(Math.min(end, world.now() + 7 * DAY_MS));
  for (let n = pick.poisson(10); n > 0; n--) world.devices.swap(pick.pick(cards));
}
console.log(
  `${cards.length} cards, ${months} months: ${((performance.now() - t0) / 1000).toFixed(1)} s, ${world.eventCount} events`,
);
