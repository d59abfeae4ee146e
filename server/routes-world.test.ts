// The rest of the console REST API through app.inject(): vouchers (C1), pools, tags (C3), rules (C7),
// exports (C8), the ledger (F1), statistics, the event history, the run and its journal, OpenAPI and
// the docs page, and what any route answers for a route that does not exist.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorShape, filesUnder, tempDir, testApp, type TestApp } from './test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

describe('vouchers and pools', () => {
  it('C1 GET /api/vouchers lists the vouchers cards were bought on, with counts by status', async () => {
    const reply = await t.call('GET', '/api/vouchers');
    expect(reply.status).toBe(200);
    const codes = reply.body.items.map((v: { voucher: string }) => v.voucher);
    expect(codes).toEqual(['CM_SC_M_1_100M', 'CT_SC_M_1_100M', 'CU_UP_M_1_P1']);
    expect(reply.body.items[0]).toMatchObject({ cards: 3, carrier: 'CM', planType: 'SC' });
  });

  it("C1 GET /api/vouchers/:code/cards pages a voucher's cards, either spelling, with filters", async () => {
    const reply = await t.call('GET', '/api/vouchers/CT-SC-M-1-100M/cards?pageSize=1');
    expect(reply.body).toMatchObject({ total: 2, pageSize: 1 });
    expect(reply.body.items).toHaveLength(1);
    expect((await t.call('GET', '/api/vouchers/CT_SC_M_1_1G/cards')).body.total).toBe(0);
    expect((await t.call('GET', '/api/vouchers/CM_SC_M_1_100M/cards?status=In%20use')).body.total).toBe(0);
    expectErrorShape(await t.call('GET', '/api/vouchers/nonsense/cards'), 400, 'InvalidArgument');
    expectErrorShape(
      await t.call('GET', '/api/vouchers/CM_SC_M_1_100M/cards?page=0'),
      400,
      'InvalidArgument',
    );
  });

  it('P2 GET /api/pools and /api/pools/:id: levels; an unknown pool is 404', async () => {
    const list = await t.call('GET', '/api/pools');
    expect(list.body.items).toEqual([expect.objectContaining({ id: 'P1', sizeMB: 1024, cards: 2 })]);
    const pool = await t.call('GET', '/api/pools/P1');
    expect(pool.body).toMatchObject({ id: 'P1', sizeMB: 1024, cards: 2, levels: expect.any(Array) });
    expect((await t.call('GET', '/api/pools/P1?from=2026-01-01&to=2026-02-01')).status).toBe(200);
    expectErrorShape(await t.call('GET', '/api/pools/NOPE'), 404, 'NotFound');
    expectErrorShape(await t.call('GET', '/api/pools/P1?from=never'), 400, 'InvalidArgument');
  });
});

describe('tags', () => {
  it('C3 define, list with card counts, delete; a tag on cards cannot be deleted; mistakes', async () => {
    expect((await t.call('POST', '/api/tags', { tag: 'spare' })).body).toEqual({ tag: 'spare' });
    const iccid = t.group('meters')[0]!;
    await t.call('POST', `/api/cards/${iccid}/addTags`, { tags: ['roof'] });
    const list = (await t.call('GET', '/api/tags')).body.items;
    expect(list).toContainEqual({ tag: 'spare', cards: 0 });
    expect(list).toContainEqual({ tag: 'roof', cards: 1 });
    expectErrorShape(await t.call('DELETE', '/api/tags/roof'), 409, 'StatusNotAllowed');
    expect((await t.call('DELETE', '/api/tags/spare')).body).toEqual({ deleted: 'spare' });
    expectErrorShape(await t.call('DELETE', '/api/tags/spare'), 404, 'NotFound');
    expectErrorShape(await t.call('POST', '/api/tags', { tag: 'a,b' }), 400, 'InvalidArgument');
    expectErrorShape(await t.call('POST', '/api/tags', { tag: '' }), 400, 'InvalidArgument');
    expectErrorShape(await t.call('POST', '/api/tags', { tag: 'x'.repeat(33) }), 400, 'InvalidArgument');
    expectErrorShape(await t.call('POST', '/api/tags', {}), 400, 'InvalidArgument');
  });
});

