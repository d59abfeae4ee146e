// The world's one simulated clock: every timer in the twin, including every XState `after` delay,
// runs from here (ARCHITECTURE.md, Determinism). It is a binary heap keyed by (sim time, sequence
// number) rather than XState's SimulatedClock, which re-sorts every pending timer on each change.
//
// Ordering: the sequence number is taken when an event is scheduled, so events due at the same sim
// time run in the order they were scheduled, and a callback that schedules at the current time runs
// after everything already due then. Nothing here reads the wall clock.
//
// Cancelling is lazy: a cancelled entry stays in the heap, marked dead, and is skipped when it
// reaches the top; when dead entries exceed half the heap they are removed in one O(n) pass, so
// cancel stays O(1) amortised and the heap never holds more than twice the live timers.
//
// A callback that throws: the error propagates out of runUntil/step, and the scheduler stays
// consistent: the event counts as consumed (in `executed`, no longer pending), now() is that event's
// time, and the events still due remain pending, so calling runUntil(t) again carries on.

import type { ActorOptions, AnyActorLogic } from 'xstate';
import { TimerHeap } from './heap.ts';

// Epoch milliseconds. Defined here rather than imported from calendar.ts so the scheduler has no
// dependencies inside sim/; the two are the same type.
export type SimTime = number;

// A TimerId encodes where its callback lives: id = generation * slotLimit + slot + 1. Finding a
// timer to cancel is then two array reads, with no Map to hash into on every schedule and run. The
// generation changes each time a slot is reused, so the id of a timer that already ran or was
// removed no longer matches. Ids are never 0, so a caller's `if (id)` means what it looks like.
export type TimerId = number;

type XStateClock = NonNullable<ActorOptions<AnyActorLogic>['clock']>;

// 2^26 slots (about 67 million timers pending at once) times 2^27 generations stays below 2^53, so
// every id is an exact integer. A slot has to be reused 2^27 times before an old id can match again.
const slotLimit = 2 ** 26;
const generationMask = 2 ** 27 - 1;
const initialSlotCapacity = 64;

