import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, setup } from 'xstate';
import { Scheduler, type SimTime, type TimerId } from './scheduler.ts';

const t0 = Date.UTC(2025, 0, 1);
const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;

describe('Scheduler', () => {
  it('runs events in time order, whatever order they were scheduled in', () => {
    const s = new Scheduler(t0);
    const log: string[] = [];
    s.schedule(t0 + 30, () => log.push('c'));
    s.schedule(t0 + 10, () => log.push('a'));
    s.schedule(t0 + 20, () => log.push('b'));
    expect(s.runUntil(t0 + 100)).toBe(3);
    expect(log).toEqual(['a', 'b', 'c']);
    expect(s.executed).toBe(3);
  });

  it('runs same-time events in the order they were scheduled', () => {
    const s = new Scheduler(t0);
    const log: number[] = [];
    for (let i = 0; i < 50; i++) s.schedule(t0 + 5, () => log.push(i));
    s.runUntil(t0 + 5);
    expect(log).toEqual([...Array(50).keys()]);
  });

  it('gives now() as the event time inside a callback', () => {
    const s = new Scheduler(t0);
    const seen: SimTime[] = [];
    s.schedule(t0 + 7, () => seen.push(s.now()));
    s.scheduleIn(9, () => seen.push(s.now()));
    s.runUntil(t0 + 100);
    expect(seen).toEqual([t0 + 7, t0 + 9]);
    expect(s.now()).toBe(t0 + 100);
  });

  it('cancels a pending event, and reports false for one already cancelled, already run, or unknown', () => {
    const s = new Scheduler(t0);
    const log: string[] = [];
    const a = s.schedule(t0 + 1, () => log.push('a'));
    const b = s.schedule(t0 + 2, () => log.push('b'));
    expect(s.pending).toBe(2);
    expect(s.cancel(b)).toBe(true);
    expect(s.cancel(b)).toBe(false);
    expect(s.pending).toBe(1);
    s.runUntil(t0 + 10);
    expect(log).toEqual(['a']);
    expect(s.cancel(a)).toBe(false);
    for (const bogus of [0, -1, 1.5, NaN, Infinity, 2 ** 60]) expect(s.cancel(bogus)).toBe(false);
  });

  it('lets a callback cancel events due later in the same runUntil, even when that compacts the heap', () => {
    const s = new Scheduler(t0);
    const log: number[] = [];
    const ids: TimerId[] = [];
    s.schedule(t0 + 1, () => {
      // Cancelling all odd timers leaves more dead entries than live, which triggers compaction.
      for (let i = 1; i < ids.length; i += 2) expect(s.cancel(ids[i]!)).toBe(true);
    });
    for (let i = 0; i < 100; i++) ids.push(s.schedule(t0 + 1 + (i % 3), () => log.push(i)));
    expect(s.runUntil(t0 + 10)).toBe(51);
    const evens = [...Array(50).keys()].map((k) => 2 * k);
    expect(log).toEqual([
      ...evens.filter((i) => i % 3 === 0),
      ...evens.filter((i) => i % 3 === 1),
      ...evens.filter((i) => i % 3 === 2),
    ]);
    expect(s.pending).toBe(0);
  });

  it('does not let a stale id cancel a later timer that reuses its storage', () => {
    const s = new Scheduler(t0);
    const first = s.schedule(t0 + 1, () => {});
    s.runUntil(t0 + 1);
    const second = s.schedule(t0 + 2, () => {});
    expect(second).not.toBe(first);
    expect(s.cancel(first)).toBe(false);
    expect(s.pending).toBe(1);
    expect(s.cancel(second)).toBe(true);
  });

  it('sets now() on runUntil even when nothing is due', () => {
    const s = new Scheduler(t0);
    expect(s.runUntil(t0 + dayMs)).toBe(0);
    expect(s.now()).toBe(t0 + dayMs);
    expect(s.runUntil(t0 + dayMs)).toBe(0);
  });

  it('refuses to run backwards, naming both times', () => {
    const s = new Scheduler(t0 + 1000);
    expect(() => s.runUntil(t0)).toThrow(RangeError);
    expect(() => s.runUntil(t0)).toThrow(`${t0}`);
    expect(() => s.runUntil(t0)).toThrow(`${t0 + 1000}`);
    expect(() => s.runUntil(NaN)).toThrow(RangeError);
  });

  it('refuses to schedule in the past, naming both times, and accepts now', () => {
    const s = new Scheduler(t0 + 1000);
    expect(() => s.schedule(t0 + 999, () => {})).toThrow(RangeError);
    expect(() => s.schedule(t0 + 999, () => {})).toThrow(/1735689600999.*1735689601000/);
    expect(() => s.schedule(NaN, () => {})).toThrow(RangeError);
    expect(() => s.schedule(Infinity, () => {})).toThrow(RangeError);
    expect(() => s.scheduleIn(-1, () => {})).toThrow(RangeError);
    let ran = false;
    s.schedule(t0 + 1000, () => (ran = true));
    expect(ran).toBe(false);
    expect(s.runUntil(t0 + 1000)).toBe(1);
    expect(ran).toBe(true);
  });

  it('runs events that callbacks schedule at the same time or before t in the same runUntil, in order', () => {
    const s = new Scheduler(t0);
    const log: string[] = [];
    s.schedule(t0 + 10, () => {
      log.push('a@10');
      s.schedule(t0 + 10, () => log.push('a1@10'));
      s.schedule(t0 + 15, () => {
        log.push('a2@15');
        s.schedule(t0 + 15, () => log.push('a21@15'));
      });
      s.schedule(t0 + 50, () => log.push('a3@50'));
    });
    s.schedule(t0 + 10, () => log.push('b@10'));
    s.schedule(t0 + 20, () => log.push('c@20'));
    expect(s.runUntil(t0 + 20)).toBe(6);
    expect(log).toEqual(['a@10', 'b@10', 'a1@10', 'a2@15', 'a21@15', 'c@20']);
    expect(s.pending).toBe(1);
    expect(s.nextTime()).toBe(t0 + 50);
  });

  it('steps one live event at a time, skipping cancelled ones', () => {
    const s = new Scheduler(t0);
    const log: string[] = [];
    const a = s.schedule(t0 + 1, () => log.push('a'));
    s.schedule(t0 + 2, () => log.push('b'));
    s.cancel(a);
    expect(s.nextTime()).toBe(t0 + 2);
    expect(s.step()).toBe(true);
    expect(log).toEqual(['b']);
    expect(s.now()).toBe(t0 + 2);
    expect(s.step()).toBe(false);
    expect(s.nextTime()).toBeUndefined();
    expect(s.now()).toBe(t0 + 2);
  });

  it('lets a throwing callback propagate and stays consistent: consumed, now() at its time', () => {
    const s = new Scheduler(t0);
    const log: string[] = [];
    s.schedule(t0 + 1, () => log.push('a'));
    s.schedule(t0 + 2, () => {
      throw new Error('boom');
    });
    s.schedule(t0 + 3, () => log.push('c'));
    expect(() => s.runUntil(t0 + 10)).toThrow('boom');
    expect(s.now()).toBe(t0 + 2);
    expect(s.executed).toBe(2);
    expect(s.pending).toBe(1);
    expect(s.runUntil(t0 + 10)).toBe(1);
    expect(log).toEqual(['a', 'c']);
    expect(s.now()).toBe(t0 + 10);
  });

  it('refuses to move the clock from inside a callback', () => {
    const s = new Scheduler(t0);
    s.schedule(t0 + 1, () => s.runUntil(t0 + 5));
    s.schedule(t0 + 2, () => s.step());
    expect(() => s.runUntil(t0 + 1)).toThrow(/inside a scheduled callback/);
    expect(() => s.step()).toThrow(/inside a scheduled callback/);
    expect(s.now()).toBe(t0 + 2);
  });

  it('implements the XState Clock: setTimeout relative to now(), clearTimeout cancels, negative delay as 0', () => {
    const s = new Scheduler(t0);
    s.runUntil(t0 + 100);
    const log: string[] = [];
    s.setTimeout(() => log.push(`a@${s.now() - t0}`), 50);
    const b = s.setTimeout(() => log.push('b'), 60);
    s.setTimeout(() => log.push(`c@${s.now() - t0}`), -5);
    s.clearTimeout(b);
    s.runUntil(t0 + 1000);
    expect(log).toEqual(['c@100', 'a@150']);
  });

  it('keeps ids of survivors valid across compaction of cancelled entries', () => {
    const s = new Scheduler(t0);
    const log: number[] = [];
    const ids: TimerId[] = [];
    for (let i = 0; i < 1000; i++) ids.push(s.schedule(t0 + ((i * 7919) % 1000), () => log.push(i)));
    // Cancelling 3 of every 4 crosses the half-dead threshold several times.
    for (let i = 0; i < 1000; i++) if (i % 4 !== 0) expect(s.cancel(ids[i]!)).toBe(true);
    expect(s.pending).toBe(250);
    expect(s.cancel(ids[4]!)).toBe(true);
    expect(s.pending).toBe(249);
    s.runUntil(t0 + 1000);
    const expected = [...Array(1000).keys()]
      .filter((i) => i % 4 === 0 && i !== 4)
      .sort((x, y) => ((x * 7919) % 1000) - ((y * 7919) % 1000) || x - y);
    expect(log).toEqual(expected);
  });

  it('keeps its storage bounded when timers are scheduled and cancelled over and over', () => {
    const s = new Scheduler(t0);
    // Reads private fields on purpose: a leak here changes no result, only memory.
    const internals = s as unknown as { heap: { size: number }; slotsUsed: number };
    s.schedule(t0 + dayMs, () => {});
    for (let i = 0; i < 10_000; i++) {
      s.cancel(s.schedule(t0 + hourMs + i, () => {}));
      expect(internals.heap.size).toBeLessThanOrEqual(2 * s.pending + 1);
    }
    expect(s.pending).toBe(1);
    expect(internals.slotsUsed).toBeLessThanOrEqual(4);
  });
});

