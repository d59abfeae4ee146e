// The platform's API and the console REST API see the same fleet: the built-in demo (a few thousand
// cards of every carrier and plan type, faults, pools) run for months by its scenario, listed through
// ListCardInfo with the real SDK client and through GET /api/cards, gives the same cards in the same
// order with the same statuses, whole and filtered.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { call } from '../test/helpers.ts';
import { rpcTestApp, type RpcTestApp } from './test-helpers.ts';

let t: RpcTestApp;
beforeAll(async () => {
  t = await rpcTestApp({ yaml: readFileSync(new URL('../demo.yaml', import.meta.url), 'utf8') });
  await t.advance('2026-09-15T12:00');
});
afterAll(() => t.close());

interface Row {
  readonly Iccid: string;
  readonly Status: string;
  readonly OsStatus: string;
}

async function viaRpc(filter: Record<string, unknown> = {}): Promise<string[]> {
  const rows: string[] = [];
  for (let page = 1; ; page++) {
    const body = await t.call('ListCardInfo', { PageNo: page, PageSize: 40, ...filter });
    rows.push(...body.Data.List.map((row: Row) => `${row.Iccid} ${row.Status} ${row.OsStatus}`));
    if (page >= body.Data.PageCount) return rows;
  }
}

async function viaRest(query = ''): Promise<string[]> {
  const rows: string[] = [];
  for (let page = 1; ; page++) {
    const reply = await call(t.app, 'GET', `/api/cards?page=${page}&pageSize=1000${query}`);
    const items = reply.body.items as { iccid: string; statusCode: number; osStatus: number }[];
    rows.push(...items.map((item) => `${item.iccid} ${item.statusCode} ${item.osStatus}`));
    if (page * 1000 >= reply.body.total) return rows;
  }
}

test('C1 ListCardInfo and GET /api/cards list the same cards with the same statuses', async () => {
  const rpc = await viaRpc();
  expect(rpc.length).toBe(t.live.world.cards.length);
  expect(rpc).toEqual(await viaRest());
  // The run has moved the fleet into many statuses, so the comparison means something.
  expect(new Set(rpc.map((row) => row.split(' ')[2])).size).toBeGreaterThanOrEqual(4);
});

test('C2 the same filters give the same cards: status, specific status, carrier, plan type, pool', async () => {
  const pairs: [Record<string, unknown>, string][] = [
    [{ Status: '35' }, '&status=35'],
    [{ OsStatus: '100', Vendor: 'CTCC' }, '&specificStatus=100&carrier=CT'],
    [{ DataType: 'GREcard' }, '&planType=UPG'],
    [{ PoolId: 'FLEET', MinFlow: '1' }, '&pool=FLEET&usageMinMB=1'],
  ];
  for (const [filter, query] of pairs) {
    const rpc = await viaRpc(filter);
    expect(rpc.length).toBeGreaterThan(0);
    expect(rpc).toEqual(await viaRest(query));
  }
});
