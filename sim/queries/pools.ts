// Pools and their levels (P1, P2; GET /api/pools, /api/pools/:id). A pool's level this month is the
// sum of its cards' usage, so its cards' traffic is realized up to now before it is read.
//
// Decision: an unknown pool ID is InvalidArgument (the error table has no pool-not-found code), and
// the message lists the pools there are.
import { TwinError } from '../errors.ts';
import type { SimStatus } from '../machines/status.ts';
import type { SimTime } from '../time/calendar.ts';
import { SameTierPool, type Pool } from '../traffic/pools.ts';
import type { World } from '../world.ts';
import { PoolRealizer } from './allowance.ts';
import { displayMB } from './units.ts';
import { emptyStatusCounts } from './vouchers.ts';

export interface PoolRow {
  /** A UP/UPG pool ID, or a same-tier pool's voucher code. */
  readonly id: string;
  /** `sameTier`: SF, SFD (P1); `pooled`: UP, UPG (P2). */
  readonly kind: 'sameTier' | 'pooled';
  readonly voucher: string | null;
  readonly sizeMB: number;
  readonly usedMB: number;
  readonly remainingMB: number;
  /** P1: use beyond a same-tier pool's allowance, billed as overage; 0 for pooled plans. */
  readonly overageMB: number;
  readonly cards: number;
  readonly activatedCards: number;
  /** P2: used up this month, its cards Suspended (credit control). Same-tier pools never are. */
  readonly exhausted: boolean;
}

export interface PoolLevelPoint {
  readonly t: SimTime;
  readonly sizeMB: number;
  readonly usedMB: number;
}

export interface PoolDetails extends PoolRow {
  readonly cardsByStatus: Record<SimStatus, number>;
  /** Samples at the end of each day (and at changes), oldest first. */
  readonly levels: PoolLevelPoint[];
}

export function poolRow(world: World, pool: Pool, realizer = new PoolRealizer(world)): PoolRow {
  realizer.realize(pool);
  const sameTier = pool instanceof SameTierPool;
  return {
    id: pool.id,
    kind: pool.kind,
    voucher: sameTier ? pool.id : (pool.voucher?.code ?? pool.cards[0]?.voucher.code ?? null),
    sizeMB: displayMB(pool.size()),
    usedMB: displayMB(pool.monthUsed),
    remainingMB: displayMB(pool.remaining()),
    overageMB: sameTier ? displayMB(pool.overageBytes()) : 0,
    cards: pool.cards.length,
    activatedCards: pool.activatedCards(),
    exhausted: sameTier ? false : pool.exhausted,
  };
}

/** Every pool, in the order it was created. */
export function listPools(world: World): PoolRow[] {
  const realizer = new PoolRealizer(world);
  return [...world.pools.values()].map((pool) => poolRow(world, pool, realizer));
}

export function findPoolOrThrow(world: World, id: string): Pool {
  const pool = world.pools.get(id);
  if (pool) return pool;
  const known = [...world.pools.keys()];
  throw new TwinError(
    'InvalidArgument',
    `no pool ${JSON.stringify(id)} in this world; ${known.length ? `pools: ${known.join(', ')}` : 'it has no pools'}`,
  );
}

/** A pool with its cards by status and its level history within [from, to). */
export function poolDetails(
  world: World,
  id: string,
  range: { readonly from?: SimTime; readonly to?: SimTime } = {},
): PoolDetails {
  const pool = findPoolOrThrow(world, id);
  const cardsByStatus = emptyStatusCounts();
  for (const card of pool.cards) cardsByStatus[card.view.status]++;
  const levels = pool.levels
    .filter(
      (level) =>
        (range.from === undefined || level.t >= range.from) && (range.to === undefined || level.t < range.to),
    )
    .map((level) => ({ t: level.t, sizeMB: displayMB(level.sizeBytes), usedMB: displayMB(level.usedBytes) }));
  return { ...poolRow(world, pool), cardsByStatus, levels };
}