// A reference model: a plain list, scanned for the smallest (time, seq) each time. Slow but obvious.
class ListScheduler {
  private events: { time: number; seq: number; run: () => void; id: number }[] = [];
  private seq = 0;
  executed = 0;
  constructor(private time: number) {}
  now(): number {
    return this.time;
  }
  get pending(): number {
    return this.events.length;
  }
  schedule(at: number, run: () => void): number {
    const id = ++this.seq;
    this.events.push({ time: at, seq: id, run, id });
    return id;
  }
  cancel(id: number): boolean {
    const i = this.events.findIndex((e) => e.id === id);
    if (i < 0) return false;
    this.events.splice(i, 1);
    return true;
  }
  nextTime(): number | undefined {
    return this.events.length === 0 ? undefined : Math.min(...this.events.map((e) => e.time));
  }
  step(): boolean {
    if (this.events.length === 0) return false;
    let best = 0;
    this.events.forEach((e, i) => {
      const b = this.events[best]!;
      if (e.time < b.time || (e.time === b.time && e.seq < b.seq)) best = i;
    });
    const [e] = this.events.splice(best, 1);
    this.time = e!.time;
    this.executed++;
    e!.run();
    return true;
  }
  runUntil(t: number): number {
    let ran = 0;
    while (this.nextTime() !== undefined && this.nextTime()! <= t) ran += this.step() ? 1 : 0;
    this.time = t;
    return ran;
  }
}

