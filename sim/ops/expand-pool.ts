// P2: a pooled data plan's pool grows; a pool that ran dry lets its cards carry again at once.
import { DataPool } from '../traffic/pools.ts';
import type { WorldOperation } from './types.ts';

export const expandPool: WorldOperation<'expandPool'> = {
  name: 'expandPool',
  kind: 'world',
  performer: 'user',
  apply(world, args, by) {
    const pool = world.pools.get(args.pool);
    if (!(pool instanceof DataPool)) {
      return { code: 'InvalidArgument', message: `no pooled data plan (UP, UPG) has pool ID ${args.pool}` };
    }
    if (!(args.byBytes > 0)) return { code: 'InvalidArgument', message: 'a pool grows by more than 0' };
    world.expandPool(pool, args.byBytes, by);
    return { detail: `${pool.id} is now ${Math.round(pool.size() / 1_048_576)} MB` };
  },
};
