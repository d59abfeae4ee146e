// A run, live: the scenario's world on a clock that users control (paused, running at a speed, as
// fast as possible, stepped, advanced to a time), fed with operations from the APIs. The world runs
// in slices of bounded wall time so that HTTP and websockets stay responsive while a year simulates.
// Every accepted operation is journaled before it is applied and acknowledged; a restarted server
// replays the journal to the same state and hash. The wall clock is read here, in server/, never in sim/.
import { Subject } from 'rxjs';
import { TwinError } from '../sim/errors.ts';
import type { ExportSink } from '../sim/exports/export-job.ts';
import { cardsOf, isOperationName, parseOperationArgs } from '../sim/ops/parse-args.ts';
import { performOperation } from '../sim/ops/perform.ts';
import type { CardResult, OperationResult } from '../sim/ops/types.ts';
import type { Actor as Who } from '../sim/record/event.ts';
import { ScenarioRun } from '../sim/scenario/runner.ts';
import type { Scenario } from '../sim/scenario/types.ts';
import { DAY_MS, HOUR_MS } from '../sim/time/calendar.ts';
import type { World } from '../sim/world.ts';
import type { JournalEntry, RunStore } from './store.ts';

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
  /** Wall milliseconds a slice may use before yielding to the event loop. */
  readonly sliceBudgetMs?: number;
}

const CHECKPOINT_EVERY_MS = 30 * DAY_MS;

export class LiveRun {
  private current!: ScenarioRun;
  private modeValue: ClockMode = 'paused';
  private speed = DAY_MS;
  private target: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastWall = 0;
  private lastCheckpoint = 0;
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

  /** Start a new run of a scenario (the journal starts empty). */
  start(scenario: Scenario, seed = scenario.seed): void {
    this.pause();
    this.options.store.startRun({
      scenario,
      seed,
      twinVersion: this.options.twinVersion,
      createdAt: new Date().toISOString(),
    });
    this.open(scenario, seed);
    this.saveClock();
  }

  /**
   * Come back to the run the store holds: the scenario again, every journaled operation at its sim
   * time, then the clock where it was. Returns false when the store holds no run.
   */
  resume(): boolean {
    const stored = this.options.store.loadRun();
    if (!stored) return false;
    const scenario = stored.scenario as Scenario;
    this.open(scenario, stored.seed);
    for (const entry of this.options.store.journal()) {
      this.current.advanceTo(entry.t);
      this.apply(entry);
    }
    const clock = this.options.store.loadClock();
    if (clock) {
      this.current.advanceTo(clock.now);
      this.speed = clock.speedMsPerSecond;
    }
    this.lastCheckpoint = this.world.now();
    return true;
  }

  /** The journal of operations accepted from outside (for recordings). */
  journal(): JournalEntry[] {
    return this.options.store.journal();
  }

  /** Validate, journal, apply: one operation from outside, at the current sim time. */
  perform(input: OperationInput): OperationResult {
    if (!isOperationName(input.operation)) {
      throw new TwinError('InvalidArgument', `no operation "${input.operation}"`);
    }
    const name = input.operation;
    const selection = cardsOf(name);
    if (selection === 'required' && (!input.cards || input.cards.length === 0)) {
      throw new TwinError('InvalidArgument', `${name} needs cards`);
    }
    if (selection === 'none' && input.cards && input.cards.length > 0) {
      throw new TwinError('InvalidArgument', `${name} acts on no cards; leave cards out`);
    }
    // Checked before anything is written: a request the twin refuses leaves no journal line.
    parseOperationArgs(this.world, name, input.args);
    const entry = this.options.store.append({
      t: this.world.now(),
      operation: name,
      cards: input.cards && input.cards.length > 0 ? [...input.cards] : null,
      args: input.args ?? {},
      by: input.by ?? 'user',
      source: input.source,
    });
    return this.apply(entry);
  }

  private apply(entry: JournalEntry): OperationResult {
    const name = entry.operation;
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
    this.setMode('paused');
    this.runTo(this.world.now() + Math.min(ms, DAY_MS));
    this.saveClock();
  }

  /** Run as fast as possible to `t`, then pause there (a test clock only moves forward). */
  advanceTo(t: number): void {
    if (t < this.world.now())
      throw new TwinError('InvalidArgument', 'the clock only moves forward (to is before now)');
    this.target = t;
    this.modeValue = 'fast';
    this.schedule();
    this.clockChanged$.next();
  }

  /** Wait until an `advanceTo` has arrived (tests, the CLI). */
  async settled(): Promise<void> {
    while (this.target !== undefined) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.saveClock();
  }

  private setMode(mode: ClockMode): void {
    this.modeValue = mode;
    this.lastWall = performance.now();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (mode !== 'paused') this.schedule();
    this.saveClock();
    this.clockChanged$.next();
  }

  private schedule(): void {
    if (this.timer) return;
    // Running at a speed: a slice every 50 ms of wall time; as fast as possible: yield, then go on.
    this.timer = setTimeout(() => this.slice(), this.modeValue === 'running' ? 50 : 0);
  }

  private slice(): void {
    this.timer = undefined;
    if (this.modeValue === 'paused') return;
    const wall = performance.now();
    const budget = this.options.sliceBudgetMs ?? 40;
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
    if (
      this.current.done &&
      this.world.now() >= this.current.until &&
      this.target === undefined &&
      this.modeValue === 'fast'
    ) {
      // Past the scenario's end the twin goes on living; fast mode keeps going until paused.
    }
    this.schedule();
  }

  /** Run towards `to` in pieces of an hour of sim time until the wall budget is spent. */
  private runWithin(to: number, wallDeadline: number): void {
    while (this.world.now() < to && performance.now() < wallDeadline) {
      this.runTo(Math.min(to, this.world.now() + HOUR_MS));
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
    // The scenario's own steps run at their times; beyond its end the world simply goes on.
    if (t <= this.current.until) this.current.advanceTo(t);
    else {
      this.current.advanceTo(this.current.until);
      this.world.runUntil(t);
    }
  }

  private saveClock(): void {
    if (!this.current) return;
    this.options.store.saveClock({
      now: this.world.now(),
      mode: this.modeValue,
      speedMsPerSecond: this.speed,
    });
  }

  private open(scenario: Scenario, seed: number): void {
    this.current = new ScenarioRun(scenario, {
      seed,
      ...(this.options.exportSink ? { exportSink: this.options.exportSink } : {}),
    });
    this.lastCheckpoint = this.world.now();
    this.runChanged$.next(this.world);
  }
}
