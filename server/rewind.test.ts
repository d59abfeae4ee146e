// Snapshots, rewinding and forking in the live server (issue: Seeded replay, rewinding; issue: the
// live server, durable state). A rewind restores the snapshot before the time asked for and re-runs
// to it: the twin is then exactly as the uninterrupted run was at that time (hash, cards), and running
// on gives the same again. A fork starts a new run from a moment, keeping the original.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRecording } from '../sim/record/recording.ts';
import { replayRecording } from '../sim/record/replay.ts';
import { CONSOLE_ACTIONS } from './console-actions.ts';
import { appsPerTest, expectErrorShape, smallScenario, type TestApp } from './test/helpers.ts';

const { open, close, folder } = appsPerTest(afterEach);

async function advance(t: TestApp, to: string): Promise<void> {
  expect((await t.call('POST', '/api/clock', { action: 'advance', to })).status).toBe(200);
  await t.live.settled();
}

async function cardsOf(t: TestApp) {
  return (await t.call('GET', '/api/cards?pageSize=1000')).body.items;
}

describe('rewinding the live twin', () => {
  it('back three months: the state and hash the uninterrupted run had then, from a snapshot', async () => {
    const t = await open();
    await advance(t, '2026-02-10');
    const then = { hash: t.live.world.hash(), events: t.live.world.eventCount, cards: await cardsOf(t) };
    await advance(t, '2026-05-10');
    const later = t.live.world.hash();
    expect(t.live.snapshotTimes().length).toBeGreaterThan(4);

    const reply = await t.call('POST', '/api/clock', { action: 'rewind', to: '2026-02-10' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.nowText).toBe('2026-02-10T00:00:00+08:00');
    expect(reply.body.mode).toBe('paused');
    // Restored from a snapshot of the week before, not re-run from the start.
    expect(t.live.restoredFrom).toBeGreaterThan(smallScenario().start);
    expect(t.live.restoredFrom).toBeLessThanOrEqual(Date.UTC(2026, 1, 9, 16));
    expect(t.live.world.hash()).toBe(then.hash);
    expect(t.live.world.eventCount).toBe(then.events);
    expect(await cardsOf(t)).toEqual(then.cards);
    // Snapshots after the rewind are gone; running on comes back to the same later state.
    expect(t.live.snapshotTimes().every((s) => s <= Date.UTC(2026, 1, 9, 16))).toBe(true);
    await advance(t, '2026-05-10');
    expect(t.live.world.hash()).toBe(later);
  });

  it('operations after the time rewound to are undone and leave the journal', async () => {
    const t = await open();
    const meter = t.group('meters')[1]!;
    await advance(t, '2026-02-01');
    const before = { hash: t.live.world.hash(), journal: t.live.journalLength() };
    await advance(t, '2026-02-20');
    expect((await t.call('POST', `/api/cards/${meter}/activate`)).status).toBe(200);
    expect(t.live.journalLength()).toBe(before.journal + 1);
    await t.call('POST', '/api/clock', { action: 'rewind', to: '2026-02-01' });
    expect(t.live.journalLength()).toBe(before.journal);
    expect(t.live.world.hash()).toBe(before.hash);
    expect((await t.call('GET', `/api/cards/${meter}`)).body.basic.view.specificStatus).toBe('Silent period');
  });

  it('refuses a time after now, before the run, or none, saying which', async () => {
    const t = await open();
    await advance(t, '2026-02-01');
    for (const [body, words] of [
      [{ action: 'rewind', to: '2026-03-01' }, /after now/],
      [{ action: 'rewind', to: '2025-12-01' }, /before the run began/],
      [{ action: 'rewind' }, /needs `to`/],
      [{ action: 'rewind', to: 'soon' }, /to/],
    ] as const) {
      const reply = await t.call('POST', '/api/clock', body);
      expectErrorShape(reply, 400, 'InvalidArgument');
      expect(reply.body.error.message).toMatch(words);
    }
    expect(t.live.world.now()).toBe(Date.UTC(2026, 0, 31, 16));
  });
});

describe('forking a run', () => {
  it('with another seed: a new run that parts from the original at that moment; the original is kept', async () => {
    const t = await open();
    await advance(t, '2026-03-01');
    const original = { id: t.live.run.id, hash: t.live.world.hash() };
    const fork = await t.call('POST', '/api/run/fork', { at: '2026-02-01', seed: 99 });
    expect(fork.status, JSON.stringify(fork.body)).toBe(200);
    expect(fork.body.id).not.toBe(original.id);
    expect(fork.body.forkOf).toEqual({ run: original.id, at: '2026-02-01T00:00:00+08:00', seed: 99 });
    expect(fork.body.now).toBe('2026-02-01T00:00:00+08:00');
    await advance(t, '2026-03-01');
    expect(t.live.world.hash()).not.toBe(original.hash);
    const forkHash = t.live.world.hash();

    // The fork's recording replays to its hash: the new seed is taken at its moment.
    const text = (await t.app.inject({ url: '/api/run/recording' })).body;
    const replay = replayRecording(parseRecording(text), { verify: true, actions: CONSOLE_ACTIONS });
    expect(replay.divergence).toBeUndefined();
    expect(replay.hash).toBe(forkHash);

    const runs = (await t.call('GET', '/api/runs')).body.items;
    expect(runs.map((r: { id: number; current: boolean }) => [r.id, r.current])).toEqual([
      [original.id, false],
      [fork.body.id, true],
    ]);
    const back = await t.call('POST', `/api/runs/${original.id}/open`);
    expect(back.status).toBe(200);
    expect(t.live.world.hash()).toBe(original.hash);
    expectErrorShape(await t.call('POST', '/api/runs/77/open'), 404, 'NotFound');
    expectErrorShape(await t.call('POST', '/api/runs/x/open'), 400, 'InvalidArgument');
  });

  it('without a seed: the same run until other operations are performed in it', async () => {
    const t = await open();
    await advance(t, '2026-03-01');
    const original = t.live.world.hash();
    await t.call('POST', '/api/run/fork', { at: '2026-01-20' });
    await advance(t, '2026-03-01');
    expect(t.live.world.hash()).toBe(original);
    expectErrorShape(await t.call('POST', '/api/run/fork', { at: '2027-01-01' }), 400, 'InvalidArgument');
    expectErrorShape(await t.call('POST', '/api/run/fork', { seed: -1 }), 400, 'InvalidArgument');
  });
});

describe('snapshots in the data folder', () => {
  it('a restart restores the latest snapshot and replays only the journal after it', async () => {
    const dir = { path: folder() };
    const first = await open(dir.path);
    await advance(first, '2026-03-15');
    const meter = first.group('meters')[2]!;
    expect((await first.call('POST', `/api/cards/${meter}/activate`)).status).toBe(200);
    await advance(first, '2026-04-02');
    const expected = {
      hash: first.live.world.hash(),
      now: first.live.world.now(),
      cards: await cardsOf(first),
    };
    await close(first);

    const db = new Database(join(dir.path, 'cardtwin.sqlite'), { readonly: true });
    const stored = db.prepare('SELECT count(*) AS n FROM snapshots').get() as { n: number };
    db.close();
    expect(stored.n).toBeGreaterThanOrEqual(3);

    const second = await open(dir.path);
    expect(second.resumed).toBe(true);
    // At most 28 days before (snapshots are weekly unless they cost too much of the run's time).
    expect(second.live.restoredFrom).toBeGreaterThanOrEqual(Date.UTC(2026, 2, 4, 16));
    expect(second.live.world.hash()).toBe(expected.hash);
    expect(second.live.world.now()).toBe(expected.now);
    expect(await cardsOf(second)).toEqual(expected.cards);
  });

  it('a data folder of the first version (one run, no snapshots) is brought forward and resumed', async () => {
    const dir = { path: folder() };
    const first = await open(dir.path);
    await advance(first, '2026-01-20');
    expect((await first.call('POST', `/api/cards/${first.group('meters')[1]!}/activate`)).status).toBe(200);
    const expected = first.live.world.hash();
    await close(first);
    // Back to version 1's layout: the run and clock in meta, no run columns, no snapshots.
    const db = new Database(join(dir.path, 'cardtwin.sqlite'));
    const run = db.prepare('SELECT data, clock FROM runs WHERE id = 1').get() as {
      data: string;
      clock: string;
    };
    db.exec(`
      DROP TABLE runs; DROP TABLE snapshots; DROP TABLE arrays; DROP INDEX journal_by_run;
      ALTER TABLE journal DROP COLUMN run; ALTER TABLE checkpoints DROP COLUMN run;
      DELETE FROM meta; PRAGMA user_version = 0;
    `);
    db.prepare("INSERT INTO meta (key, value) VALUES ('run', ?), ('clock', ?)").run(run.data, run.clock);
    db.close();
    const second = await open(dir.path);
    expect(second.resumed).toBe(true);
    expect(second.live.world.hash()).toBe(expected);
    expect(second.live.run.id).toBe(1);
  });
});
