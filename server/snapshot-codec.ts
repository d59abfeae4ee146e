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

/** A closed day's or month's usage per card: 64-bit, or 32-bit when every amount fits. */
export type UsageArray = Float64Array | Uint32Array;

/** The array a key names, from its bytes: the key's prefix says the element type. */
export function usageArrayOf(key: string, bytes: Uint8Array): UsageArray {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return key.startsWith('u32:') ? new Uint32Array(copy.buffer) : new Float64Array(copy.buffer);
}

/** Shared arrays by key: what a store holds, and a cache of those already in memory. */
export class ArrayKeys {
  private readonly keys = new WeakMap<UsageArray, string>();
  private readonly cache = new Map<string, UsageArray>();

  constructor(private readonly load: (key: string) => UsageArray | undefined) {}

  keyOf(values: UsageArray): string {
    let key = this.keys.get(values);
    if (!key) {
      const digest = createHash('sha1')
        .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
        .digest('hex');
      key = `${values instanceof Uint32Array ? 'u32' : 'f64'}:${digest}`;
      this.remember(key, values);
    }
    return key;
  }

  get(key: string): UsageArray {
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

  private remember(key: string, values: UsageArray): void {
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
  readonly arrays: readonly (readonly [string, UsageArray])[];
}

export function encodeRunState(state: ScenarioRunState, keys: ArrayKeys): EncodedRun {
  const usage = state.world.traffic.usage;
  const arrays: [string, UsageArray][] = [];
  const named = (values: UsageArray) => {
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
              [month, { carried: float64(keys.get(carried)), refused: float64(keys.get(refused)) }] as const,
          ),
        },
      },
    },
  };
}

/** Months are always kept in 64 bits (sim/traffic/usage.ts). */
function float64(values: UsageArray): Float64Array {
  if (!(values instanceof Float64Array)) throw new Error('a month of usage must be a Float64Array');
  return values;
}
