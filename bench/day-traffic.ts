// Benchmark of sim/devices/day-traffic.ts. Run with `npx tsx bench/day-traffic.ts`.
//
// The twin's budget: 1,000,000 cards through a year in about a minute on 2 cores is ~365 million
// card-days, so the daily fast path (dayTotals) has to run at well over 20 million calls a second on
// one core, leaving time for everything else. The slow path (daySessions) runs only on the rare
// card-days where something happens mid-day; it is measured in sessions per second.
// Each figure is the best of a few repetitions, to keep JIT warm-up and GC out of the comparison.
import { performance } from 'node:perf_hooks';
import { runKeyOf } from '../sim/devices/counter-rng.ts';
import { dayTotals, daySessions, type DayTotals } from '../sim/devices/day-traffic.ts';
import { BUILT_IN_PROFILES, makeProfile, type DeviceProfile } from '../sim/devices/profiles.ts';

const repetitions = 3;
const runKey = runKeyOf(42);
const firstDay = 20_454; // 2026-01-01 in Beijing
const days = 365;
const devices = Math.ceil(10_000_000 / days);
const calls = devices * days;

// Fleets, assigned card by card in turn, so consecutive cards have different profiles.
const builtIns: readonly DeviceProfile[] = Object.values(BUILT_IN_PROFILES);
// Two profiles that both take the silence test (sessionsPerDay < 23) alternate, so its cache of the
// last session mean misses on every card: the worst case.
const lowRates: readonly DeviceProfile[] = [
  BUILT_IN_PROFILES.meter,
  makeProfile('weekly', { dailyMB: 0.5, sessionsPerDay: 1 / 7, dailySpread: 0.3, whitelistedShare: 0.5 }),
];

function best(measure: () => number): number {
  let fastest = Infinity;
  for (let r = 0; r < repetitions; r++) fastest = Math.min(fastest, measure());
  return fastest;
}

/** The world's order: each day, every card in turn. Returns ms; the bytes are summed so that the
 *  calls cannot be optimised away. */
function byDay(fleet: readonly DeviceProfile[]): number {
  const out: DayTotals = { totalBytes: 0, whitelistedBytes: 0 };
  let bytes = 0;
  const start = performance.now();
  for (let day = firstDay; day < firstDay + days; day++) {
    for (let device = 0; device < devices; device++) {
      dayTotals(runKey, device, day, fleet[device % fleet.length]!, out);
      bytes += out.totalBytes;
    }
  }
  const ms = performance.now() - start;
  if (!(bytes > 0)) throw new Error('no traffic generated');
  return ms;
}

/** One card's year after another: the order a worker recomputing a card's history would use. */
function byCard(fleet: readonly DeviceProfile[]): number {
  const out: DayTotals = { totalBytes: 0, whitelistedBytes: 0 };
  let bytes = 0;
  const start = performance.now();
  for (let device = 0; device < devices; device++) {
    const profile = fleet[device % fleet.length]!;
    for (let day = firstDay; day < firstDay + days; day++) {
      dayTotals(runKey, device, day, profile, out);
      bytes += out.totalBytes;
    }
  }
  const ms = performance.now() - start;
  if (!(bytes > 0)) throw new Error('no traffic generated');
  return ms;
}

function report(label: string, ms: number): void {
  const perSecond = (calls / ms) * 1000;
  console.log(
    `dayTotals ${label.padEnd(38)} ${(perSecond / 1e6).toFixed(1).padStart(5)} million calls/s ` +
      `(${((ms * 1e6) / calls).toFixed(0)} ns each; 365 million card-days: ${(365e6 / perSecond).toFixed(1)} s)`,
  );
}

console.log(
  `${calls.toLocaleString('en')} calls per figure (${devices.toLocaleString('en')} cards x ${days} days)`,
);
report(
  'built-ins, by day (the world)',
  best(() => byDay(builtIns)),
);
report(
  'built-ins, by card',
  best(() => byCard(builtIns)),
);
report(
  'meter + weekly alternating, by day',
  best(() => byDay(lowRates)),
);
report(
  'tracker only, by day',
  best(() => byDay([BUILT_IN_PROFILES.tracker])),
);

for (const name of ['meter', 'tracker', 'pos', 'camera'] as const) {
  const sampleDays = 20_000;
  let sessions = 0;
  const ms = best(() => {
    sessions = 0;
    const start = performance.now();
    for (let i = 0; i < sampleDays; i++) {
      sessions += daySessions(runKey, i, firstDay + (i % days), BUILT_IN_PROFILES[name]).count;
    }
    return performance.now() - start;
  });
  console.log(
    `daySessions ${name.padEnd(7)} ${(((sessions / ms) * 1000) / 1e6).toFixed(1).padStart(5)} million sessions/s ` +
      `(${((ms * 1000) / sessions).toFixed(2)} µs a session, ${((ms * 1000) / sampleDays).toFixed(1)} µs a day ` +
      `of ${(sessions / sampleDays).toFixed(1)} sessions on average)`,
  );
}
