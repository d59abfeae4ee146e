// A run, live: the scenario's world on a clock that users control (paused, running at a speed, as
// fast as possible, stepped, advanced to a time), fed with operations from the APIs. The world runs
// in slices of bounded wall time so that HTTP and websockets stay responsive while a year simulates.
// Every accepted operation is journaled before it is applied and acknowledged. Every week of sim
// time the whole run is saved as a snapshot (sim/snapshot); a restarted server restores the latest one
// and replays the journal after it, to the same state and hash. Rewinding restores the snapshot
// before the time asked for and re-runs to it, dropping what came after; forking starts a new run
// from a moment of this one (with another seed, or only other operations to come), keeping this one.
// The wall clock is read here, in server/, never in sim/.
import { Subject } from 'rxjs';
import type { Card } from '../sim/cards/card.ts';
import { TwinError } from '../sim/errors.ts';
import { checkExportArgs, type ExportArgs, type ExportSink } from '../sim/exports/export-job.ts';
import { exportFileName } from '../sim/exports/file-name.ts';
import { cardsOf, isOperationName, parseOperationArgs } from '../sim/ops/parse-args.ts';
import { performOperation } from '../sim/ops/perform.ts';
import { CARD_OPERATIONS, WORLD_OPERATIONS } from '../sim/ops/registry.ts';
import type { CardResult, OperationName, OperationResult } from '../sim/ops/types.ts';
import type { Actor as Who } from '../sim/record/event.ts';
import { ScenarioRun, type ScenarioRunState } from '../sim/scenario/runner.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import { DAY_MS } from '../sim/time/calendar.ts';
import type { World } from '../sim/world.ts';
import { consoleActionOf } from './console-actions.ts';
import { Reseeds, type Reseed } from '../sim/record/reseeds.ts';
import { ArrayKeys, decodeRunState, encodeRunState } from './snapshot-codec.ts';
import type { Checkpoint, JournalEntry, RunStore, RunSummary } from './store.ts';

export type ClockMode = 'paused' | 'running' | 'fast';

export interface OperationInput {
  readonly operation: string;
  /** Card references (ICCID or MSISDN) for operations on cards. */
  readonly cards?: readonly string[];
  /** Raw arguments, as a scenario's `with`. */
  readonly args?: unknown;
  readonly by?: Who;
  readonly source: string;
}

export interface LiveRunOptions {
  readonly store: RunStore;
  readonly twinVersion: string;
  readonly exportSink?: ExportSink;
  /** Wall milliseconds a slice may use before yielding to the event loop (default 10). */
  readonly sliceBudgetMs?: number;
}

const CHECKPOINT_EVERY_MS = 30 * DAY_MS;
/**
 * A snapshot at the first day end a week after the last, so a rewind or restart re-runs about a
 * week; but snapshots may take at most SNAPSHOT_SHARE of the wall time spent running the clock (a
 * large fleet's weekly snapshot costs more than its week), and then come up to 28 days apart.
 */
const SNAPSHOT_EVERY_MS = 7 * DAY_MS;
const SNAPSHOT_AT_MOST_EVERY_MS = 28 * DAY_MS;
const SNAPSHOT_SHARE = 0.15;
/** Snapshots older than this (sim time behind now) are thinned to one per 28 days. */
const DENSE_SNAPSHOTS_MS = 56 * DAY_MS;
const SPARSE_SNAPSHOT_MS = 28 * DAY_MS;
/** While the clock moves, its position is written at most this often (wall ms): what a crash loses. */
const SAVE_CLOCK_EVERY_WALL_MS = 1000;
/** Running at a speed: a slice this often (wall ms). */
const RUNNING_SLICE_EVERY_MS = 50;

