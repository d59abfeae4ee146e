// A whole world as data, and back (ARCHITECTURE.md, Durable truth): the clock and its queue, the
// random streams, the event log's numbering and hash, every card with its machine, traffic columns,
// pools, ledger, orders, rules, carriers, pending operations, exported files and the API's state.
//
// Why only between days: a snapshot is taken right after a day is settled (World.onDayClosed). Then
// no card's day is expanded into sessions and no session timer is set, so the traffic engine's state
// is columns only, and every timer left is one of the world's tasks (sim/snapshot/tasks.ts).
//
// A snapshot is plain data (objects, arrays, typed arrays) that the world never writes again: it can
// be kept in memory and restored any number of times, or serialized (server/ uses v8.serialize).
// Closed days of usage are shared between snapshots, not copied: they are never written again.
import type { BillingState } from '../ledger/billing.ts';
import type { PendingOperation } from '../ops/perform.ts';
import type { CarrierBehaviour } from '../ops/carrier-behaviour.ts';
import type { Carrier } from '../ids/carrier.ts';
import type { DeviceProfile } from '../devices/profiles.ts';
import type { ExportedFilesState } from '../exports/exported-files.ts';
import type { PlanVoucher } from '../plans/voucher.ts';
import type { TopUpOrder } from '../plans/top-up.ts';
import type { StreamState } from '../random.ts';
import type { EventLogState } from '../record/event-log.ts';
import { restoreRpcState, saveRpcState, type RpcState } from '../rpc/state.ts';
import type { AutomationState } from '../rules/automation.ts';
import type { SchedulerState, TimerId } from '../time/scheduler.ts';
import type { TrafficState } from '../traffic/engine.ts';
import { DataPool, SameTierPool, type PoolLevel } from '../traffic/pools.ts';
import { World, type WorldOptions } from '../world.ts';
import { restoreCard, saveCard, type CardState } from './card-state.ts';
import type { OperationRecordsImage } from '../cards/operation-records.ts';
import { taskRunner, type Task } from './tasks.ts';

/** Bumped whenever the shape changes: an older snapshot is refused rather than misread. */
export const WORLD_SNAPSHOT_VERSION = 2;
/** Versions restoreWorld still reads: 1 differs only in how a card machine's state value names suspension (card-state.ts). */
const READABLE_VERSIONS: readonly number[] = [1, 2];

export type PoolState =
  | {
      readonly kind: 'sameTier';
      readonly id: string;
      readonly tierBytes: number;
      readonly cards: readonly number[];
      readonly monthUsed: number;
      readonly activated: number;
      readonly levels: readonly PoolLevel[];
    }
  | {
      readonly kind: 'pooled';
      readonly id: string;
      readonly boughtBytes: number;
      readonly perCardBytes: number;
      readonly voucher: PlanVoucher | undefined;
      readonly exhausted: boolean;
      readonly cards: readonly number[];
      readonly monthUsed: number;
      readonly activated: number;
      readonly levels: readonly PoolLevel[];
    };

export interface WorldSnapshot {
  readonly version: number;
  readonly name: string;
  readonly seed: number;
  /** Sim time of the snapshot: 00:00 of a day, after that day's settling and before the rest. */
  readonly at: number;
  /** Events so far and the run hash then (for listings and checks; the log state holds them too). */
  readonly events: number;
  readonly hash: string;
  readonly scheduler: SchedulerState<Task>;
  readonly random: Record<string, StreamState>;
  readonly log: EventLogState;
  readonly cards: readonly CardState[];
  readonly operationRecords: OperationRecordsImage;
  readonly groups: readonly string[];
  readonly tagCatalogue: readonly string[];
  readonly voucherUsageLimits: readonly (readonly [string, { bytes: number; autoRestore: boolean }])[];
  readonly pools: readonly PoolState[];
  readonly expiryTimers: readonly (readonly [number, TimerId])[];
  readonly traffic: TrafficState;
  readonly customProfiles: readonly (readonly [string, DeviceProfile])[];
  readonly billing: BillingState;
  readonly orders: { readonly orders: readonly TopUpOrder[]; readonly next: number };
  readonly rules: AutomationState;
  readonly carriers: readonly (readonly [Carrier, CarrierBehaviour])[];
  readonly pendingOperations: { readonly operations: readonly PendingOperation[]; readonly next: number };
  readonly exportedFiles: ExportedFilesState;
  readonly rpc: RpcState | undefined;
}

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