type Op =
  | { kind: 'schedule'; delayMs: number; childDelayMs: number | undefined }
  | { kind: 'cancel'; index: number }
  | { kind: 'runUntil'; deltaMs: number }
  | { kind: 'step' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('schedule' as const),
      // Small ranges make same-time ties common, which is where ordering bugs hide.
      delayMs: fc.integer({ min: 0, max: 20 }),
      childDelayMs: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(300) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('runUntil' as const),
      deltaMs: fc.integer({ min: 0, max: 15 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'step' as const }) },
);

// Applies the ops to one implementation; returns everything observable, step by step.
function play(s: Scheduler | ListScheduler, ops: readonly Op[]): unknown[] {
  const observed: unknown[] = [];
  const ids: number[] = [];
  const log: string[] = [];
  const add = (at: number, label: string, childDelayMs: number | undefined): void => {
    ids.push(
      s.schedule(at, () => {
        log.push(`${label}@${s.now() - t0}`);
        if (childDelayMs !== undefined) add(s.now() + childDelayMs, `${label}'`, undefined);
      }),
    );
  };
  ops.forEach((op, n) => {
    if (op.kind === 'schedule') add(s.now() + op.delayMs, `e${n}`, op.childDelayMs);
    else if (op.kind === 'cancel') observed.push(s.cancel(ids[op.index % (ids.length + 1)] ?? -1));
    else if (op.kind === 'runUntil') observed.push(s.runUntil(s.now() + op.deltaMs));
    else observed.push(s.step());
    observed.push([s.now(), s.pending, s.executed, s.nextTime()]);
  });
  observed.push(s.runUntil(s.now() + 1000), s.pending, log);
  return observed;
}