export class LiveRun {
  private current!: ScenarioRun;
  private modeValue: ClockMode = 'paused';
  private speed = DAY_MS;
  private target: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private lastWall = 0;
  private lastCheckpoint = 0;
  private lastClockSave = 0;
  private storedMode: ClockMode = 'paused';
  private lastSnapshotAt = -Infinity;
  /** Wall time spent running the clock, and taking snapshots inside it (for SNAPSHOT_SHARE). */
  private runWallMs = 0;
  private snapshotWallMs = 0;
  private readonly arrays = new ArrayKeys((key) => this.options.store.array(key));
  /** Sim time of the snapshot the last resume, rewind, fork or open started from (none: the start). */
  restoredFrom: number | undefined;
  /** Wall milliseconds the last snapshot took (save, encode, store). */
  lastSnapshotWallMs = 0;
  /** A new run started (POST /api/run): subscribers of the old world resubscribe. */
  readonly runChanged$ = new Subject<World>();
  /** The clock's mode or speed changed. */
  readonly clockChanged$ = new Subject<void>();

  constructor(private readonly options: LiveRunOptions) {}

  get world(): World {
    return this.current.world;
  }

  get scenario(): Scenario {
    return this.current.scenario;
  }

  get mode(): ClockMode {
    return this.modeValue;
  }

  get speedMsPerSecond(): number {
    return this.speed;
  }

  get durable(): boolean {
    return this.options.store.durable;
  }

  /** The clock mode the store held when the run was resumed (`paused` for a new run). */
  get resumedMode(): ClockMode {
    return this.storedMode;
  }

  /** Start a new run of a scenario (the journal starts empty, the exported files of the last run go). */
  start(scenario: Scenario, seed = scenario.seed): void {
    this.pause();
    this.options.store.startRun({
      scenario,
      seed,
      twinVersion: this.options.twinVersion,
      createdAt: new Date().toISOString(),
    });
    const sink = this.options.exportSink as (ExportSink & { clear?: () => void }) | undefined;
    sink?.clear?.();
    this.open(scenario, seed);
    this.saveClock();
  }

  /** The current run as the store keeps it (id, seed, fork). */
  get run(): RunSummary {
    return this.options.store.loadRun()!;
  }

  /** Every run the store keeps, oldest first. */
  runs(): RunSummary[] {
    return this.options.store.runs();
  }

  /** Sim times of the current run's snapshots. */
  snapshotTimes(): number[] {
    return this.options.store.snapshotTimes();
  }

  /**
   * Back to an earlier sim time: the latest snapshot at or before it is restored and the run goes on
   * to `to` with the journal's operations up to then; operations, checkpoints and snapshots after it
   * are dropped. The clock is paused there.
   */
  rewindTo(to: number): void {
    const now = this.world.now();
    if (!(to <= now))
      throw new TwinError(
        'InvalidArgument',
        'rewind goes back: `to` is after now (use advance to go forward)',
      );
    if (to < this.scenario.start)
      throw new TwinError('InvalidArgument', 'rewind: `to` is before the run began');
    this.pause();
    this.options.store.truncateAfter(to);
    this.rebuild(to);
    this.saveClock();
    this.clockChanged$.next();
  }

  /**
   * A new run from this one's state at `at` (default now), kept beside it: with another seed from
   * there (its random draws and devices' traffic part from this run's), or the same seed, to try
   * other operations. The new run becomes current, paused at `at`.
   */
  fork(options: { at?: number; seed?: number } = {}): RunSummary {
    const current = this.run;
    const at = options.at ?? this.world.now();
    if (at > this.world.now()) throw new TwinError('InvalidArgument', 'fork: `at` is after now');
    if (at < this.scenario.start)
      throw new TwinError('InvalidArgument', 'fork: `at` is before the run began');
    this.pause();
    const inherited = (current.reseeds ?? []).filter((r) => r.at <= at);
    const seed = options.seed;
    const reseeds: Reseed[] =
      seed !== undefined && seed !== this.seedAt(current, at) ? [...inherited, { at, seed }] : inherited;
    this.options.store.forkRun({
      scenario: current.scenario,
      seed: current.seed,
      twinVersion: this.options.twinVersion,
      createdAt: new Date().toISOString(),
      forkOf: { run: current.id, at, ...(seed !== undefined ? { seed } : {}) },
      reseeds,
    });
    this.rebuild(at);
    this.saveClock();
    return this.run;
  }

