// Durable truth in process (ARCHITECTURE.md): every change from outside is journaled before it is
// acknowledged, a request the twin refuses leaves no journal line, and an app built again on the same
// data folder comes back to the same sim time, hash and state, also past the scenario's end, with
// the console's own changes (tags, deleted exports) and after a new run was started.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appsPerTest, expectErrorShape, testApp, type TestApp } from './test/helpers.ts';

const DAY_MS = 86_400_000;
const { open, folder } = appsPerTest(afterEach);

/** What a restart must bring back: the clock, the hash and every card's state. */
async function state(t: TestApp) {
  const cards = await t.call('GET', '/api/cards?pageSize=1000');
  return {
    now: t.live.world.now(),
    hash: t.live.world.hash(),
    events: t.live.world.eventCount,
    cards: cards.body.items,
    tags: (await t.call('GET', '/api/tags')).body.items,
    exports: (await t.call('GET', '/api/exports')).body.items,
    rules: (await t.call('GET', '/api/rules')).body.items,
  };
}

describe('a request the twin refuses leaves no journal line', () => {
  it('bad arguments, unknown operations and cards, refusals checked first, bad file names', async () => {
    const t = await open();
    const meter = t.group('meters')[0]!;
    await t.call('POST', `/api/cards/${meter}/activate`);
    const before = { journal: t.live.journalLength(), hash: t.live.world.hash() };
    expect(before.journal).toBe(1);
    const refused: [string, string, unknown, number][] = [
      ['POST', `/api/cards/${meter}/addTags`, { tags: 'x' }, 400],
      ['POST', `/api/cards/${meter}/frobnicate`, {}, 400],
      ['POST', '/api/cards/89860000000000000000/activate', {}, 404],
      ['POST', `/api/cards/${meter}/activate`, {}, 409],
      ['POST', `/api/cards/${meter}/suspend`, { subCards: 5 }, 400],
      ['POST', '/api/exports', { fileName: '../x' }, 400],
      ['POST', '/api/exports', { months: 0 }, 400],
      ['POST', '/api/rules', { name: 'no scope' }, 400],
      ['DELETE', '/api/rules/none', undefined, 404],
      ['DELETE', '/api/exports/9', undefined, 404],
      ['DELETE', '/api/tags/none', undefined, 404],
      ['POST', '/api/tags', { tag: 'a,b' }, 400],
      ['POST', '/api/operations', { operation: 'activate', cards: [meter] }, 200],
      ['POST', '/api/operations', { operation: 'activate', cards: ['89860000000000000000'] }, 200],
      ['POST', '/api/clock', { action: 'rewind' }, 400],
    ];
    for (const [method, url, body, status] of refused) {
      const reply = await t.call(method as 'POST', url, body);
      expect(reply.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(status);
      if (status !== 200) expectErrorShape(reply, status);
      else expect(reply.body.succeeded).toBe(0);
      expect(t.live.journalLength(), `${method} ${url} ${JSON.stringify(body)}`).toBe(before.journal);
    }
    expect(t.live.world.hash()).toBe(before.hash);
  });

  it('an accepted operation is in the journal when its response arrives', async () => {
    const dataDir = folder();
    const t = await open(dataDir);
    const db = new Database(join(dataDir, 'cardtwin.sqlite'), { readonly: true });
    try {
      const rows = () => db.prepare('SELECT seq, operation, cards, args FROM journal ORDER BY seq').all();
      const meter = t.group('meters')[1]!;
      expect((await t.call('POST', `/api/cards/${meter}/setRemark`, { text: 'hello' })).status).toBe(200);
      expect(rows()).toEqual([
        { seq: 1, operation: 'setRemark', cards: JSON.stringify([meter]), args: '{"text":"hello"}' },
      ]);
      expect((await t.call('POST', '/api/tags', { tag: 'north' })).status).toBe(200);
      expect(rows()).toHaveLength(2);
      expect((await t.call('POST', `/api/cards/${meter}/activate`)).status).toBe(200);
      expect(rows()).toHaveLength(3);
    } finally {
      db.close();
    }
  });
});

describe('a restart on the same data folder comes back to the same state', () => {
  it('operations, the clock, tags, rules and a deleted export, also past the scenario end', async () => {
    const dataDir = folder();
    const first = await open(dataDir);
    const [m0, m1, m2] = first.group('meters');
    await first.call('POST', `/api/cards/${m1}/activate`);
    await first.call('POST', '/api/tags', { tag: 'catalogued' });
    await first.call('POST', '/api/rules', { name: 'Live', scope: { all: true }, type: 'statusChange' });
    await first.call('POST', '/api/exports', { fileName: 'kept' });
    await first.call('POST', '/api/exports', { fileName: 'dropped' });
    await first.call('DELETE', '/api/exports/dropped');
    first.live.advanceTo(first.live.scenario.until + 10 * DAY_MS);
    await first.live.settled();
    // Operations after the scenario's end are applied at their own sim time on replay.
    await first.call('POST', `/api/cards/${m2}/addTags`, { tags: ['late'] });
    await first.call('POST', '/api/clock', { action: 'step', by: '3h' });
    await first.call('POST', `/api/cards/${m0}/setRemark`, { text: 'after the end' });
    await first.call('GET', `/api/cards/${m0}/usage`);
    await first.call('POST', '/api/clock', { action: 'step', by: '1h' });
    const before = await state(first);
    expect(before.exports.map((f: { name: string }) => f.name)).toEqual(['kept.csv']);
    // Not closed: the process could have died here. A second app reads the same folder.
    const second = await open(dataDir);
    expect(second.resumed).toBe(true);
    expect(await state(second)).toEqual(before);
    expect((await second.call('GET', '/api/run')).body.journal).toBe(first.live.journalLength());
    expect(existsSync(join(dataDir, 'exports', 'kept.csv'))).toBe(true);
    expect(existsSync(join(dataDir, 'exports', 'dropped.csv'))).toBe(false);
    // The history of events is there again too.
    expect((await second.call('GET', `/api/events?type=card.remark&card=${m0}`)).body.total).toBe(1);
  });

  it('POST /api/run starts another run (seed or scenario); a restart resumes that one', async () => {
    const dataDir = folder();
    const first = await open(dataDir);
    await first.call('POST', '/api/exports', { fileName: 'old run' });
    const hash = first.live.world.hash();
    const reseeded = await first.call('POST', '/api/run', { seed: 11 });
    expect(reseeded.body).toMatchObject({ seed: 11, journal: 0, cards: 7 });
    expect(reseeded.body.hash).not.toBe(hash);
    expect(existsSync(join(dataDir, 'exports', 'old run.csv'))).toBe(false);
    const other = await first.call('POST', '/api/run', {
      scenario: {
        name: 'another',
        start: '2026-05-01',
        fleet: [{ group: 'g', count: 2, voucher: 'CT_SC_M_1_1G' }],
      },
    });
    expect(other.body).toMatchObject({ name: 'another', seed: 1, cards: 2 });
    await first.call('POST', `/api/cards/${first.group('g')[0]}/activate`);
    const bad = await first.call('POST', '/api/run', {
      scenario: { name: 'x', start: '2026-05-01', fleet: [{ group: 'g', count: 1, voucher: 'XX' }] },
    });
    expectErrorShape(bad, 400, 'InvalidArgument');
    expect(bad.body.error.message).toContain('fleet[0].voucher');
    expectErrorShape(await first.call('POST', '/api/run', { seed: -1 }), 400, 'InvalidArgument');
    expectErrorShape(await first.call('POST', '/api/run', { colour: 'red' }), 400, 'InvalidArgument');
    const before = await state(first);
    const second = await open(dataDir);
    expect(second.live.scenario.name).toBe('another');
    expect(await state(second)).toEqual(before);
  });

  it('the clock comes back in the mode it was in, unless asked to start paused', async () => {
    const dataDir = folder();
    const first = await testApp({ dataDir, playSpeedMsPerSecond: DAY_MS });
    expect(first.live.mode).toBe('running');
    await first.app.close();
    const running = await testApp({ dataDir, playSpeedMsPerSecond: DAY_MS });
    expect(running.live.mode).toBe('running');
    await running.app.close();
    const paused = await testApp({ dataDir });
    expect(paused.live.mode).toBe('paused');
    await paused.app.close();
  });
});
