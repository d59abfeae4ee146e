// `npx tsx bench/shard.ts [cards] [months] [shard]`: one shard of the standard fleet in this thread,
// timed: what a profile of the slowest shard (the largest pool's) is taken from.
import { shardScenario } from '../sim/bench/shard-fleet.ts';
import { runShard } from '../sim/bench/sharded-run.ts';
import { standardFleet } from '../sim/bench/standard-fleet.ts';

const [cards = 100_000, months = 12, only] = process.argv.slice(2).map(Number);
const shards = shardScenario(standardFleet({ cards, months, seed: 1 }));
for (const [i, shard] of shards.entries()) {
  if (only !== undefined && i !== only) continue;
  const started = performance.now();
  const result = runShard(i, shard.scenario);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `shard ${i}: ${result.cards} cards, ${result.lifecycleEvents} status changes, ${result.events} events, ${seconds.toFixed(2)} s, ${result.hash.slice(0, 8)}`,
  );
}
