// The seeds and the run hash of a sharded run. Both are functions of the run seed and the shard number
// only, and the shards are functions of the scenario only (shard-fleet.ts), so how many workers ran
// them, and in what order they finished, changes nothing. node:crypto is pure computation, allowed in
// sim/ (as in record/run-hash.ts).
import { createHash } from 'node:crypto';

/** The seed of shard `shard` of a run seeded `runSeed`: the first 48 bits of a SHA-256, so every
 * shard draws its own streams and a different run seed changes them all. */
export function shardSeed(runSeed: number, shard: number): number {
  const hex = createHash('sha256').update(`cardtwin shard\u0000${runSeed}\u0000${shard}`).digest('hex');
  return Number.parseInt(hex.slice(0, 12), 16);
}

/** The hash of a sharded run: SHA-256 over the shards' run hashes, in shard order. */
export function combineShardHashes(hashes: readonly string[]): string {
  return createHash('sha256')
    .update(`cardtwin sharded run\u0000${hashes.length}\u0000${hashes.join('\n')}`)
    .digest('hex');
}