  /** Another kept run becomes current, where its clock stood (paused); undefined when there is none. */
  openRun(id: number): RunSummary | undefined {
    if (!this.options.store.runs().some((r) => r.id === id)) return undefined;
    this.pause();
    this.options.store.openRun(id);
    const clock = this.options.store.loadClock();
    this.rebuild(clock?.now);
    if (clock) this.speed = clock.speedMsPerSecond;
    this.saveClock();
    return this.run;
  }

  private seedAt(run: RunSummary, at: number): number {
    let seed = run.seed;
    for (const reseed of run.reseeds ?? []) if (reseed.at <= at) seed = reseed.seed;
    return seed;
  }

  /**
   * Come back to the run the store holds: the scenario again, every journaled operation at its sim
   * time, then the clock where it was. Returns false when the store holds no run.
   */
  resume(): boolean {
    const stored = this.options.store.loadRun();
    if (!stored) return false;
    const clock = this.options.store.loadClock();
    this.rebuild(clock?.now);
    if (clock) {
      this.speed = clock.speedMsPerSecond;
      this.storedMode = isClockMode(clock.mode) ? clock.mode : 'paused';
    }
    return true;
  }

  /**
   * The current run at sim time `to` (default: its last operation): from the latest snapshot at or
   * before it (or the start), every journaled operation from then at its sim time, the fork's new
   * seeds at their moments, then the clock to `to`.
   */
  private rebuild(to: number | undefined): void {
    const stored = this.options.store.loadRun()!;
    const scenario = stored.scenario as Scenario;
    const journal = this.options.store.journal();
    const target = to ?? journal.at(-1)?.t ?? scenario.start;
    const snapshot = this.options.store.snapshotAtOrBefore(target);
    const state: ScenarioRunState | undefined = snapshot && decodeRunState(snapshot.data, this.arrays);
    this.open(scenario, stored.seed, state);
    this.restoredFrom = snapshot?.t;
    const from = snapshot?.t ?? -Infinity;
    // A snapshot is taken inside the instant of a day end: a reseed at that very instant came after it.
    const reseeds = new Reseeds(
      (stored.reseeds ?? []).filter((r) => r.at >= from),
      this.world,
      (t) => this.runTo(t),
    );
    for (const entry of journal) {
      // Operations at a snapshot's own time came after the instant it was taken in.
      if (entry.t < from || entry.t > target) continue;
      reseeds.before(entry.t);
      // Past the scenario's end the world goes on (runTo), exactly as the live clock took it there.
      this.runTo(entry.t);
      this.apply(entry);
    }
    reseeds.through(target);
    this.runTo(target);
    this.lastCheckpoint = this.world.now();
  }

  /** The journal of operations accepted from outside (for recordings); `skip` and `limit` page it. */
  journal(skip?: number, limit?: number): JournalEntry[] {
    return this.options.store.journal(skip, limit);
  }

  /** The run's checkpoints so far (sim time, event count, hash), oldest first (for recordings). */
  checkpoints(): Checkpoint[] {
    return this.options.store.checkpoints();
  }

  /** How many operations the journal holds (cheap: no rows read). */
  journalLength(): number {
    return this.options.store.journalLength();
  }

