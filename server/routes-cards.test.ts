// The card routes of the console REST API (INTERFACES.md) through app.inject(): the list with its
// filters and paging (C2), details (C5), usage, records (C9), one operation on one card, and one
// operation on many (C3), with the error shape and statuses of INTERFACES.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorShape, testApp, type TestApp } from './test/helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

describe('GET /api/cards', () => {
  it('C2 lists every card, paged, as { total, page, pageSize, items }', async () => {
    const all = await t.call('GET', '/api/cards');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 7, page: 1, pageSize: 20 });
    expect(all.body.items).toHaveLength(7);
    const page2 = await t.call('GET', '/api/cards?page=2&pageSize=3');
    expect(page2.body).toMatchObject({ total: 7, page: 2, pageSize: 3 });
    expect(page2.body.items.map((c: { iccid: string }) => c.iccid)).toEqual(
      all.body.items.slice(3, 6).map((c: { iccid: string }) => c.iccid),
    );
    const past = await t.call('GET', '/api/cards?page=9&pageSize=3');
    expect(past.body).toMatchObject({ total: 7, items: [] });
  });

  it('C2 filters by carrier, plan type, status, specific status, voucher, pool, ICCIDs and tag', async () => {
    const count = async (query: string) => (await t.call('GET', `/api/cards?${query}`)).body.total;
    expect(await count('carrier=CT')).toBe(2);
    expect(await count('planType=UP')).toBe(2);
    expect(await count('voucher=CM-SC-M-1-100M')).toBe(3);
    expect(await count('pool=P1')).toBe(2);
    expect(await count('status=Not%20in%20use')).toBe(7);
    expect(await count('status=20')).toBe(7);
    expect(await count('specificStatus=Silent%20period')).toBe(7);
    expect(await count(`iccid=${t.group('meters').slice(0, 2).join(',')}`)).toBe(2);
    expect(await count('carrier=CT&planType=UP')).toBe(0);
    expect(await count('tag=nobody-has-it')).toBe(0);
  });

  it('paging and filter mistakes are 400 InvalidArgument naming the parameter', async () => {
    for (const [query, words] of [
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['pageSize=0', 'pageSize'],
      ['pageSize=5000', 'pageSize'],
      ['carrier=XX', 'carrier'],
      ['planType=ZZ', 'planType'],
      ['status=Sleeping', 'status'],
      ['voucher=nonsense', 'voucher'],
      ['idVerified=maybe', 'idVerified'],
      ['activatedFrom=yesterday', 'activatedFrom'],
      ['usageMinMB=lots', 'usageMinMB'],
      ['colour=red', 'colour'],
    ]) {
      const reply = await t.call('GET', `/api/cards?${query}`);
      expectErrorShape(reply, 400, 'InvalidArgument');
      expect(reply.body.error.message, query).toContain(words);
    }
  });
});

describe('GET /api/cards/:iccid and its usage and records', () => {
  it('C5 details of a card by ICCID or MSISDN', async () => {
    const iccid = t.group('meters')[0]!;
    const details = await t.call('GET', `/api/cards/${iccid}`);
    expect(details.status).toBe(200);
    expect(details.body.basic).toMatchObject({ iccid, carrier: 'CM', planType: 'SC', group: 'meters' });
    const msisdn = details.body.basic.msisdn as string;
    const byMsisdn = await t.call('GET', `/api/cards/${msisdn}`);
    expect(byMsisdn.body.basic.iccid).toBe(iccid);
  });

  it('an unknown card is 404 CardNotFound on every card route', async () => {
    for (const [method, url] of [
      ['GET', '/api/cards/89860000000000000000'],
      ['GET', '/api/cards/89860000000000000000/usage'],
      ['GET', '/api/cards/89860000000000000000/records'],
      ['POST', '/api/cards/89860000000000000000/activate'],
    ] as const) {
      expectErrorShape(await t.call(method, url, method === 'POST' ? {} : undefined), 404, 'CardNotFound');
    }
  });

  it('usage: daily and monthly series, by default the last two months; a bad date is 400', async () => {
    const iccid = t.group('meters')[0]!;
    const usage = await t.call('GET', `/api/cards/${iccid}/usage`);
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({ iccid, daily: expect.any(Array), monthly: expect.any(Array) });
    const ranged = await t.call('GET', `/api/cards/${iccid}/usage?from=2025-12-01&to=2026-01-01`);
    expect(ranged.status).toBe(200);
    expectErrorShape(await t.call('GET', `/api/cards/${iccid}/usage?from=soon`), 400, 'InvalidArgument');
    expectErrorShape(await t.call('GET', `/api/cards/${iccid}/usage?days=3`), 400, 'InvalidArgument');
  });

  it('C9 records, newest first by default, oldest first on request', async () => {
    const iccid = t.group('meters')[1]!;
    const newest = await t.call('GET', `/api/cards/${iccid}/records`);
    expect(newest.status).toBe(200);
    expect(newest.body.items.length).toBeGreaterThanOrEqual(1);
    const oldest = await t.call('GET', `/api/cards/${iccid}/records?order=oldest`);
    expect(oldest.body.items).toEqual([...newest.body.items].reverse());
    expect(oldest.body.items[0].action).toBe('Account created');
    expectErrorShape(await t.call('GET', `/api/cards/${iccid}/records?order=random`), 400, 'InvalidArgument');
  });
});

