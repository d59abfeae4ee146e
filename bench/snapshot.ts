// Snapshots and rewinding, measured (issue: Seeded replay, rewinding). Run with
// `npx tsx bench/snapshot.ts [cards] [months]` (defaults 100000 and 7).
//
// Runs the benchmark's standard fleet for `months`, saving the run at every 7th day end (as the
// server does), then rewinds 6 months: restores the latest snapshot at or before the target and
// runs on to it. Prints the cost of a save, of encoding it (v8), of a restore, the rewind's wall
// time, and checks the rewound world's hash against the hash the uninterrupted run had there.
import { performance } from 'node:perf_hooks';
import { standardFleet } from '../sim/bench/standard-fleet.ts';
import { ScenarioRun, type ScenarioRunState } from '../sim/scenario/runner.ts';
import { addMonths, DAY_MS } from '../sim/time/calendar.ts';
import { ArrayKeys, decodeRunState, encodeRunState, type UsageArray } from '../server/snapshot-codec.ts';

const cards = Number(process.argv[2] ?? 100_000);
const months = Number(process.argv[3] ?? 7);
const scenario = standardFleet({ cards, months: 12, seed: 1 });
const target = addMonths(scenario.start, months - 6);
// Shared usage arrays held in memory, as a store would hold them.
const stored = new Map<string, UsageArray>();
const shared = new ArrayKeys((key) => stored.get(key));
const saved: { at: number; bytes: Buffer }[] = [];
let saveMs = 0;
let encodeMs = 0;
let dayEnds = 0;
const holder: { run?: ScenarioRun } = {};
const started = performance.now();
const run = new ScenarioRun(scenario, {
  onWorld: (world) =>
    world.onDayClosed(() => {
      if (++dayEnds % 7 !== 0 || !holder.run) return;
      let t = performance.now();
      const state = holder.run.save();
      saveMs += performance.now() - t;
      t = performance.now();
      const encoded = encodeRunState(state, shared);
      for (const [key, values] of encoded.arrays) stored.set(key, values);
      saved.push({ at: state.world.at, bytes: encoded.data });
      encodeMs += performance.now() - t;
    }),
});
holder.run = run;
run.advanceTo(target);
const hashAtTarget = run.world.hash();
run.advanceTo(addMonths(scenario.start, months));
const runMs = performance.now() - started;
const from = run.world.now();

// Rewind by 6 months: the latest snapshot at or before the target, then on to it.
const rewindStarted = performance.now();
const nearest = saved.filter((s) => s.at <= target).at(-1)!;
let t = performance.now();
const state: ScenarioRunState = decodeRunState(nearest.bytes, shared);
const decodeMs = performance.now() - t;
t = performance.now();
const rewound = new ScenarioRun(scenario, {}, state);
const restoreMs = performance.now() - t;
t = performance.now();
rewound.advanceTo(target);
const rerunMs = performance.now() - t;
const rewindMs = performance.now() - rewindStarted;

const mb = (n: number) => (n / 2 ** 20).toFixed(1);
const sizes = saved.map((s) => s.bytes.length);
console.log(
  `${scenario.name}: ran to ${new Date(from).toISOString().slice(0, 10)} in ${(runMs / 1000).toFixed(1)} s`,
);
console.log(
  `  snapshots: ${saved.length} (every 7th day end), save ${(saveMs / saved.length).toFixed(0)} ms each, encode ${(encodeMs / saved.length).toFixed(0)} ms each`,
);
console.log(
  `  encoded size: last ${mb(sizes.at(-1)!)} MB, all ${mb(sizes.reduce((a, b) => a + b, 0))} MB; shared usage arrays kept once`,
);
console.log(
  `  rewind 6 months to ${new Date(target).toISOString().slice(0, 10)}: ${(rewindMs / 1000).toFixed(2)} s = decode ${decodeMs.toFixed(0)} ms + restore ${restoreMs.toFixed(0)} ms + re-run ${((target - nearest.at) / DAY_MS).toFixed(1)} days ${rerunMs.toFixed(0)} ms`,
);
console.log(
  `  hash at the target: uninterrupted ${hashAtTarget.slice(0, 16)}…, rewound ${rewound.world.hash().slice(0, 16)}… ${hashAtTarget === rewound.world.hash() ? 'same' : 'DIFFERENT'}`,
);
console.log(`  peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
