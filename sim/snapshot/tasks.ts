// What a timer does, as data. Every timer the world sets is scheduled with a task: the callback is
// built from it, and a snapshot keeps the task, so a restored world rebuilds exactly the same
// callbacks (closures cannot be saved). Each module owns its kinds and runs them (`runTask`).
import type { CarrierTask } from '../ops/carrier-behaviour.ts';
import type { PendingOperationTask } from '../ops/perform.ts';
import type { LifecycleTask } from '../cards/lifecycle-timers.ts';
import type { TrafficTask } from '../traffic/engine.ts';
import type { FleetEntry } from '../scenario/types.ts';
import type { World } from '../world.ts';

/** World-level timers: the monthly rollover, cards bought later, devices inserted later. */
export type WorldTask =
  | { readonly kind: 'monthStart'; readonly closing: number }
  | { readonly kind: 'fleetBuy'; readonly entry: FleetEntry }
  | {
      readonly kind: 'deviceInsert';
      readonly first: number;
      readonly count: number;
      readonly profile: string;
    };

export type Task = WorldTask | TrafficTask | LifecycleTask | CarrierTask | PendingOperationTask;

const TRAFFIC = new Set<Task['kind']>([
  'dayEnd',
  'dayPlan',
  'outageEnd',
  'notableSession',
  'poolReplan',
  'poolCrossing',
]);
const LIFECYCLE = new Set<Task['kind']>([
  'testPeriodEnd',
  'forcedActivation',
  'autoCancel',
  'requestedCancel',
  'planExpiry',
]);
const CARRIER = new Set<Task['kind']>(['abnormalSuspend', 'abnormalLift', 'outageStart']);

/** The callback of a task, in a world: what the scheduler runs, and what a restore rebuilds. */
export function taskRunner(world: World, task: Task): () => void {
  if (TRAFFIC.has(task.kind)) return () => world.traffic.runTask(task as TrafficTask);
  if (LIFECYCLE.has(task.kind)) return () => world.timers.runTask(task as LifecycleTask);
  if (CARRIER.has(task.kind)) return () => world.carriers.runTask(task as CarrierTask);
  if (task.kind === 'pendingOperation') return () => world.pendingOperations.runTask(task);
  return () => world.runTask(task as WorldTask);
}
