// Rewinding the live twin, measured (issue: Seeded replay, rewinding; issue: the live server).
// Run with `npx tsx bench/rewind.ts [cards] [months]` (defaults 100000 and 7).
//
// Serves the benchmark's standard fleet with a data folder (SQLite, as `cardtwin serve --data-dir`),
// runs the clock as fast as it goes to `months`, then: rewinds 6 months through the REST API
// (POST /api/clock {action: rewind}), restarts the server on the same folder, and reports what each
// took, the snapshots' cost while running, and whether the hashes match the uninterrupted run's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { standardFleet } from '../sim/bench/standard-fleet.ts';
import { addMonths, formatDateTime } from '../sim/time/calendar.ts';
import { buildApp } from '../server/app.ts';

const cards = Number(process.argv[2] ?? 100_000);
const months = Number(process.argv[3] ?? 7);
const scenario = standardFleet({ cards, months: 12, seed: 1 });
const dataDir = mkdtempSync(join(tmpdir(), 'cardtwin-rewind-'));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
try {
  const first = await buildApp({ scenario, dataDir });
  const target = addMonths(scenario.start, months - 6);
  let t = performance.now();
  first.live.advanceTo(target);
  await first.live.settled();
  const hashAtTarget = first.live.world.hash();
  first.live.advanceTo(addMonths(scenario.start, months));
  await first.live.settled();
  const runMs = performance.now() - t;
  const snapshots = first.live.snapshotTimes().length;
  console.log(
    `${scenario.name}: to ${formatDateTime(first.live.world.now())} in ${seconds(runMs)}` +
      ` (${snapshots} snapshots kept, the last took ${first.live.lastSnapshotWallMs.toFixed(0)} ms)`,
  );

  t = performance.now();
  const reply = await first.app.inject({
    method: 'POST',
    url: '/api/clock',
    payload: { action: 'rewind', to: formatDateTime(target) },
  });
  const rewindMs = performance.now() - t;
  if (reply.statusCode !== 200) throw new Error(`rewind refused: ${reply.body}`);
  const restoredFrom = first.live.restoredFrom;
  console.log(
    `rewind 6 months to ${formatDateTime(target)}: ${seconds(rewindMs)}, from the snapshot of ` +
      `${restoredFrom === undefined ? 'nothing (the start)' : formatDateTime(restoredFrom)}; hash ` +
      `${first.live.world.hash() === hashAtTarget ? 'same as the uninterrupted run' : 'DIFFERENT'}`,
  );
  const hashAfterRewind = first.live.world.hash();
  await first.app.close();

  t = performance.now();
  const second = await buildApp({ scenario, dataDir });
  const restartMs = performance.now() - t;
  console.log(
    `restart on the same folder: ${seconds(restartMs)}, hash ` +
      `${second.live.world.hash() === hashAfterRewind ? 'same' : 'DIFFERENT'}`,
  );
  await second.app.close();
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