describe('POST /api/cards/:iccid/:operation', () => {
  it('L3 activate: 200 with the result and the run hash; the card is In use; a second time is 409', async () => {
    const iccid = t.group('meters')[1]!;
    const done = await t.call('POST', `/api/cards/${iccid}/activate`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      operation: 'activate',
      succeeded: 1,
      failed: 0,
      results: [{ iccid, ok: true }],
      hash: t.live.world.hash(),
    });
    expect((await t.call('GET', `/api/cards/${iccid}`)).body.basic.view.status).toBe('In use');
    const again = await t.call('POST', `/api/cards/${iccid}/activate`, {});
    expectErrorShape(again, 409, 'StatusNotAllowed');
    expect(again.body.error.message).toContain(iccid);
  });

  it('C3 C4 addTags and setRemark take their arguments from the body', async () => {
    const iccid = t.group('meters')[2]!;
    expect((await t.call('POST', `/api/cards/${iccid}/addTags`, { tags: ['north'] })).status).toBe(200);
    expect((await t.call('POST', `/api/cards/${iccid}/setRemark`, { text: 'roof' })).status).toBe(200);
    const details = (await t.call('GET', `/api/cards/${iccid}`)).body;
    expect(JSON.stringify(details)).toContain('north');
    expect(JSON.stringify(details)).toContain('roof');
    expect((await t.call('GET', '/api/cards?tag=north')).body.total).toBe(1);
  });

  it('L7 an operation a carrier delays is 202 with a pending id: PROCESSING, then SUCCESS', async () => {
    const iccid = t.group('delayed')[0]!;
    const accepted = await t.call('POST', `/api/cards/${iccid}/activate`, {});
    expect(accepted.status).toBe(202);
    const pending = accepted.body.results[0].pending as string;
    expect(pending).toMatch(/^OP\d+$/);
    const processing = await t.call('GET', `/api/operations/${pending}`);
    expect(processing.body).toMatchObject({
      id: pending,
      iccid,
      operation: 'activate',
      status: 'PROCESSING',
    });
    expect((await t.call('POST', '/api/clock', { action: 'step', by: '10m' })).status).toBe(200);
    const done = await t.call('GET', `/api/operations/${pending}`);
    expect(done.body.status).toBe('SUCCESS');
    expect((await t.call('GET', `/api/cards/${iccid}`)).body.basic.view.status).toBe('In use');
    expectErrorShape(await t.call('GET', '/api/operations/OP99999999'), 404, 'NotFound');
  });

  it('L8 D1 carrier and device operations are done by the carrier and the world, as in a scenario', async () => {
    const iccid = t.group('meters')[1]!; // In use since the activate test
    expect((await t.call('POST', `/api/cards/${iccid}/traffic`, { mb: 1 })).status).toBe(200);
    expect((await t.call('POST', `/api/cards/${iccid}/carrier.suspendAbnormal`)).status).toBe(200);
    const records = (await t.call('GET', `/api/cards/${iccid}/records`)).body.items;
    expect(records[0]).toMatchObject({ by: 'carrier', to: 'Suspended (abnormal)' });
    const journal = (await t.call('GET', '/api/run/journal?pageSize=10000')).body.items;
    expect(journal.slice(-2).map((e: { operation: string; by: string }) => [e.operation, e.by])).toEqual([
      ['traffic', 'world'],
      ['carrier.suspendAbnormal', 'carrier'],
    ]);
    // L8: the user cannot lift it.
    expectErrorShape(await t.call('POST', `/api/cards/${iccid}/resume`), 422, 'CarrierOnly');
    expect((await t.call('POST', `/api/cards/${iccid}/carrier.resumeAbnormal`)).status).toBe(200);
  });

  it('T1 a top-up on a pooled plan is 422 PlanTypeNotSupported', async () => {
    const reply = await t.call('POST', `/api/cards/${t.group('pooled')[0]}/topUp`, {
      type: 'addOn',
      tier: '100M',
      quantity: 1,
    });
    expectErrorShape(reply, 422, 'PlanTypeNotSupported');
  });

  it('a bad body, an unknown operation or a world operation on a card is 400 InvalidArgument', async () => {
    const iccid = t.group('meters')[0]!;
    for (const [operation, body] of [
      ['addTags', { tags: 'north' }],
      ['addTags', {}],
      ['setRemark', { text: 5 }],
      ['topUp', { type: 'gift' }],
      ['frobnicate', {}],
      ['addRule', {}],
      ['addTags', [1, 2]],
    ] as const) {
      const reply = await t.call('POST', `/api/cards/${iccid}/${operation}`, body);
      expectErrorShape(reply, 400, 'InvalidArgument');
    }
    const notJson = await t.app.inject({
      method: 'POST',
      url: `/api/cards/${iccid}/setRemark`,
      headers: { 'content-type': 'application/json' },
      payload: '{"text": ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('InvalidArgument');
  });
});

describe('POST /api/operations', () => {
  it('C3 a card that would pass 3 tags is refused by name, the others succeed', async () => {
    const [a, b, c] = t.group('pooled').concat(t.group('delayed')[1]!);
    const first = await t.call('POST', '/api/operations', {
      operation: 'addTags',
      cards: [a, b],
      with: { tags: ['t1', 't2', 't3'] },
    });
    expect(first.body).toMatchObject({ succeeded: 2, failed: 0 });
    const batch = await t.call('POST', '/api/operations', {
      operation: 'addTags',
      cards: [a, b, c],
      with: { tags: ['t4'] },
    });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ operation: 'addTags', succeeded: 1, failed: 2 });
    const byCard = Object.fromEntries(
      (batch.body.results as { iccid: string; ok: boolean; code?: string; message?: string }[]).map((r) => [
        r.iccid,
        r,
      ]),
    );
    expect(byCard[c!]).toEqual({ iccid: c, ok: true });
    for (const refused of [a!, b!]) {
      expect(byCard[refused]).toMatchObject({ ok: false, code: 'TagLimitExceeded' });
      expect(byCard[refused]?.message).toContain(refused);
    }
  });

  it('unknown cards are reported per card as CardNotFound; the known ones are performed', async () => {
    const known = t.group('meters')[0]!;
    const reply = await t.call('POST', '/api/operations', {
      operation: 'setRemark',
      cards: [known, '89860000000000000001'],
      with: { text: 'batch' },
    });
    expect(reply.body).toMatchObject({ succeeded: 1, failed: 1 });
    expect(reply.body.results).toContainEqual(
      expect.objectContaining({ iccid: '89860000000000000001', ok: false, code: 'CardNotFound' }),
    );
  });

  it('world operations take no cards; card operations need them; mistakes are 400', async () => {
    const rule = await t.call('POST', '/api/operations', {
      operation: 'expandPool',
      with: { pool: 'P1', by: '1G' },
    });
    expect(rule.status).toBe(200);
    expect(rule.body).toMatchObject({ operation: 'expandPool', succeeded: 1 });
    expect((await t.call('GET', '/api/pools/P1')).body.sizeMB).toBe(2048);
    for (const body of [
      { operation: 'addTags', with: { tags: ['x'] } },
      { operation: 'expandPool', cards: [t.group('meters')[0]], with: { pool: 'P1', by: '1G' } },
      { operation: 'nothing', cards: [t.group('meters')[0]] },
      { cards: [t.group('meters')[0]] },
      { operation: 'addTags', cards: 'all', with: { tags: ['x'] } },
      { operation: 'addTags', cards: [t.group('meters')[0]], with: { tags: ['x'] }, extra: 1 },
    ]) {
      expectErrorShape(await t.call('POST', '/api/operations', body), 400, 'InvalidArgument');
    }
  });
});