  /**
   * Validate, journal, apply: one operation from outside, at the current sim time. What the twin
   * refuses before it changes anything (bad arguments, unknown cards, every card refused by a check
   * that changes nothing, a bad export file name) is answered without a journal line.
   */
  perform(input: OperationInput): OperationResult {
    if (!isOperationName(input.operation)) {
      throw new TwinError('InvalidArgument', `no operation "${input.operation}"`);
    }
    const name = input.operation;
    const selection = cardsOf(name);
    const refs = input.cards ?? [];
    if (selection === 'required' && refs.length === 0) {
      throw new TwinError('InvalidArgument', `${name} needs cards`);
    }
    if (selection === 'none' && refs.length > 0) {
      throw new TwinError('InvalidArgument', `${name} acts on no cards; leave cards out`);
    }
    const args = parseOperationArgs(this.world, name, input.args);
    const known: Card[] = [];
    const unknown: CardResult[] = [];
    for (const ref of refs) {
      const card = this.world.findCard(ref);
      if (!card)
        unknown.push({ iccid: ref, ok: false, code: 'CardNotFound', message: `no card ${ref} in this run` });
      else if (!known.includes(card)) known.push(card);
    }
    const at = this.world.now();
    if (refs.length > 0) {
      const refusals = this.precheckCards(name, known, args);
      if (refusals) {
        const results = [...refusals, ...unknown];
        return { operation: name, at, results, succeeded: 0, failed: results.length };
      }
    }
    if (name === 'export') this.precheckExport(args as ExportArgs);
    const entry = this.options.store.append({
      t: at,
      operation: name,
      cards: refs.length > 0 ? known.map((card) => card.iccid) : null,
      args: input.args ?? {},
      // As in a scenario step: by default the operation's own performer (a user, the world for device
      // traffic, the carrier for its faults), so the records say who did it.
      by: input.by ?? performerOf(name, refs.length > 0),
      source: input.source,
    });
    const result = this.apply(entry);
    if (unknown.length === 0) return result;
    return { ...result, results: [...result.results, ...unknown], failed: result.failed + unknown.length };
  }

  /** A console change that is not a sim operation (console-actions.ts): checked, journaled, applied. */
  act(action: string, args: Record<string, unknown>, source: string): unknown {
    const consoleAction = consoleActionOf(action);
    if (!consoleAction) throw new TwinError('InvalidArgument', `no console action "${action}"`);
    consoleAction.check(this.world, args);
    const entry = this.options.store.append({
      t: this.world.now(),
      operation: action,
      cards: null,
      args,
      by: 'user',
      source,
    });
    return consoleAction.apply(this.world, entry.args as Record<string, unknown>);
  }

  /**
   * Per-card refusals when no card would take the operation (nothing is then performed or journaled);
   * undefined when some card might. Only operations with a check that changes nothing can tell.
   */
  private precheckCards(
    name: OperationName,
    cards: readonly Card[],
    args: unknown,
  ): CardResult[] | undefined {
    if (cards.length === 0) return [];
    const check = CARD_OPERATIONS[name]?.check;
    if (!check) return undefined;
    const refusals: CardResult[] = [];
    for (const card of cards) {
      const refusal = check(this.world, card, args as never);
      if (!refusal) return undefined;
      refusals.push({ iccid: card.iccid, ok: false, ...refusal });
    }
    return refusals;
  }

  /** C8: a file name that is not allowed or taken, or months out of range, is refused unjournaled. */
  private precheckExport(args: ExportArgs): void {
    checkExportArgs(args);
    exportFileName(
      args.fileName,
      this.world.now(),
      (name) => this.world.exportedFiles.get(name) !== undefined,
    );
  }

  private apply(entry: JournalEntry): OperationResult {
    const name = entry.operation;
    const consoleAction = consoleActionOf(name);
    if (consoleAction) {
      consoleAction.apply(this.world, entry.args as Record<string, unknown>);
      return { operation: name as OperationName, at: entry.t, results: [], succeeded: 1, failed: 0 };
    }
    if (!isOperationName(name)) throw new TwinError('InvalidArgument', `no operation "${name}"`);
    const args = parseOperationArgs(this.world, name, entry.args);
    if (!entry.cards) return performOperation(this.world, { operation: name, args, by: entry.by as Who });
    const unknown: CardResult[] = [];
    const cards = [];
    for (const ref of entry.cards) {
      const card = this.world.findCard(ref);
      if (card) cards.push(card);
      else
        unknown.push({ iccid: ref, ok: false, code: 'CardNotFound', message: `no card ${ref} in this run` });
    }
    const result = performOperation(this.world, { operation: name, args, cards, by: entry.by as Who });
    if (unknown.length === 0) return result;
    return { ...result, results: [...result.results, ...unknown], failed: result.failed + unknown.length };
  }