describe('Scheduler against a sorted-list model', () => {
  it('runs exactly the live events in (time, seq) order, with pending always right, with seed 42', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 150 }), (ops) => {
        expect(play(new Scheduler(t0), ops)).toEqual(play(new ListScheduler(t0), ops));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

// A card-like machine: idle -> after 3 days -> warned -> after 1 day -> done; ACTIVATE leaves idle,
// which must cancel the pending 3-day delay.
const warningMachine = setup({
  types: {
    context: {} as { idleMs: number; warnedMs: number },
    input: {} as { idleMs: number; warnedMs: number },
  },
  delays: {
    idleDelay: ({ context }) => context.idleMs,
    warnedDelay: ({ context }) => context.warnedMs,
  },
}).createMachine({
  initial: 'idle',
  context: ({ input }) => ({ ...input }),
  states: {
    idle: { after: { idleDelay: 'warned' }, on: { ACTIVATE: 'active' } },
    warned: { after: { warnedDelay: 'done' } },
    active: { on: { DEACTIVATE: 'idle' } },
    done: { type: 'final' },
  },
});

describe('Scheduler as the clock of XState actors', () => {
  it('fires after-delays exactly at their sim times', () => {
    const s = new Scheduler(t0);
    const actor = createActor(warningMachine, {
      clock: s,
      input: { idleMs: 3 * dayMs, warnedMs: dayMs },
    }).start();
    s.runUntil(t0 + 3 * dayMs - 1);
    expect(actor.getSnapshot().value).toBe('idle');
    s.runUntil(t0 + 3 * dayMs);
    expect(actor.getSnapshot().value).toBe('warned');
    s.runUntil(t0 + 4 * dayMs - 1);
    expect(actor.getSnapshot().value).toBe('warned');
    s.runUntil(t0 + 4 * dayMs);
    expect(actor.getSnapshot().value).toBe('done');
    expect(s.pending).toBe(0);
  });

  it('never fires an after-delay cancelled by leaving its state', () => {
    const s = new Scheduler(t0);
    const actor = createActor(warningMachine, {
      clock: s,
      input: { idleMs: 3 * dayMs, warnedMs: dayMs },
    }).start();
    expect(s.pending).toBe(1);
    s.runUntil(t0 + dayMs);
    actor.send({ type: 'ACTIVATE' });
    expect(s.pending).toBe(0);
    s.runUntil(t0 + 30 * dayMs);
    expect(actor.getSnapshot().value).toBe('active');
    expect(s.executed).toBe(0);
    // Re-entering idle starts a fresh 3 days from now, not from the first entry.
    actor.send({ type: 'DEACTIVATE' });
    s.runUntil(t0 + 33 * dayMs - 1);
    expect(actor.getSnapshot().value).toBe('idle');
    s.runUntil(t0 + 33 * dayMs);
    expect(actor.getSnapshot().value).toBe('warned');
  });

  // 1000 actors with delays of 1-7 hours then 1-5 hours; every third is activated at 2 h, which
  // cancels its warning if still pending. Returns the transition log as [sim ms, actor, state].
  function runFleet(): [number, number, string][] {
    const s = new Scheduler(t0);
    const log: [number, number, string][] = [];
    const actors = Array.from({ length: 1000 }, (_, i) => {
      const actor = createActor(warningMachine, {
        clock: s,
        input: { idleMs: ((i % 7) + 1) * hourMs, warnedMs: ((i % 5) + 1) * hourMs },
      });
      // XState notifies on every event it processes, even one that changes nothing; log changes only.
      let last = '';
      actor.subscribe((snapshot) => {
        const state = String(snapshot.value);
        if (state !== last) log.push([s.now() - t0, i, state]);
        last = state;
      });
      return actor.start();
    });
    s.runUntil(t0 + 2 * hourMs);
    actors.forEach((actor, i) => {
      if (i % 3 === 0) actor.send({ type: 'ACTIVATE' });
    });
    s.runUntil(t0 + 30 * hourMs);
    expect(s.pending).toBe(0);
    return log.filter(([, , state]) => state !== 'idle');
  }

  it('interleaves 1000 actors in sim-time order, each at its own times', () => {
    const log = runFleet();
    for (let k = 1; k < log.length; k++) expect(log[k]![0]).toBeGreaterThanOrEqual(log[k - 1]![0]);
    for (let i = 0; i < 1000; i++) {
      const idleMs = ((i % 7) + 1) * hourMs;
      const warnedMs = ((i % 5) + 1) * hourMs;
      const mine = log.filter(([, actor]) => actor === i).map(([ms, , state]) => `${state}@${ms}`);
      const warned = [`warned@${idleMs}`, `done@${idleMs + warnedMs}`];
      // An actor already warned by 2 h (including one warned at exactly 2 h, which runs before the
      // send) ignores ACTIVATE; one still idle goes active and its warning never fires.
      const activatedWhileIdle = i % 3 === 0 && idleMs > 2 * hourMs;
      expect(mine).toEqual(activatedWhileIdle ? [`active@${2 * hourMs}`] : warned);
    }
    // Warnings due at the same time were scheduled in actor order at start, so they run in that order.
    const warnedAt3h = log
      .filter(([ms, , state]) => state === 'warned' && ms === 3 * hourMs)
      .map(([, i]) => i);
    expect(warnedAt3h).toEqual([...warnedAt3h].sort((a, b) => a - b));
    expect(warnedAt3h.length).toBeGreaterThan(50);
  });

  it('produces the same transition log on every run', () => {
    expect(runFleet()).toEqual(runFleet());
  });
});
