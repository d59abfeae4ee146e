// One shard's run with what it cost in the thread that ran it: the same in the main thread and in a
// worker.
import { runShard, type ShardResult } from '../../sim/bench/sharded-run.ts';
import type { Scenario } from '../../sim/scenario/types.ts';

export interface MeasuredShard {
  readonly result: ShardResult;
  readonly wallSeconds: number;
  /** When it started, in ms since the epoch (comparable across threads, unlike performance.now()). */
  readonly startedAtMs: number;
  /** This thread's V8 heap in use when the shard ended (its world not yet collected). */
  readonly heapUsedBytes: number;
}

export function measureShard(shard: number, scenario: Scenario): MeasuredShard {
  const startedMs = performance.now();
  const result = runShard(shard, scenario);
  return {
    result,
    wallSeconds: (performance.now() - startedMs) / 1000,
    startedAtMs: performance.timeOrigin + startedMs,
    heapUsedBytes: process.memoryUsage().heapUsed,
  };
}
