// What the shard splitter decided, in the terms steps are routed by: which shard holds which slice of
// each group, each pool and each voucher's cards.
import type { FleetEntry } from '../scenario/types.ts';

/** A slice of a fleet entry: its cards [offset, offset + count) in buying order, in one shard. */
export interface EntryPart {
  readonly shard: number;
  readonly offset: number;
  readonly count: number;
}

/** Where each group, pool and voucher of the scenario went; what shard-steps.ts routes steps by. */
export interface ShardLayout {
  readonly shardCount: number;
  readonly groups: ReadonlyMap<string, { readonly entry: FleetEntry; readonly parts: readonly EntryPart[] }>;
  /** World pool id (a UP/UPG pool id, or an SF/SFD voucher code) to its shard. */
  readonly pools: ReadonlyMap<string, number>;
  /** Voucher code to the shards holding cards of it, ascending. */
  readonly vouchers: ReadonlyMap<string, readonly number[]>;
}

/** Thrown for a scenario this splitter cannot keep equivalent (for example an ICCID selector). */
export class UnshardableScenarioError extends Error {
  override name = 'UnshardableScenarioError';
}

/** The world pool a fleet entry's cards join (World.poolOf): UP/UPG by pool id, SF/SFD per voucher. */
export function poolIdOf(entry: FleetEntry): string | undefined {
  const { planType, poolId, code } = entry.voucher;
  if (planType === 'UP' || planType === 'UPG') return poolId;
  if (planType === 'SF' || planType === 'SFD') return code;
  return undefined;
}
