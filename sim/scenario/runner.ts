// Runs a scenario (SCENARIOS.md): builds the world from the fleet, runs each step at its sim time
// (after every clock event due at or before it), checks `expectError` and the expectations, and
// collects the results. Pure: no I/O, so the server can run the same scenario live, a slice at a time.
import type { Card } from '../cards/card.ts';
import { makeProfile } from '../devices/profiles.ts';
import { CARRIERS } from '../ids/carrier.ts';
import { buyFleetEntry } from '../ops/buy.ts';
import { performOperation } from '../ops/perform.ts';
import type { OperationName } from '../ops/types.ts';
import type { SimEvent } from '../record/event.ts';
import { DAY_MS } from '../time/calendar.ts';
import { World } from '../world.ts';
import { restoreWorld, saveWorld, type WorldSnapshot } from '../snapshot/world-snapshot.ts';
import type { ExportSink } from '../exports/export-job.ts';
import { checkExpectation, STATUS_EVENT_ALIASES } from './expectations.ts';
import type {
  ExpectationResult,
  RunProgress,
  ScenarioRunResult,
  StepFailure,
  StepResult,
} from './run-types.ts';
import { selectCards } from './select.ts';
import type { Scenario, Step } from './types.ts';

export interface RunOptions {
  /** Overrides the scenario's seed (`--seed`). */
  readonly seed?: number;
  /** Stop here instead of the scenario's `until` (`--until`); later steps do not run. */
  readonly until?: number;
  /** Called every `progressEveryMs` of sim time, and at the end. */
  readonly onProgress?: (progress: RunProgress) => void;
  readonly progressEveryMs?: number;
  /** Called before each step runs. */
  readonly onStep?: (step: Step, world: World) => void;
  /**
   * Called with each operation that comes from outside the world (a step's), just before it is
   * performed, with the cards it selected and its normalized arguments: what a recording keeps.
   */
  readonly onOperation?: (operation: RecordedOperationInput) => void;
  /** Where exported files go (default: memory). */
  readonly exportSink?: ExportSink;
  /** Called with the new world before anything happens in it (a recorder subscribes here). */
  readonly onWorld?: (world: World) => void;
}

export interface RecordedOperationInput {
  readonly t: number;
  readonly operation: string;
  readonly cards: readonly string[] | null;
  readonly args: unknown;
  readonly step: number;
}

/** A run saved between two days (ScenarioRun.save): results are immutable, so shared. */
export interface ScenarioRunState {
  readonly world: WorldSnapshot;
  readonly nextStep: number;
  readonly events: readonly SimEvent[];
  readonly expectations: readonly ExpectationResult[];
  readonly stepFailures: readonly StepFailure[];
  readonly stepResults: readonly StepResult[];
}

/** A scenario being run: the world, the steps still to run, and the results so far. */
export class ScenarioRun {
  readonly world: World;
  readonly until: number;
  private nextStep = 0;
  private readonly events: SimEvent[] = [];
  private readonly expectations: ExpectationResult[] = [];
  private readonly stepFailures: StepFailure[] = [];
  private readonly stepResults: StepResult[] = [];

  /** A new run of the scenario; or, given a saved state (`save()`), the run as it was then. */
  constructor(
    readonly scenario: Scenario,
    private readonly options: RunOptions = {},
    restored?: ScenarioRunState,
  ) {
    const seed = options.seed ?? scenario.seed;
    this.until = options.until ?? scenario.until;
    const exportSink = options.exportSink ? { exportSink: options.exportSink } : {};
    this.world = restored
      ? restoreWorld(restored.world, exportSink)
      : new World({ name: scenario.name, seed, start: scenario.start, ...exportSink });
    options.onWorld?.(this.world);
    const eventTypes = this.eventTypesWanted();
    if (eventTypes.size > 0) {
      this.world.events$.subscribe((event) => {
        if (eventTypes.has(event.type)) this.events.push(event);
      });
    }
    if (!restored) {
      this.setUp();
      return;
    }
    this.nextStep = restored.nextStep;
    this.events.push(...restored.events);
    this.expectations.push(...restored.expectations);
    this.stepFailures.push(...restored.stepFailures);
    this.stepResults.push(...restored.stepResults);
  }

  /**
   * The run as data: the world's snapshot and the steps run and results so far. Only between days,
   * from a World.onDayClosed listener (sim/snapshot/world-snapshot.ts).
   */
  save(): ScenarioRunState {
    return {
      world: saveWorld(this.world),
      nextStep: this.nextStep,
      events: this.events.slice(),
      expectations: this.expectations.slice(),
      stepFailures: this.stepFailures.slice(),
      stepResults: this.stepResults.slice(),
    };
  }

  get seed(): number {
    return this.world.seed;
  }

  get done(): boolean {
    return this.world.now() >= this.until && this.nextStep >= this.stepsToRun();
  }

  /** Run the world and the steps up to sim time t (never past `until`). */
  advanceTo(t: number): void {
    const target = Math.min(t, this.until);
    const steps = this.scenario.steps;
    while (this.nextStep < this.stepsToRun() && steps[this.nextStep]!.at <= target) {
      const step = steps[this.nextStep]!;
      // Counted as run only once its time has come: a snapshot taken on the way still has it ahead.
      this.runClockTo(step.at);
      this.nextStep++;
      this.runStep(step);
    }
    this.runClockTo(target);
  }