describe('rules', () => {
  it('C7 add a rule, see it fire, list its triggers, remove it; unknown rules are 404', async () => {
    const added = await t.call('POST', '/api/rules', {
      name: 'Went live',
      scope: { all: true },
      type: 'statusChange',
      to: 'In use',
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ operation: 'addRule', succeeded: 1 });
    await t.call('POST', `/api/cards/${t.group('meters')[1]}/activate`);
    const rules = (await t.call('GET', '/api/rules')).body.items;
    expect(rules).toContainEqual(expect.objectContaining({ name: 'Went live', triggers: 1 }));
    const triggers = await t.call('GET', '/api/rules/Went%20live/triggers');
    expect(triggers.body.items).toHaveLength(1);
    expect(triggers.body.items[0]).toMatchObject({ at: expect.stringContaining('2026-') });
    const duplicate = await t.call('POST', '/api/rules', {
      name: 'Went live',
      scope: { all: true },
      type: 'statusChange',
    });
    expect(duplicate.status).toBeGreaterThanOrEqual(400);
    expect(duplicate.status).toBeLessThan(500);
    expectErrorShape(duplicate, duplicate.status);
    expectErrorShape(await t.call('POST', '/api/rules', { name: 'x' }), 400, 'InvalidArgument');
    expect((await t.call('DELETE', '/api/rules/Went%20live')).body).toMatchObject({
      operation: 'removeRule',
    });
    expect((await t.call('GET', '/api/rules')).body.items).toEqual([]);
    expectErrorShape(await t.call('DELETE', '/api/rules/Went%20live'), 404, 'NotFound');
    expectErrorShape(await t.call('GET', '/api/rules/nothing/triggers'), 404, 'NotFound');
  });
});

describe('exports', () => {
  it('C8 start an export, list it, download its CSV, delete it (memory)', async () => {
    const started = await t.call('POST', '/api/exports', { fileName: 'fleet', months: 1 });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ name: 'fleet.csv', status: 'done', cards: 7, rows: 7 });
    expect((await t.call('GET', '/api/exports')).body.items).toContainEqual(
      expect.objectContaining({ id: started.body.id, name: 'fleet.csv' }),
    );
    const download = await t.call('GET', `/api/exports/${started.body.id}/download`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('text/csv');
    expect(download.headers['content-disposition']).toContain('fleet.csv');
    const lines = download.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFICCID,MSISDN/);
    expect(lines).toHaveLength(8);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(
      t.live.world.cards.map((card) => card.iccid),
    );
    expect((await t.call('DELETE', `/api/exports/${started.body.id}`)).body.deleted.name).toBe('fleet.csv');
    expectErrorShape(await t.call('GET', `/api/exports/${started.body.id}/download`), 404, 'NotFound');
    expectErrorShape(await t.call('DELETE', `/api/exports/${started.body.id}`), 404, 'NotFound');
  });

  it('C8 file names that could leave the folder or are taken are 400 InvalidFileName', async () => {
    for (const fileName of ['../x', '..', 'a/b', 'a\\b', '.hidden', 'CON', 'x\u0000y']) {
      expectErrorShape(await t.call('POST', '/api/exports', { fileName }), 400, 'InvalidFileName');
    }
    expect((await t.call('POST', '/api/exports', { fileName: 'taken' })).status).toBe(200);
    expectErrorShape(await t.call('POST', '/api/exports', { fileName: 'TAKEN.csv' }), 400, 'InvalidFileName');
    expectErrorShape(await t.call('POST', '/api/exports', { months: 9 }), 400, 'InvalidArgument');
  });

  it('C8 with a data folder the file is on disk inside exports/ and nowhere else', async () => {
    const dir = tempDir();
    const disk = await testApp({ dataDir: dir.path });
    try {
      const started = await disk.call('POST', '/api/exports', { fileName: '卡片 north (1)' });
      expect(started.body.name).toBe('卡片 north (1).csv');
      const files = filesUnder(dir.path).filter((f) => !f.startsWith('cardtwin.sqlite'));
      expect(files).toEqual([join('exports', '卡片 north (1).csv')]);
      const onDisk = readFileSync(join(dir.path, 'exports', '卡片 north (1).csv'), 'utf8');
      const download = await disk.call(
        'GET',
        `/api/exports/${encodeURIComponent('卡片 north (1)')}/download`,
      );
      expect(download.text).toBe(onDisk);
      expectErrorShape(
        await disk.call('POST', '/api/exports', { fileName: '../escape' }),
        400,
        'InvalidFileName',
      );
      expect(existsSync(join(dir.path, 'escape.csv'))).toBe(false);
      await disk.call('DELETE', `/api/exports/${started.body.id}`);
      expect(filesUnder(dir.path).filter((f) => !f.startsWith('cardtwin.sqlite'))).toEqual([]);
    } finally {
      await disk.app.close();
      dir.remove();
    }
  });
});

