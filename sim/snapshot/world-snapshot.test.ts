// A snapshot restored gives the same events afterwards, to the hash, as the run it was taken from
// (issue: Seeded replay, rewinding). Every scenario of the library runs once, uninterrupted, taking
// snapshots at several day ends; each snapshot is then restored and run to the end, and its events
// must be exactly the uninterrupted run's events after that moment, and its result the same result.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseScenario } from '../scenario/parse.ts';
import { ScenarioRun, type ScenarioRunState } from '../scenario/runner.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SimEvent } from '../record/event.ts';
import { standardFleet } from '../bench/standard-fleet.ts';
import { DAY_MS } from '../time/calendar.ts';
import { Scheduler } from '../time/scheduler.ts';
import { World } from '../world.ts';
import { restoreWorld, saveWorld, SnapshotError } from './world-snapshot.ts';

const library = join(dirname(fileURLToPath(import.meta.url)), '../../scenarios');
const files = readdirSync(library)
  .filter((file) => file.endsWith('.yaml'))
  .sort();

interface Uninterrupted {
  readonly events: SimEvent[];
  readonly snapshots: ScenarioRunState[];
  readonly result: ReturnType<ScenarioRun['result']>;
}

/** Runs the scenario to its end, saving the run at about `count` day ends spread over it. */
function runTakingSnapshots(scenario: Scenario, count: number): Uninterrupted {
  const days = Math.max(1, Math.round((scenario.until - scenario.start) / DAY_MS));
  const every = Math.max(1, Math.floor(days / count));
  const events: SimEvent[] = [];
  const snapshots: ScenarioRunState[] = [];
  let dayEnds = 0;
  const holder: { run?: ScenarioRun } = {};
  const run = new ScenarioRun(scenario, {
    onWorld: (world) => {
      world.events$.subscribe((event) => events.push(event));
      world.onDayClosed(() => {
        if (++dayEnds % every === 0 && holder.run) snapshots.push(holder.run.save());
      });
    },
  });
  holder.run = run;
  run.advanceTo(run.until);
  return { events, snapshots, result: run.result() };
}

function continueFrom(scenario: Scenario, state: ScenarioRunState) {
  const events: SimEvent[] = [];
  const run = new ScenarioRun(
    scenario,
    { onWorld: (world) => world.events$.subscribe((event) => events.push(event)) },
    state,
  );
  return { events, result: run.finish() };
}

describe('world snapshots: restored, a run goes on exactly as it would have (every library scenario)', () => {
  it.each(files)('%s', (file) => {
    const scenario = parseScenario(parse(readFileSync(join(library, file), 'utf8')));
    const whole = runTakingSnapshots(scenario, 30);
    expect(whole.snapshots.length).toBeGreaterThan(0);
    for (const snapshot of whole.snapshots) {
      const after = continueFrom(scenario, snapshot);
      const expected = whole.events.filter((event) => event.seq > snapshot.world.events);
      expect(after.events, `events after ${new Date(snapshot.world.at).toISOString()}`).toEqual(expected);
      expect(after.result).toEqual(whole.result);
    }
  });
});