  /** Run to the end and report. */
  finish(): ScenarioRunResult {
    this.advanceTo(this.until);
    return this.result();
  }

  result(): ScenarioRunResult {
    return {
      name: this.scenario.name,
      seed: this.seed,
      start: this.scenario.start,
      until: this.until,
      hash: this.world.hash(),
      events: this.world.eventCount,
      cards: this.world.cards.length,
      passed: this.stepFailures.length === 0 && this.expectations.every((e) => e.passed),
      steps: this.stepResults,
      expectations: this.expectations,
      stepFailures: this.stepFailures,
    };
  }

  private stepsToRun(): number {
    const steps = this.scenario.steps;
    let n = steps.length;
    while (n > 0 && steps[n - 1]!.at > this.until) n--;
    return n;
  }

  private runClockTo(t: number): void {
    const every = this.options.progressEveryMs ?? DAY_MS;
    while (this.world.now() < t) {
      this.world.runUntil(Math.min(t, this.world.now() + every));
      this.options.onProgress?.({
        now: this.world.now(),
        start: this.scenario.start,
        until: this.until,
        events: this.world.eventCount,
      });
    }
    // A run restored from a snapshot stands inside an instant (after its day was settled): the rest
    // of that instant's events are still due.
    if ((this.world.clock.nextTime() ?? Infinity) <= t) this.world.runUntil(t);
  }

  private setUp(): void {
    const { world, scenario } = this;
    for (const carrier of CARRIERS) world.carriers.set(carrier, scenario.carriers[carrier]);
    for (const [name, spec] of Object.entries(scenario.profiles))
      world.devices.customProfiles.set(name, makeProfile(name, spec));
    for (const pool of scenario.pools) world.addPool(pool.id, pool.sizeBytes, pool.perCardBytes ?? 0);
    for (const entry of scenario.fleet) {
      if (entry.orderedAt <= world.now()) buyFleetEntry(world, entry);
      else world.at(entry.orderedAt, { kind: 'fleetBuy', entry });
    }
  }

  private runStep(step: Step): void {
    this.options.onStep?.(step, this.world);
    const operation = step.operation;
    if (operation) this.perform(step, operation);
    for (const expectation of step.expect) {
      const checked = checkExpectation(this.world, expectation, this.events);
      this.expectations.push({
        step: step.index,
        index: expectation.index,
        path: expectation.path,
        at: step.at,
        ...checked,
      });
    }
  }

  private perform(step: Step, operation: NonNullable<Step['operation']>): void {
    const cards: Card[] | undefined = operation.cards ? selectCards(this.world, operation.cards) : undefined;
    this.options.onOperation?.({
      t: this.world.now(),
      operation: operation.do,
      cards: cards ? cards.map((card) => card.iccid) : null,
      args: operation.with,
      step: step.index,
    });
    const result = performOperation(this.world, {
      operation: operation.do as OperationName,
      args: operation.with as never,
      ...(cards ? { cards } : {}),
    });
    this.stepResults.push({
      step: step.index,
      path: step.path,
      at: step.at,
      operation: operation.do,
      cards: result.results.length,
      succeeded: result.succeeded,
      failed: result.failed,
    });
    const failures = result.results.filter((r) => !r.ok);
    const fail = (reason: string, cardFailures: StepFailure['cards']) =>
      this.stepFailures.push({
        step: step.index,
        path: step.path,
        at: step.at,
        operation: operation.do,
        reason,
        cards: cardFailures,
      });
    if (step.expectError) {
      const wrong = result.results
        .filter((r) => r.ok || r.code !== step.expectError)
        .map((r) =>
          r.ok
            ? { card: r.iccid, code: 'Succeeded' as const, message: 'the operation succeeded' }
            : { card: r.iccid, code: r.code, message: r.message },
        );
      if (result.refusal && result.refusal.code !== step.expectError) {
        fail(`expected ${step.expectError}, got ${result.refusal.code}: ${result.refusal.message}`, []);
      } else if (!result.refusal && cards === undefined) {
        fail(`expected ${step.expectError}, but ${operation.do} succeeded`, []);
      } else if (cards !== undefined && cards.length === 0) {
        fail(`expected ${step.expectError}, but the step selected no cards`, []);
      } else if (wrong.length > 0) {
        fail(
          `expected ${step.expectError} on every card; ${wrong.length} of ${result.results.length} did otherwise`,
          wrong,
        );
      }
      return;
    }
    if (result.refusal)
      fail(`${operation.do} was refused: ${result.refusal.code}: ${result.refusal.message}`, []);
    if (failures.length > 0) {
      fail(
        `${operation.do} failed on ${failures.length} of ${result.results.length} card(s)`,
        failures.map((r) =>
          r.ok
            ? { card: r.iccid, code: 'Succeeded' as const, message: '' }
            : { card: r.iccid, code: r.code, message: r.message },
        ),
      );
    }
  }

  private eventTypesWanted(): Set<string> {
    const types = new Set<string>();
    for (const step of this.scenario.steps) {
      for (const expectation of step.expect) {
        if (expectation.kind !== 'events') continue;
        types.add(STATUS_EVENT_ALIASES.has(expectation.type) ? 'card.status' : expectation.type);
      }
    }
    return types;
  }
}

/** Run a whole scenario and report. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRunResult {
  return new ScenarioRun(scenario, options).finish();
}