describe('ledger, stats and events', () => {
  it('F1 GET /api/ledger filters by month, card, pool, reason, and pages, with the sum of all matching', async () => {
    const all = await t.call('GET', '/api/ledger');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(0);
    const sum = all.body.items.reduce((s: number, line: { amountFen: number }) => s + line.amountFen, 0);
    expect(all.body.sumFen).toBe(sum);
    const pool = await t.call('GET', '/api/ledger?pool=P1');
    expect(pool.body.items.every((line: { pool?: string }) => line.pool === 'P1')).toBe(true);
    expect(pool.body.total).toBeGreaterThan(0);
    const card = t.group('meters')[0]!;
    const byCard = await t.call('GET', `/api/ledger?card=${card}&reason=planFee&month=2026-01`);
    expect(byCard.body.items.every((line: { card?: string }) => line.card === card)).toBe(true);
    expect((await t.call('GET', '/api/ledger?month=2031-01')).body.total).toBe(0);
    const paged = await t.call('GET', '/api/ledger?pageSize=1&page=2');
    expect(paged.body).toMatchObject({ page: 2, pageSize: 1, total: all.body.total });
    for (const query of ['month=2026-1', 'reason=gift', 'pageSize=0', 'page=x', 'colour=red']) {
      expectErrorShape(await t.call('GET', `/api/ledger?${query}`), 400, 'InvalidArgument');
    }
  });

  it('GET /api/stats counts by status and specific status', async () => {
    const stats = await t.call('GET', '/api/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.total).toBe(7);
    const byStatus = stats.body.byStatus as Record<string, number>;
    expect(Object.values(byStatus).reduce((a, b) => a + b, 0)).toBe(7);
    expect(stats.body.bySpecificStatus).toHaveProperty('Silent period');
  });

  it('GET /api/events filters by type, card and time, newest first, paged', async () => {
    const card = t.group('meters')[2]!;
    await t.call('POST', `/api/cards/${card}/setRemark`, { text: 'events test' });
    const remarks = await t.call('GET', `/api/events?type=card.remark&card=${card}`);
    expect(remarks.status).toBe(200);
    expect(remarks.body.items[0]).toMatchObject({ type: 'card.remark', subject: card });
    const all = await t.call('GET', '/api/events?pageSize=1000');
    const seqs = all.body.items.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const page = await t.call('GET', '/api/events?pageSize=2&page=2');
    expect(page.body.items.map((e: { seq: number }) => e.seq)).toEqual(seqs.slice(2, 4));
    expect((await t.call('GET', '/api/events?from=2030-01-01')).body.total).toBe(0);
    expect((await t.call('GET', '/api/events?to=2020-01-01')).body.total).toBe(0);
    for (const query of ['pageSize=1001', 'page=0', 'from=later', 'colour=red']) {
      expectErrorShape(await t.call('GET', `/api/events?${query}`), 400, 'InvalidArgument');
    }
  });
});

describe('run, journal, OpenAPI, docs', () => {
  it('GET /api/run and /api/run/journal: the run, its hash and what was accepted from outside', async () => {
    const run = await t.call('GET', '/api/run');
    expect(run.body).toMatchObject({
      name: 'server test fleet',
      seed: 3,
      cards: 7,
      hash: t.live.world.hash(),
      durable: false,
    });
    const journal = await t.call('GET', '/api/run/journal');
    expect(journal.body.total).toBe(run.body.journal);
    expect(journal.body.items.length).toBe(Math.min(run.body.journal, 1000));
    expect(journal.body.items[0]).toMatchObject({ seq: 1, source: 'rest', at: expect.any(String) });
    const second = await t.call('GET', '/api/run/journal?page=2&pageSize=1');
    expect(second.body.items[0].seq).toBe(2);
    expectErrorShape(await t.call('GET', '/api/run/journal?pageSize=0'), 400, 'InvalidArgument');
  });

  it('/openapi.json describes every route; /docs is the browsable page', async () => {
    const spec = await t.call('GET', '/openapi.json');
    expect(spec.status).toBe(200);
    const paths = spec.body.paths as Record<string, Record<string, unknown>>;
    const expected: [string, string][] = [
      ['/api/cards', 'get'],
      ['/api/cards/{iccid}', 'get'],
      ['/api/cards/{iccid}/usage', 'get'],
      ['/api/cards/{iccid}/records', 'get'],
      ['/api/cards/{iccid}/{operation}', 'post'],
      ['/api/operations', 'post'],
      ['/api/operations/{id}', 'get'],
      ['/api/vouchers', 'get'],
      ['/api/vouchers/{code}/cards', 'get'],
      ['/api/pools', 'get'],
      ['/api/pools/{id}', 'get'],
      ['/api/tags', 'get'],
      ['/api/tags', 'post'],
      ['/api/tags/{tag}', 'delete'],
      ['/api/rules', 'get'],
      ['/api/rules', 'post'],
      ['/api/rules/{id}', 'delete'],
      ['/api/rules/{id}/triggers', 'get'],
      ['/api/exports', 'post'],
      ['/api/exports', 'get'],
      ['/api/exports/{id}/download', 'get'],
      ['/api/exports/{id}', 'delete'],
      ['/api/ledger', 'get'],
      ['/api/stats', 'get'],
      ['/api/events', 'get'],
      ['/api/clock', 'get'],
      ['/api/clock', 'post'],
      ['/api/run', 'get'],
      ['/api/run', 'post'],
      ['/api/run/journal', 'get'],
    ];
    for (const [path, method] of expected) expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const docs = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
  });

  it('an unknown route is 404 NotFound in the error shape', async () => {
    expectErrorShape(await t.call('GET', '/api/nothing'), 404, 'NotFound');
    expectErrorShape(await t.call('PUT', '/api/cards'), 404, 'NotFound');
  });

  it('GET / serves a page (the viewer, or a note when it is not built)', async () => {
    const home = await t.app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
  });
});