  // ---- the clock ---------------------------------------------------------------------------

  play(speedMsPerSecond?: number): void {
    if (speedMsPerSecond !== undefined) this.speed = speedMsPerSecond;
    this.target = undefined;
    this.setMode('running');
  }

  fast(): void {
    this.target = undefined;
    this.setMode('fast');
  }

  pause(): void {
    this.target = undefined;
    this.setMode('paused');
  }

  /** Move the clock on by `ms` now, in one go (bounded: at most a day per call). */
  step(ms: number): void {
    this.target = undefined;
    this.setMode('paused');
    this.runTo(this.world.now() + Math.min(ms, DAY_MS));
    this.saveClock();
  }

  /** Run as fast as possible to `t`, then pause there (a test clock only moves forward). */
  advanceTo(t: number): void {
    if (t < this.world.now())
      throw new TwinError('InvalidArgument', 'the clock only moves forward (to is before now)');
    this.target = t;
    this.setMode('fast');
  }

  /** Wait until an `advanceTo` has arrived (tests, the CLI). */
  async settled(): Promise<void> {
    while (this.target !== undefined) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  close(): void {
    this.cancelSlice();
    this.saveClock();
  }

  private setMode(mode: ClockMode): void {
    this.modeValue = mode;
    this.lastWall = performance.now();
    this.cancelSlice();
    if (mode !== 'paused') this.schedule();
    this.saveClock();
    this.clockChanged$.next();
  }

  private cancelSlice(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private schedule(): void {
    if (this.timer || this.immediate) return;
    // Running at a speed: a slice every 50 ms of wall time. As fast as possible: the next slice right
    // after the event loop has served what came in (setImmediate runs after I/O, not before it).
    if (this.modeValue === 'running') this.timer = setTimeout(() => this.slice(), RUNNING_SLICE_EVERY_MS);
    else this.immediate = setImmediate(() => this.slice());
  }

  private slice(): void {
    this.timer = undefined;
    this.immediate = undefined;
    if (this.modeValue === 'paused') return;
    const wall = performance.now();
    const budget = this.options.sliceBudgetMs ?? 10;
    if (this.modeValue === 'running') {
      const simMs = Math.floor(((wall - this.lastWall) / 1000) * this.speed);
      this.lastWall = wall;
      this.runWithin(this.world.now() + simMs, wall + budget);
    } else {
      this.runWithin(this.target ?? Infinity, wall + budget);
      if (this.target !== undefined && this.world.now() >= this.target) {
        this.target = undefined;
        this.setMode('paused');
        return;
      }
    }
    if (performance.now() - this.lastClockSave >= SAVE_CLOCK_EVERY_WALL_MS) this.saveClock();
    // Past the scenario's end the twin goes on living; fast mode keeps going until paused.
    this.schedule();
  }

  /**
   * Run towards `to` until the wall budget is spent. Each piece ends at the next clock event's time
   * (at most a day on), so a slice can yield between any two instants of sim time but never inside
   * one: an operation always lands after every event due at its time, as a replay applies it. One
   * instant's events still run together; the longest single callback (the monthly rollover of the
   * whole fleet) bounds how long the event loop can be held.
   */
  private runWithin(to: number, wallDeadline: number): void {
    while (this.world.now() < to) {
      const now = this.world.now();
      const next = this.world.clock.nextTime() ?? Infinity;
      this.runTo(Math.min(to, now + DAY_MS, Math.max(next, now + 1)));
      if (performance.now() >= wallDeadline) break;
    }
    if (this.world.now() - this.lastCheckpoint >= CHECKPOINT_EVERY_MS) {
      this.lastCheckpoint = this.world.now();
      this.options.store.checkpoint({
        t: this.world.now(),
        events: this.world.eventCount,
        hash: this.world.hash(),
      });
      this.saveClock();
    }
  }

  private runTo(t: number): void {
    const wall = performance.now();
    // The scenario's own steps run at their times; beyond its end the world simply goes on.
    if (t <= this.current.until) this.current.advanceTo(t);
    else {
      this.current.advanceTo(this.current.until);
      this.world.runUntil(t);
    }
    this.runWallMs += performance.now() - wall;
  }

  private saveClock(): void {
    if (!this.current) return;
    this.lastClockSave = performance.now();
    this.options.store.saveClock({
      now: this.world.now(),
      mode: this.modeValue,
      speedMsPerSecond: this.speed,
    });
  }

  private open(scenario: Scenario, seed: number, state?: ScenarioRunState): void {
    this.current = new ScenarioRun(
      scenario,
      {
        seed,
        ...(this.options.exportSink ? { exportSink: this.options.exportSink } : {}),
        onWorld: (world) => world.onDayClosed(() => this.dayClosed()),
      },
      state,
    );
    this.lastCheckpoint = this.world.now();
    this.lastSnapshotAt = state ? state.world.at : -Infinity;
    this.runChanged$.next(this.world);
  }

  /** A day end: the moment a snapshot can be taken; one a week (SNAPSHOT_EVERY_MS). */
  private dayClosed(): void {
    // Called from inside the world's clock; `current` is already set for every day end.
    if (!this.current) return;
    const now = this.world.now();
    const since = now - this.lastSnapshotAt;
    if (since < SNAPSHOT_EVERY_MS) return;
    if (since < SNAPSHOT_AT_MOST_EVERY_MS && this.snapshotWallMs > SNAPSHOT_SHARE * this.runWallMs) return;
    const wall = performance.now();
    const store = this.options.store;
    const encoded = encodeRunState(this.current.save(), this.arrays);
    const fresh = new Map(encoded.arrays.filter(([key]) => !store.hasArray(key)));
    store.saveSnapshot(
      {
        t: now,
        events: this.world.eventCount,
        hash: this.world.hash(),
        data: encoded.data,
        arrays: [...new Set(encoded.arrays.map(([key]) => key))],
      },
      [...fresh],
    );
    this.lastSnapshotAt = now;
    this.thinSnapshots(now);
    this.lastSnapshotWallMs = performance.now() - wall;
    this.snapshotWallMs += this.lastSnapshotWallMs;
  }

  /** Weekly snapshots for the last eight weeks; before that, the first of each 28 days. */
  private thinSnapshots(now: number): void {
    const start = this.scenario.start;
    const seen = new Set<number>();
    const drop: number[] = [];
    for (const t of this.options.store.snapshotTimes()) {
      if (t >= now - DENSE_SNAPSHOTS_MS) break;
      const bucket = Math.floor((t - start) / SPARSE_SNAPSHOT_MS);
      if (seen.has(bucket)) drop.push(t);
      seen.add(bucket);
    }
    if (drop.length > 0) this.options.store.dropSnapshots(drop);
  }
}

function isClockMode(mode: string): mode is ClockMode {
  return mode === 'paused' || mode === 'running' || mode === 'fast';
}

function performerOf(name: OperationName, onCards: boolean): Who {
  const operation = onCards
    ? (CARD_OPERATIONS[name] ?? WORLD_OPERATIONS[name])
    : (WORLD_OPERATIONS[name] ?? CARD_OPERATIONS[name]);
  return operation?.performer ?? 'user';
}
