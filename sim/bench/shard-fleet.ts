// Splits a fleet scenario into independent shards for the sharded benchmark (issue #10: use both
// cores). Cards that share a pool share a world, so every pool's fleet entries go whole into one
// shard of their own; every other entry is cut by count into FREE_SHARDS parts, part j into free
// shard j, so each free shard is a small copy of the fleet's mix. The shards depend only on the
// scenario, never on how many workers run them: that is what makes the run hash independent of the
// worker count (sharded-hash.ts). Steps follow their cards (shard-steps.ts).
import type { FleetEntry, Scenario } from '../scenario/types.ts';
import { poolIdOf, UnshardableScenarioError, type EntryPart, type ShardLayout } from './shard-layout.ts';
import { shardSeed } from './sharded-hash.ts';
import { placeSteps } from './shard-steps.ts';

/** How many shards the pool-free entries are cut into: enough to balance 2 to 4 cores around the
 * pool shards (the standard fleet's biggest pool is 15% of the cards), few enough that a shard's
 * fixed costs stay small. Fixed, so the hash never depends on the machine. Smaller worlds are also
 * cheaper per card (less memory to walk and collect): at 1,000,000 cards, 2 workers, 8 parts took
 * 120 s, 16 took 104 s and 32 took 103 s; at 10,000 cards 32 parts cost no more than 8. */
export const FREE_SHARDS = 32;

export interface FleetShard {
  /** 0-based; shard order is the order the run hash combines them in. */
  readonly shard: number;
  readonly scenario: Scenario;
  readonly cards: number;
  readonly subCards: number;
  /** The pools (world pool ids) whose cards are all here. */
  readonly pools: readonly string[];
}

/** The shards of a scenario run with `runSeed` (the scenario's own seed unless overridden). */
export function shardScenario(scenario: Scenario, runSeed: number = scenario.seed): FleetShard[] {
  const { layout, fleets } = layOut(scenario);
  const steps = placeSteps(scenario.steps, layout);
  const shardPools = fleets.map(() => new Set<string>());
  for (const [poolId, shard] of layout.pools) shardPools[shard]!.add(poolId);
  return fleets.map((fleet, shard) => {
    const pools = [...shardPools[shard]!];
    return {
      shard,
      scenario: {
        ...scenario,
        name: `${scenario.name} [shard ${shard + 1}/${fleets.length}]`,
        seed: shardSeed(runSeed, shard),
        fleet,
        // Pools no card joins stay with shard 0, so that every bought pool exists somewhere.
        pools: scenario.pools.filter(
          (p) => shardPools[shard]!.has(p.id) || (shard === 0 && !layout.pools.has(p.id)),
        ),
        steps: steps[shard]!,
      },
      cards: fleet.reduce((n, e) => n + e.count, 0),
      subCards: fleet.reduce((n, e) => n + (e.voucher.carrier === 'AL' ? e.count * 3 : 0), 0),
      pools,
    };
  });
}

function layOut(scenario: Scenario): { layout: ShardLayout; fleets: FleetEntry[][] } {
  const seen = new Set<string>();
  for (const entry of scenario.fleet) {
    if (seen.has(entry.group)) {
      throw new UnshardableScenarioError(
        `${entry.path}: group ${entry.group} has more than one fleet entry; the splitter needs one`,
      );
    }
    seen.add(entry.group);
  }
  // Pool shards first, in the order their pool first appears in the fleet; then the free shards.
  const poolOrder: string[] = [];
  for (const entry of scenario.fleet) {
    const poolId = poolIdOf(entry);
    if (poolId !== undefined && !poolOrder.includes(poolId)) poolOrder.push(poolId);
  }
  const slots: { entry: FleetEntry; slot: number; offset: number; count: number }[] = [];
  for (const entry of scenario.fleet) {
    const poolId = poolIdOf(entry);
    if (poolId !== undefined) {
      slots.push({ entry, slot: poolOrder.indexOf(poolId), offset: 0, count: entry.count });
      continue;
    }
    let offset = 0;
    for (let j = 0; j < FREE_SHARDS; j++) {
      const count = Math.floor(entry.count / FREE_SHARDS) + (j < entry.count % FREE_SHARDS ? 1 : 0);
      if (count > 0) slots.push({ entry, slot: poolOrder.length + j, offset, count });
      offset += count;
    }
  }
  // Slots that got no cards are dropped and the rest numbered in order: still a function of the
  // scenario alone.
  const used = [...new Set(slots.map((s) => s.slot))].sort((a, b) => a - b);
  const shardOfSlot = new Map(used.map((slot, shard) => [slot, shard]));
  const fleets: FleetEntry[][] = used.map(() => []);
  const groups = new Map<string, { entry: FleetEntry; parts: EntryPart[] }>();
  const vouchers = new Map<string, number[]>();
  for (const { entry, slot, offset, count } of slots) {
    const shard = shardOfSlot.get(slot)!;
    fleets[shard]!.push(count === entry.count ? entry : { ...entry, count });
    const group = groups.get(entry.group) ?? { entry, parts: [] };
    group.parts.push({ shard, offset, count });
    groups.set(entry.group, group);
    const shards = vouchers.get(entry.voucher.code) ?? [];
    if (!shards.includes(shard)) shards.push(shard);
    vouchers.set(entry.voucher.code, shards);
  }
  for (const shards of vouchers.values()) shards.sort((a, b) => a - b);
  const pools = new Map<string, number>();
  for (const poolId of poolOrder) pools.set(poolId, shardOfSlot.get(poolOrder.indexOf(poolId))!);
  return { layout: { shardCount: used.length, groups, pools, vouchers }, fleets };
}
