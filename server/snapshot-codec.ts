// Run snapshots (sim/snapshot) as bytes: v8's structured serialization keeps typed arrays, Maps and
// shared references as they are, and is many times faster than JSON for a large fleet. Closed days
// and months of usage are never written again, so they are kept apart under a key made from their
// content (SHA-1), stored once, and every snapshot that holds them names them by key: a year of
// weekly snapshots of 100,000 cards then stores each day's usage once, not fifty times, and a day
// that a rewind re-simulates differently gets a key of its own.
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { ScenarioRunState } from '../sim/scenario/runner.ts';
import type { WorldSnapshot } from '../sim/snapshot/world-snapshot.ts';

/** Shared arrays by key: what a store holds, and a cache of those already in memory. */
export class ArrayKeys {
  private readonly keys = new WeakMap<Float64Array, string>();
  private readonly cache = new Map<string, Float64Array>();

  constructor(private readonly load: (key: string) => Float64Array | undefined) {}

  keyOf(values: Float64Array): string {
    let key = this.keys.get(values);
    if (!key) {
      key = createHash('sha1')
        .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
        .digest('hex');
      this.remember(key, values);
    }
    return key;
  }

  get(key: string): Float64Array {
    let values = this.cache.get(key);
    if (!values) {
      values = this.load(key);
      if (!values) throw new Error(`a snapshot refers to usage array ${key}, which the store does not hold`);
      this.remember(key, values);
    }
    return values;
  }

  /** Forget arrays no longer wanted in memory (the store still holds them). */
  clearCache(): void {
    this.cache.clear();
  }

  private remember(key: string, values: Float64Array): void {
    this.keys.set(values, key);
    this.cache.set(key, values);
  }
}

interface Encoded extends Omit<ScenarioRunState, 'world'> {
  readonly world: WorldSnapshot;
  readonly dayKeys: readonly (readonly [number, string])[];
  readonly monthKeys: readonly (readonly [number, string, string])[];
}

export interface EncodedRun {
  readonly data: Buffer;
  /** Every shared array the snapshot names, with its values. */
  readonly arrays: readonly (readonly [string, Float64Array])[];
}

export function encodeRunState(state: ScenarioRunState, keys: ArrayKeys): EncodedRun {
  const usage = state.world.traffic.usage;
  const arrays: [string, Float64Array][] = [];
  const named = (values: Float64Array) => {
    const key = keys.keyOf(values);
    arrays.push([key, values]);
    return key;
  };
  const dayKeys = usage.days.map(([day, values]) => [day, named(values)] as const);
  const monthKeys = usage.months.map(
    ([month, totals]) => [month, named(totals.carried), named(totals.refused)] as const,
  );
  const world: WorldSnapshot = {
    ...state.world,
    traffic: { ...state.world.traffic, usage: { ...usage, days: [], months: [] } },
  };
  const encoded: Encoded = { ...state, world, dayKeys, monthKeys };
  return { data: serialize(encoded), arrays };
}

export function decodeRunState(data: Buffer, keys: ArrayKeys): ScenarioRunState {
  const { dayKeys, monthKeys, ...state } = deserialize(data) as Encoded;
  const usage = state.world.traffic.usage;
  return {
    ...state,
    world: {
      ...state.world,
      traffic: {
        ...state.world.traffic,
        usage: {
          ...usage,
          days: dayKeys.map(([day, key]) => [day, keys.get(key)] as const),
          months: monthKeys.map(
            ([month, carried, refused]) =>
              [month, { carried: keys.get(carried), refused: keys.get(refused) }] as const,
          ),
        },
      },
    },
  };
}