/** The world as data. Only from a World.onDayClosed listener (see the top of this file). */
export function saveWorld(world: World): WorldSnapshot {
  try {
    return {
      version: WORLD_SNAPSHOT_VERSION,
      name: world.name,
      seed: world.seed,
      at: world.now(),
      events: world.eventCount,
      hash: world.hash(),
      scheduler: world.clock.save(),
      random: world.random.save(),
      log: world.saveLog(),
      cards: world.cards.map(saveCard),
      operationRecords: world.operationRecords.save(),
      groups: [...world.groups.keys()],
      tagCatalogue: [...world.tagCatalogue],
      voucherUsageLimits: [...world.voucherUsageLimits],
      pools: [...world.pools.values()].map((pool) =>
        pool instanceof DataPool
          ? {
              kind: 'pooled' as const,
              id: pool.id,
              boughtBytes: pool.boughtBytes,
              perCardBytes: pool.perCardBytes,
              voucher: pool.voucher,
              exhausted: pool.exhausted,
              cards: pool.cards.map((card) => card.index),
              monthUsed: pool.monthUsed,
              activated: pool.activated,
              levels: pool.levels.slice(),
            }
          : {
              kind: 'sameTier' as const,
              id: pool.id,
              tierBytes: pool.tierBytes,
              cards: pool.cards.map((card) => card.index),
              monthUsed: pool.monthUsed,
              activated: pool.activated,
              levels: pool.levels.slice(),
            },
      ),
      expiryTimers: world.timers.save(),
      traffic: world.traffic.save(),
      customProfiles: [...world.devices.customProfiles],
      billing: world.billing.save(),
      orders: world.orders.save(),
      rules: world.rules.save(),
      carriers: world.carriers.save(),
      pendingOperations: world.pendingOperations.save(),
      exportedFiles: world.exportedFiles.save(),
      rpc: saveRpcState(world),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SnapshotError(`cannot snapshot world "${world.name}" at ${world.now()}: ${message}`);
  }
}

export interface RestoreOptions {
  readonly exportSink?: WorldOptions['exportSink'];
}

/**
 * A new world in the state the snapshot holds; running it on gives the same events, to the hash, as
 * the world it was taken from. The snapshot is not changed and can be restored again.
 */
export function restoreWorld(snapshot: WorldSnapshot, options: RestoreOptions = {}): World {
  if (!READABLE_VERSIONS.includes(snapshot.version)) {
    throw new SnapshotError(
      `snapshot version ${snapshot.version} is not this twin's (${WORLD_SNAPSHOT_VERSION}): take a new one`,
    );
  }
  const world = new World({
    name: snapshot.name,
    seed: snapshot.seed,
    start: snapshot.at,
    ...(options.exportSink ? { exportSink: options.exportSink } : {}),
  });
  world.random.restore(snapshot.random);
  const cards = snapshot.cards.map((state) => restoreCard(state, world));
  world.operationRecords.restore(snapshot.operationRecords);
  world.restoreLogAndCards(snapshot.log, cards, snapshot.groups);
  world.tagCatalogue.clear();
  for (const tag of snapshot.tagCatalogue) world.tagCatalogue.add(tag);
  world.voucherUsageLimits.clear();
  for (const [code, limit] of snapshot.voucherUsageLimits) world.voucherUsageLimits.set(code, limit);
  world.pools.clear();
  for (const state of snapshot.pools) {
    const pool =
      state.kind === 'pooled'
        ? Object.assign(new DataPool(state.id, state.boughtBytes, state.perCardBytes), {
            voucher: state.voucher,
            exhausted: state.exhausted,
          })
        : new SameTierPool(state.id, state.tierBytes);
    pool.monthUsed = state.monthUsed;
    pool.activated = state.activated;
    for (const index of state.cards) pool.cards.push(cardAt(cards, index));
    for (const level of state.levels) pool.levels.push(level);
    world.pools.set(state.id, pool);
  }
  world.timers.restore(snapshot.expiryTimers);
  world.traffic.restore(snapshot.traffic);
  world.devices.customProfiles.clear();
  for (const [name, profile] of snapshot.customProfiles) world.devices.customProfiles.set(name, profile);
  world.billing.restore(snapshot.billing);
  world.orders.restore(snapshot.orders);
  world.rules.restore(snapshot.rules);
  world.carriers.restore(snapshot.carriers);
  world.pendingOperations.restore(snapshot.pendingOperations);
  world.exportedFiles.restore(snapshot.exportedFiles);
  restoreRpcState(world, snapshot.rpc);
  reissueIdentities(world);
  // Last: the queue the constructor set up is replaced by the saved one, callbacks rebuilt from tasks.
  world.clock.restore(snapshot.scheduler, (task) => taskRunner(world, task));
  return world;
}

function cardAt(cards: readonly ReturnType<typeof restoreCard>[], index: number) {
  const card = cards[index];
  if (!card) throw new SnapshotError(`snapshot names card #${index}, which it does not hold`);
  return card;
}

/** Every identity the world issued is held by a card, a sub-card or a device. */
function reissueIdentities(world: World): void {
  const iccids: string[] = [];
  const msisdns: string[] = [];
  const imsis: string[] = [];
  for (const card of world.cards) {
    iccids.push(card.iccid);
    if (card.msisdn) msisdns.push(card.msisdn);
    if (card.imsi) imsis.push(card.imsi);
    for (const sub of card.subCards) {
      iccids.push(sub.iccid);
      msisdns.push(sub.msisdn);
      imsis.push(sub.imsi);
    }
  }
  world.ids.reissue('iccid', iccids);
  world.ids.reissue('msisdn', msisdns);
  world.ids.reissue('imsi', imsis);
  world.ids.reissue(
    'imei',
    world.traffic.devices.map((device) => device.imei),
  );
}
