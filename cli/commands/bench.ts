// `cardtwin bench [--cards n] [--months m] [--workers w] [--json]`: the standard fleet
// (sim/bench/standard-fleet.ts) through m months as fast as this machine allows, split into shards
// that share no pool (sim/bench/shard-fleet.ts) and run on w threads (cli/bench/run-sharded.ts); what
// it took, in the terms of the performance issue: card-days per second, lifecycle events per second,
// peak memory, and the run hash (the same on every run with the same seed, whatever the workers).
import { availableParallelism } from 'node:os';
import { shardScenario } from '../../sim/bench/shard-fleet.ts';
import { combineShardResults } from '../../sim/bench/sharded-run.ts';
import { standardFleet } from '../../sim/bench/standard-fleet.ts';
import { runShards } from '../bench/run-sharded.ts';
import { intFlag, parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';

export const benchHelp = `Usage: cardtwin bench [--cards n] [--months m] [--seed s] [--workers w] [--json]

Runs the standard fleet (every carrier and plan type, smart cards, devices from idle to camera,
test periods, usage limits, automatic renewal, IMEI swaps, abnormal suspensions, pools) through m
months (default 12) as fast as possible. Presets: --cards 10000 (default), 100000, 1000000.

The fleet is split into shards that share no pool: each pool's cards form one shard, the other
cards are cut into 32 near-equal parts; every shard is its own world with a seed drawn from --seed
and its number. --workers w runs the shards on w worker threads, largest first (default: the cores
available, at most one per shard); --workers 1 runs them one after another in this thread. The
shards, and so the hash, never depend on w.

Prints cards and sub-cards, sim days, shards and workers, wall seconds (from the start of the shards
until every result is in: worker start-up included, their stopping after not), card-days per second
(cards × sim days / wall seconds), lifecycle events per second (status changes), total events (sums
over the shards), the slowest shard, peak RSS of the whole process (every thread), heap used (the
largest one thread had in use at the end of a shard), and the run hash: SHA-256 over the shards'
hashes in shard order, so the same seed gives the same hash on every run and machine, with any
number of workers. --json adds shardTimes: each shard's cards, wall seconds, and when it started
after the bench began.`;

export async function benchCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('bench', args, {
    cards: { type: 'string' },
    months: { type: 'string' },
    seed: { type: 'string' },
    workers: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(benchHelp);
    return EXIT.ok;
  }
  const cards = intFlag('bench', 'cards', values.cards, 1) ?? 10_000;
  const months = intFlag('bench', 'months', values.months, 1) ?? 12;
  if (months > 120) throw new UsageError('cardtwin bench: --months is at most 120');
  const seed = intFlag('bench', 'seed', values.seed) ?? 1;
  const scenario = standardFleet({ cards, months, seed });
  const shards = shardScenario(scenario);
  const workers = Math.min(
    intFlag('bench', 'workers', values.workers, 1) ?? availableParallelism(),
    shards.length,
  );
  const startedMs = performance.now();
  const startedAtMs = performance.timeOrigin + startedMs;
  // Wall time: from here until every shard's result is in (worker start-up included; stopping the
  // workers afterwards is not, and overlaps the output).
  const { measured, closed } = await runShards(shards, workers);
  const wallSeconds = (performance.now() - startedMs) / 1000;
  const result = combineShardResults(measured.map((m) => m.result));
  const simDays = Math.round((scenario.until - scenario.start) / 86_400_000);
  const subCards = shards.reduce((n, shard) => n + shard.subCards, 0);
  const heapUsedBytes = Math.max(...measured.map((m) => m.heapUsedBytes));
  const figures = {
    cards: result.cards,
    subCards,
    simDays,
    shards: result.shards,
    workers,
    wallSeconds: round(wallSeconds, 2),
    cardDaysPerSecond: Math.round((result.cards * simDays) / wallSeconds),
    lifecycleEventsPerSecond: Math.round(result.lifecycleEvents / wallSeconds),
    lifecycleEvents: result.lifecycleEvents,
    totalEvents: result.events,
    // getrusage counts every thread of the process, so the workers' memory is in it.
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedMB: Math.round(heapUsedBytes / 2 ** 20),
    hash: result.hash,
    // Where the wall time went: each shard's own time and when it started, after the bench began.
    shardTimes: measured.map((m) => ({
      shard: m.result.shard,
      cards: m.result.cards,
      startedAtSeconds: round((m.startedAtMs - startedAtMs) / 1000, 2),
      wallSeconds: round(m.wallSeconds, 2),
    })),
  };
  if (values.json) {
    io.out(JSON.stringify(figures, null, 2));
    await closed;
    return EXIT.ok;
  }
  const rows: [string, string][] = [
    ['cards', `${figures.cards.toLocaleString('en')} (${figures.subCards.toLocaleString('en')} sub-cards)`],
    ['sim days', String(figures.simDays)],
    [
      'shards',
      `${figures.shards} on ${figures.workers === 1 ? 'this thread' : `${figures.workers} worker threads`}`,
    ],
    ['wall seconds', figures.wallSeconds.toFixed(2)],
    ['card-days / s', figures.cardDaysPerSecond.toLocaleString('en')],
    [
      'lifecycle events / s',
      `${figures.lifecycleEventsPerSecond.toLocaleString('en')} (${figures.lifecycleEvents.toLocaleString('en')} status changes)`,
    ],
    ['total events', figures.totalEvents.toLocaleString('en')],
    ['slowest shard', slowestShard(figures.shardTimes)],
    ['peak RSS', `${figures.peakRssMB.toLocaleString('en')} MB`],
    ['heap used', `${figures.heapUsedMB.toLocaleString('en')} MB`],
  ];
  io.out(scenario.name);
  for (const [label, value] of rows) io.out(`  ${label.padEnd(22)} ${value}`);
  io.out(`hash: ${figures.hash}`);
  await closed;
  return EXIT.ok;
}

function slowestShard(times: readonly { shard: number; cards: number; wallSeconds: number }[]): string {
  const slowest = times.reduce((a, b) => (b.wallSeconds > a.wallSeconds ? b : a));
  return `${slowest.shard} (${slowest.cards.toLocaleString('en')} cards): ${slowest.wallSeconds.toFixed(2)} s`;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
