// Re-running a recording (sim/record/recording.ts): the scenario of its header, its outside
// operations at their sim times, and with --verify a comparison of every event (or checkpoint) with
// the recorded one, reporting the first place where the two runs part.
import { Reseeds } from './reseeds.ts';
import { formatDateTime } from '../time/calendar.ts';
import { performOperation } from '../ops/perform.ts';
import { isOperationName, parseOperationArgs } from '../ops/parse-args.ts';
import type { CardResult } from '../ops/types.ts';
import type { Actor as Who } from './event.ts';
import { eventLine } from './event.ts';
import { ScenarioRun } from '../scenario/runner.ts';
import type { Scenario } from '../scenario/types.ts';
import type { World } from '../world.ts';
import {
  RecordingError,
  type RecordedCheckpoint,
  type RecordedEnd,
  type RecordedOperation,
  type RecordingHeader,
  type RecordingLine,
} from './recording.ts';

export interface Divergence {
  /** Sim time of the first difference. */
  readonly t: number;
  /** Position in the event stream (1-based) where the runs part, when known. */
  readonly seq?: number;
  readonly kind: 'event' | 'checkpoint' | 'end';
  /** The recorded version and the replayed one. */
  readonly recorded: string;
  readonly replayed: string;
}

export interface ReplayResult {
  readonly name: string;
  readonly seed: number;
  readonly until: number;
  readonly events: number;
  readonly hash: string;
  /** The recording's final hash, when the replay ran to its end. */
  readonly recordedHash?: string;
  readonly checkedEvents: number;
  readonly checkedCheckpoints: number;
  readonly divergence?: Divergence;
  readonly world: World;
}

export interface ReplayOptions {
  /** Stop here (sim time). */
  readonly until?: number;
  /** Compare with the recorded events and checkpoints. */
  readonly verify?: boolean;
  /**
   * Changes a live session journals that are not operations of sim/ops (the server's console and
   * platform-API actions: defining a tag, deleting an export, a directional group), by name.
   */
  readonly actions?: Readonly<
    Record<string, { apply(world: World, args: Record<string, unknown>): unknown }>
  >;
}

export function replayRecording(lines: readonly RecordingLine[], options: ReplayOptions = {}): ReplayResult {
  const header = lines[0] as RecordingHeader;
  const scenario = header.scenario as Scenario;
  const operations = lines.filter((l): l is RecordedOperation => l.kind === 'operation');
  // By sequence number: a recorder that subscribed after the world's first event did not see it.
  const recordedEvents = new Map<number, string>();
  for (const l of lines) {
    if (l.kind !== 'event') continue;
    const seq = /"seq":(\d+)/.exec(l.line)?.[1];
    if (seq) recordedEvents.set(Number(seq), l.line);
  }
  const firstRecorded = Math.min(...recordedEvents.keys());
  const checkpoints = lines.filter((l): l is RecordedCheckpoint => l.kind === 'checkpoint');
  const end = lines.find((l): l is RecordedEnd => l.kind === 'end');
  if (options.until !== undefined && options.until < scenario.start) {
    throw new RecordingError(
      `--until ${formatDateTime(options.until)} is before the run starts (${formatDateTime(scenario.start)})`,
    );
  }
  const until = Math.min(options.until ?? Infinity, end?.t ?? scenario.until);
  // The recording's operations stand in for the scenario's steps: a changed one changes the run.
  let divergence: Divergence | undefined;
  let checkedEvents = 0;
  let checkedCheckpoints = 0;
  let nextCheckpoint = 0;
  let hashBefore = '';
  // Verification follows the world from its first event on, as the recorder did.
  const verify = (world: World) => {
    hashBefore = world.hash();
    world.events$.subscribe((event) => {
      while (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint]!.events < event.seq - 1)
        nextCheckpoint++;
      const checkpoint = checkpoints[nextCheckpoint];
      if (!divergence && checkpoint && checkpoint.events === event.seq - 1) {
        nextCheckpoint++;
        checkedCheckpoints++;
        if (checkpoint.hash !== hashBefore) {
          divergence = {
            t: event.t,
            seq: event.seq - 1,
            kind: 'checkpoint',
            recorded: checkpoint.hash,
            replayed: hashBefore,
          };
        }
      }
      if (!divergence && header.events && event.seq >= firstRecorded) {
        const line = eventLine(event);
        const recorded = recordedEvents.get(event.seq);
        if (recorded !== line) {
          // Where the streams part: the earlier of the two versions of this event.
          const recordedAt = Number(/"t":(\d+)/.exec(recorded ?? '')?.[1] ?? event.t);
          divergence = {
            t: Math.min(event.t, recordedAt),
            seq: event.seq,
            kind: 'event',
            recorded: recorded ?? '(no more events recorded)',
            replayed: line,
          };
        } else checkedEvents++;
      }
      hashBefore = world.hash();
    });
  };
  // A scenario run's recorded operations are its steps' (a changed one changes the run); a live
  // session's are those that came over the APIs, on top of the scenario's own steps.
  const steps = header.source === 'live' ? scenario.steps : [];
  const run = new ScenarioRun(
    { ...scenario, steps },
    {
      seed: header.seed,
      until: Math.max(until, scenario.start),
      ...(options.verify ? { onWorld: verify } : {}),
    },
  );
  const world = run.world;

  const reseeds = new Reseeds(header.reseeds ?? [], world, (t) => run.advanceTo(t));
  for (const operation of operations) {
    if (operation.t > until) break;
    if (operation.t < world.now())
      throw new RecordingError(`operation ${operation.seq} at ${operation.t} goes back in time`);
    reseeds.before(operation.t);
    run.advanceTo(operation.t);
    const action = options.actions?.[operation.operation];
    if (action && !isOperationName(operation.operation))
      action.apply(world, (operation.args ?? {}) as Record<string, unknown>);
    else apply(world, operation);
  }
  reseeds.through(until);
  run.advanceTo(until);

  const complete = end !== undefined && until >= end.t;
  if (options.verify && !divergence && complete && end) {
    if (world.hash() !== end.hash || world.eventCount !== end.events) {
      const missing =
        header.events && world.eventCount < end.events ? recordedEvents.get(world.eventCount + 1) : undefined;
      divergence = {
        t: world.now(),
        seq: Math.min(world.eventCount, end.events) + 1,
        kind: missing ? 'event' : 'end',
        recorded: missing ?? `${end.events} events, hash ${end.hash}`,
        replayed: missing
          ? '(the replay has no more events)'
          : `${world.eventCount} events, hash ${world.hash()}`,
      };
    }
  }
  return {
    name: header.name,
    seed: header.seed,
    until,
    events: world.eventCount,
    hash: world.hash(),
    ...(complete && end ? { recordedHash: end.hash } : {}),
    checkedEvents,
    checkedCheckpoints,
    ...(divergence ? { divergence } : {}),
    world,
  };
}

function apply(world: World, operation: RecordedOperation): CardResult[] {
  const name = operation.operation;
  if (!isOperationName(name)) throw new RecordingError(`operation ${operation.seq}: no operation "${name}"`);
  const args =
    operation.argsForm === 'raw'
      ? parseOperationArgs(world, name, operation.args)
      : (operation.args as never);
  const cards = operation.cards?.map((ref) => world.findCard(ref)).filter((card) => card !== undefined);
  const result = performOperation(world, {
    operation: name,
    args,
    ...(cards ? { cards } : {}),
    ...(operation.by ? { by: operation.by as Who } : {}),
  });
  return [...result.results];
}
