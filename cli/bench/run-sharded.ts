// Runs a sharded scenario's shards (sim/bench/shard-fleet.ts) on n threads: with one, in this thread,
// one after another; with more, on that many worker threads, each taking the next shard as it
// finishes one, the largest first so that the big pool shards do not end up last. Which thread runs
// which shard changes only the wall time: the results come back in shard order.
import { Worker } from 'node:worker_threads';
import type { FleetShard } from '../../sim/bench/shard-fleet.ts';
import { measureShard, type MeasuredShard } from './measure-shard.ts';
import { workerEntry } from './worker-bundle.ts';

/** A rough cost for ordering only: pooled cards cost about twice a lone card (pool accounting, pool
 * exhaustion), every sub-card about one more. */
export function shardCost(shard: FleetShard): number {
  return shard.cards * (shard.pools.length > 0 ? 2 : 1) + shard.subCards;
}

// A young generation of up to 384 MB (128 MB semi-spaces; V8 starts small and grows it only as a
// shard needs). A pool running dry changes every card of the pool at one instant, and each card's new
// machine snapshot outlives the young generation: with room for more of them, fewer scavenges copy
// them. Measured at 1,000,000 cards, 2 workers: 154 s with V8's default (16 MB semi-spaces), 145 s
// with 192 MB, 140 s with 384 MB; peak RSS 2.8 -> 3.4 GB.
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 384 };

/** The shards' results, in shard order, and the worker threads' end. */
export interface ShardRun {
  readonly measured: MeasuredShard[];
  /**
   * Resolves when the worker threads are gone. They are stopped once every result is in, without
   * holding up the results: tearing down a worker whose heap holds a finished world took about 0.1 s
   * at 100,000 cards, time in which the bench has nothing more to compute.
   */
  readonly closed: Promise<void>;
}

export async function runShards(shards: readonly FleetShard[], workers: number): Promise<ShardRun> {
  const queue = [...shards].sort((a, b) => shardCost(b) - shardCost(a) || a.shard - b.shard);
  const measured: MeasuredShard[] = [];
  const inShardOrder = () => measured.sort((a, b) => a.result.shard - b.result.shard);
  if (workers <= 1) {
    for (const shard of queue) measured.push(measureShard(shard.shard, shard.scenario));
    return { measured: inShardOrder(), closed: Promise.resolve() };
  }
  const entry = await workerEntry();
  const threads: Worker[] = [];
  const close = async () => {
    await Promise.all(threads.map((thread) => thread.terminate()));
    entry.dispose();
  };
  try {
    for (let i = 0; i < Math.min(workers, shards.length); i++)
      threads.push(new Worker(entry.url, { resourceLimits: WORKER_LIMITS }));
    await Promise.all(
      threads.map(async (thread) => {
        for (let next = queue.shift(); next; next = queue.shift()) measured.push(await runOn(thread, next));
      }),
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { measured: inShardOrder(), closed: close() };
}

function runOn(thread: Worker, shard: FleetShard): Promise<MeasuredShard> {
  return new Promise((resolve, reject) => {
    const done = () => {
      thread.off('message', onMessage);
      thread.off('error', onError);
      thread.off('exit', onExit);
    };
    const onMessage = (message: MeasuredShard) => {
      done();
      resolve(message);
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`a bench worker stopped (exit code ${code}) while running shard ${shard.shard}`));
    };
    thread.on('message', onMessage);
    thread.on('error', onError);
    thread.on('exit', onExit);
    thread.postMessage({ shard: shard.shard, scenario: shard.scenario });
  });
}