describe('world snapshots on the benchmark fleet (pools, smart cards, devices, faults, limits)', () => {
  it('600 cards through 4 months: every weekly snapshot restores to the same events and hash', () => {
    const scenario = standardFleet({ cards: 600, months: 4, seed: 7 });
    const whole = runTakingSnapshots(scenario, 17);
    expect(whole.snapshots.length).toBeGreaterThanOrEqual(15);
    for (const snapshot of whole.snapshots) {
      const after = continueFrom(scenario, snapshot);
      expect(after.result.hash).toBe(whole.result.hash);
      expect(after.events.length).toBe(whole.events.filter((e) => e.seq > snapshot.world.events).length);
    }
  });

  it('a version 1 snapshot (suspension as machine sub-states) restores to the same hash', () => {
    const scenario = standardFleet({ cards: 300, months: 3, seed: 5 });
    const whole = runTakingSnapshots(scenario, 3);
    const snapshot = whole.snapshots.at(-1)!;
    // Version 1 had a `live` parent and named suspension in the state value:
    // { live: { active: 'inUse' | 'suspended' } }.
    const CAUSES = 2 + 9; // status, value, then the context; causes is its tenth field (card-state.ts)
    let held = 0;
    const asVersion1 = (tuple: readonly unknown[]) => {
      const value = tuple[1] as string;
      if (value !== 'test' && value !== 'active') return tuple;
      const suspended = tuple[CAUSES] !== 0;
      if (suspended) held++;
      const leaf = suspended ? 'suspended' : value === 'test' ? 'open' : 'inUse';
      return [tuple[0], { live: { [value]: leaf } }, ...tuple.slice(2)];
    };
    const old: ScenarioRunState = {
      ...snapshot,
      world: {
        ...snapshot.world,
        version: 1,
        cards: snapshot.world.cards.map((card) => ({ ...card, machines: card.machines.map(asVersion1) })),
      },
    };
    expect(held, 'cards suspended in the snapshot').toBeGreaterThan(0);
    expect(continueFrom(scenario, old).result.hash).toBe(whole.result.hash);
  });

  it('a snapshot is not changed by the runs restored from it: restoring it twice gives the same', () => {
    const scenario = standardFleet({ cards: 200, months: 2, seed: 3 });
    const whole = runTakingSnapshots(scenario, 2);
    const snapshot = whole.snapshots[0]!;
    const first = continueFrom(scenario, snapshot).result.hash;
    const second = continueFrom(scenario, snapshot).result.hash;
    expect(first).toBe(whole.result.hash);
    expect(second).toBe(first);
  });
});

describe('world snapshots keep what is pending across midnight', () => {
  it('an operation waiting for its carrier over a day end completes after a restore (C9, L8)', () => {
    const scenario = parseScenario(
      parse(`
name: L8 a carrier that takes 30 hours
seed: 5
start: 2026-03-01
until: 2026-03-05
fleet:
  - { group: g, count: 3, voucher: CT_SC_M_1_1G }
carriers:
  CT: { operationDelay: 30h }
steps:
  - at: 2026-03-01T10:00
    do: activate
    cards: { group: g }
  - at: 2026-03-03T00:00
    expect:
      - { cards: { group: g }, specificStatus: In use, count: 3 }
      - events: { type: operation.done }
        count: 3
`),
    );
    const whole = runTakingSnapshots(scenario, 4);
    expect(whole.result.passed).toBe(true);
    const overnight = whole.snapshots.find((s) =>
      s.world.pendingOperations.operations.some((p) => p.status === 'PROCESSING'),
    );
    expect(overnight, 'a snapshot with the operations still pending').toBeDefined();
    const after = continueFrom(scenario, overnight!);
    expect(after.result).toEqual(whole.result);
    expect(after.events.filter((e) => e.type === 'operation.done')).toHaveLength(3);
  });
});

describe('world snapshots refuse what they cannot keep', () => {
  it('a timer scheduled without a task cannot be saved, and says when it was due', () => {
    const world = new World({ name: 'bare', seed: 1, start: Date.UTC(2026, 0, 1) - 8 * 3_600_000 });
    world.clock.schedule(world.now() + 5, () => {});
    expect(() => saveWorld(world)).toThrow(SnapshotError);
    expect(() => saveWorld(world)).toThrow(/scheduled without a task/);
  });

  it('a snapshot of another version is refused with what to do', () => {
    const world = new World({ name: 'bare', seed: 1, start: Date.UTC(2026, 0, 1) - 8 * 3_600_000 });
    const snapshot = saveWorld(world);
    expect(() => restoreWorld({ ...snapshot, version: 0 })).toThrow(/take a new one/);
  });

  it('the scheduler restores timer ids: a timer cancelled after a restore is the same timer', () => {
    const clock = new Scheduler<string>(0);
    const ran: string[] = [];
    const a = clock.schedule(10, () => ran.push('a'), undefined, 'a');
    clock.schedule(10, () => ran.push('b'), undefined, 'b');
    const copy = new Scheduler<string>(0);
    copy.restore(clock.save(), (task) => () => ran.push(task));
    expect(copy.cancel(a)).toBe(true);
    copy.runUntil(20);
    expect(ran).toEqual(['b']);
  });
});