/** Where in one instant an event runs; lower first. The default is `lifecycle`. */
export const Phase = {
  /** Settling the traffic of the day that just ended: usage belongs to the day (and month) before. */
  settle: 0,
  /** Lifecycle timers, limit crossings, operations: the ordinary events. */
  lifecycle: 1,
  /** The monthly rollover and billing, after everything else due at 00:00 on the 1st. */
  rollover: 2,
  /** Planning the day's traffic, once the day's state is settled. */
  plan: 3,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

// The phase rides in the high part of the sequence key: (time, phase, order scheduled) ordering with
// no change to the heap. 2^45 sequence numbers per phase; 4 phases stay below 2^53.
const phaseStride = 2 ** 45;

/**
 * Everything a scheduler holds, as data: the heap as it stands, the slots (so every TimerId kept
 * anywhere in the world still names the same timer after a restore) and, per live slot, the task
 * its callback is rebuilt from. Typed arrays are copies.
 */
export interface SchedulerState<Task> {
  readonly now: SimTime;
  readonly nextSeq: number;
  readonly executed: number;
  readonly heapTimes: Float64Array;
  readonly heapSeqs: Float64Array;
  readonly heapSlots: Int32Array;
  readonly generations: Uint32Array;
  readonly freeSlots: Int32Array;
  readonly slotsUsed: number;
  /** Per slot in use: its task, or null for a free or cancelled slot. */
  readonly tasks: readonly (Task | null)[];
}

export class SchedulerStateError extends Error {
  override readonly name = 'SchedulerStateError';
}

export class Scheduler<Task = unknown> implements XStateClock {
  private currentTime: SimTime;
  private heap = new TimerHeap();
  // Indexed by slot. A slot is live exactly when it holds a callback.
  private runs: ((() => void) | undefined)[] = [];
  // Indexed by slot: what the callback does, as data, for snapshots (undefined: not describable).
  private tasks: (Task | undefined)[] = [];
  private generations = new Uint32Array(initialSlotCapacity);
  private freeSlots = new Int32Array(initialSlotCapacity);
  private freeCount = 0;
  private slotsUsed = 0;
  private nextSeq = 0;
  private cancelledInHeap = 0;
  private executedCount = 0;
  // Set while runUntil/step is running callbacks, to refuse a callback that tries to move the clock.
  private running = false;

  constructor(startTime: SimTime) {
    if (!Number.isFinite(startTime)) throw new RangeError(`start time must be finite, got ${startTime}`);
    this.currentTime = startTime;
  }

  now(): SimTime {
    return this.currentTime;
  }

  // Live events: scheduled, not yet run, not cancelled.
  get pending(): number {
    return this.heap.size - this.cancelledInHeap;
  }

  get executed(): number {
    return this.executedCount;
  }

  /**
   * Run `run` at sim time `at`. Events due at the same time run by phase, then in the order
   * scheduled: a phase says where in an instant an event belongs whenever it was scheduled (the
   * traffic of the day that just ended is settled before 00:00's lifecycle timers, and those before
   * the monthly rollover; see `Phase`).
   */
  schedule(at: SimTime, run: () => void, phase: Phase = Phase.lifecycle, task?: Task): TimerId {
    if (!(at >= this.currentTime) || !Number.isFinite(at)) {
      throw new RangeError(
        `cannot schedule at ${describeTime(at)}: now is ${describeTime(this.currentTime)}`,
      );
    }
    const slot = this.takeSlot();
    this.runs[slot] = run;
    this.tasks[slot] = task;
    this.heap.push(at, phase * phaseStride + this.nextSeq++, slot);
    return this.generations[slot]! * slotLimit + slot + 1;
  }

  scheduleIn(delayMs: number, run: () => void): TimerId {
    if (!(delayMs >= 0) || !Number.isFinite(delayMs)) {
      throw new RangeError(`delayMs must be a finite number >= 0, got ${delayMs}`);
    }
    return this.schedule(this.currentTime + delayMs, run);
  }

  // True if the timer was pending; false if it already ran, was cancelled, or never existed.
  cancel(id: TimerId): boolean {
    const index = id - 1;
    if (!Number.isSafeInteger(index) || index < 0) return false;
    const slot = index % slotLimit;
    if (slot >= this.slotsUsed || this.runs[slot] === undefined) return false;
    if (this.generations[slot] !== (index - slot) / slotLimit) return false;
    this.runs[slot] = undefined;
    this.tasks[slot] = undefined;
    this.cancelledInHeap++;
    if (this.cancelledInHeap * 2 > this.heap.size) this.compact();
    return true;
  }

  // XState's Clock: a delay relative to now(). The callback is called with no arguments, so it is
  // typed `() => void`; XState's `(...args: any[]) => void` is assignable to it, without an `any`.
  // A negative delay is treated as 0, as host timers do, because XState assumes that behaviour
  // (a delay computed from a date already past); a NaN or infinite delay is a bug and throws.
  setTimeout(fn: () => void, timeoutMs: number): TimerId {
    return this.scheduleIn(timeoutMs < 0 ? 0 : timeoutMs, fn);
  }

  clearTimeout(id: TimerId): void {
    this.cancel(id);
  }

  // Runs every event due at or before t, including those scheduled by callbacks on the way, in
  // (time, seq) order; then now() = t. Returns how many callbacks ran.
  runUntil(t: SimTime): number {
    if (!(t >= this.currentTime) || !Number.isFinite(t)) {
      throw new RangeError(`cannot run until ${describeTime(t)}: now is ${describeTime(this.currentTime)}`);
    }
    this.enter('runUntil');
    let ran = 0;
    try {
      while (this.heap.topTime() <= t) if (this.consumeTop()) ran++;
    } finally {
      this.running = false;
    }
    this.currentTime = t;
    return ran;
  }

  // Runs the next live event, moving now() to its time. False when nothing is pending.
  step(): boolean {
    this.enter('step');
    try {
      while (this.heap.size > 0) if (this.consumeTop()) return true;
      return false;
    } finally {
      this.running = false;
    }
  }

  // The time of the next live event, or undefined when nothing is pending.
  nextTime(): SimTime | undefined {
    const heap = this.heap;
    // Dropping dead entries off the top is invisible to callers and saves the next pop the work.
    while (heap.size > 0 && this.runs[heap.topSlot()] === undefined) {
      this.releaseSlot(heap.topSlot());
      heap.pop();
      this.cancelledInHeap--;
    }
    return heap.size > 0 ? heap.topTime() : undefined;
  }

  // Pops the top entry and runs it if live. Every piece of state is settled before the callback is
  // called, so a callback that throws, or that schedules and cancels, finds the scheduler consistent.
  private consumeTop(): boolean {
    const heap = this.heap;
    const slot = heap.topSlot();
    const time = heap.topTime();
    heap.pop();
    const run = this.runs[slot];
    this.releaseSlot(slot);
    if (run === undefined) {
      this.cancelledInHeap--;
      return false;
    }
    this.currentTime = time;
    this.executedCount++;
    run();
    return true;
  }

  /**
   * The scheduler as data (see SchedulerState). Every pending timer must have been scheduled with a
   * task: a callback alone cannot be saved, and a snapshot without it would silently lose it.
   */
  save(): SchedulerState<Task> {
    const tasks: (Task | null)[] = new Array<Task | null>(this.slotsUsed).fill(null);
    for (let slot = 0; slot < this.slotsUsed; slot++) {
      if (this.runs[slot] === undefined) continue;
      const task = this.tasks[slot];
      if (task === undefined) {
        throw new SchedulerStateError(
          `cannot save the scheduler: a timer due at ${describeTime(this.heap.timeOfSlot(slot))} was scheduled without a task`,
        );
      }
      tasks[slot] = task;
    }
    const heap = this.heap.save();
    return {
      now: this.currentTime,
      nextSeq: this.nextSeq,
      executed: this.executedCount,
      heapTimes: heap.times,
      heapSeqs: heap.seqs,
      heapSlots: heap.slots,
      generations: this.generations.slice(0, this.slotsUsed),
      freeSlots: this.freeSlots.slice(0, this.freeCount),
      slotsUsed: this.slotsUsed,
      tasks,
    };
  }

  /**
   * Puts back what save() returned, with each live timer's callback rebuilt from its task. Timer ids
   * and the order of events due at one instant come back exactly. Not from inside a callback.
   */
  restore(state: SchedulerState<Task>, rebuild: (task: Task) => () => void): void {
    if (this.running) throw new SchedulerStateError('cannot restore the scheduler from inside a callback');
    if (state.tasks.length !== state.slotsUsed || state.generations.length !== state.slotsUsed) {
      throw new SchedulerStateError('scheduler state is inconsistent: slots and tasks differ in number');
    }
    const runs: ((() => void) | undefined)[] = new Array<(() => void) | undefined>(state.slotsUsed);
    const tasks: (Task | undefined)[] = new Array<Task | undefined>(state.slotsUsed);
    let live = 0;
    for (let slot = 0; slot < state.slotsUsed; slot++) {
      const task = state.tasks[slot];
      if (task === null || task === undefined) continue;
      tasks[slot] = task;
      runs[slot] = rebuild(task);
      live++;
    }
    const capacity = Math.max(initialSlotCapacity, state.slotsUsed);
    const generations = new Uint32Array(capacity);
    generations.set(state.generations);
    const freeSlots = new Int32Array(capacity);
    freeSlots.set(state.freeSlots);
    const heap = new TimerHeap();
    heap.restore(state.heapTimes, state.heapSeqs, state.heapSlots);
    this.heap = heap;
    this.runs = runs;
    this.tasks = tasks;
    this.generations = generations;
    this.freeSlots = freeSlots;
    this.freeCount = state.freeSlots.length;
    this.slotsUsed = state.slotsUsed;
    this.nextSeq = state.nextSeq;
    this.executedCount = state.executed;
    this.currentTime = state.now;
    this.cancelledInHeap = heap.size - live;
  }

  private enter(method: string): void {
    if (this.running) {
      throw new Error(
        `Scheduler.${method} called from inside a scheduled callback; only the caller moves the clock`,
      );
    }
    this.running = true;
  }

  private takeSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount]!;
    if (this.slotsUsed === slotLimit) {
      throw new RangeError(`more than ${slotLimit} timers pending at once`);
    }
    if (this.slotsUsed === this.generations.length) this.growSlots();
    return this.slotsUsed++;
  }

  // Frees a slot whose heap entry is gone; the new generation makes its old id stale.
  private releaseSlot(slot: number): void {
    this.runs[slot] = undefined;
    this.tasks[slot] = undefined;
    this.generations[slot] = (this.generations[slot]! + 1) & generationMask;
    this.freeSlots[this.freeCount++] = slot;
  }

  private compact(): void {
    this.heap.retain((slot) => {
      if (this.runs[slot] !== undefined) return true;
      this.releaseSlot(slot);
      return false;
    });
    this.cancelledInHeap = 0;
  }

  private growSlots(): void {
    const capacity = Math.min(this.generations.length * 2, slotLimit);
    const generations = new Uint32Array(capacity);
    generations.set(this.generations);
    this.generations = generations;
    const freeSlots = new Int32Array(capacity);
    freeSlots.set(this.freeSlots);
    this.freeSlots = freeSlots;
  }
}

// A time as epoch ms and, when it is a valid date, as ISO-8601 UTC, so error messages are readable.
function describeTime(t: number): string {
  return Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? `${t} (${new Date(t).toISOString()})` : String(t);
}
