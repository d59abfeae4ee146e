// One shard of a sharded run, and the sum of all of them. Pure: the command line decides which thread
// runs which shard (cli/bench/), and whatever it decides, the combined result is the same.
import { runScenario } from '../scenario/runner.ts';
import type { Scenario } from '../scenario/types.ts';
import type { World } from '../world.ts';
import { combineShardHashes } from './sharded-hash.ts';

/** What one shard's run gives back (plain data, so it crosses a worker boundary as is). */
export interface ShardResult {
  readonly shard: number;
  readonly hash: string;
  readonly cards: number;
  /** Every event of the shard's world. */
  readonly events: number;
  /** Status changes (`card.status` events). */
  readonly lifecycleEvents: number;
}

export interface ShardedRunResult {
  readonly shards: number;
  readonly hash: string;
  readonly cards: number;
  readonly events: number;
  readonly lifecycleEvents: number;
}

export function runShard(shard: number, scenario: Scenario): ShardResult {
  let world: World | undefined;
  // The world's own count of status changes: a subscriber to count them would put every event of the
  // run through RxJS.
  const result = runScenario(scenario, { onWorld: (made) => (world = made) });
  const lifecycleEvents = world?.statusChangeCount ?? 0;
  return { shard, hash: result.hash, cards: result.cards, events: result.events, lifecycleEvents };
}

/** The run's figures from its shards' results, in any order: sums, and the hash in shard order. */
export function combineShardResults(results: readonly ShardResult[]): ShardedRunResult {
  const ordered = [...results].sort((a, b) => a.shard - b.shard);
  ordered.forEach((r, i) => {
    if (r.shard !== i) throw new RangeError(`shard results: expected shard ${i}, got ${r.shard}`);
  });
  return {
    shards: ordered.length,
    hash: combineShardHashes(ordered.map((r) => r.hash)),
    cards: ordered.reduce((n, r) => n + r.cards, 0),
    events: ordered.reduce((n, r) => n + r.events, 0),
    lifecycleEvents: ordered.reduce((n, r) => n + r.lifecycleEvents, 0),
  };
}
