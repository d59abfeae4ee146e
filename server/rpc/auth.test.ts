// Authentication as the platform does it (signature version 1.0), throttling, and the endpoint itself:
// where it answers (POST /, GET /?Action=…), what it leaves to the viewer (GET / without Action), the
// envelope of its errors, and the parameter styles of the reference sent by hand.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, tempDir } from '../test/helpers.ts';
import { RPC_OPERATIONS } from './index.ts';
import { sign, stringToSign } from './signature.ts';
import { KEY_ID, rpcTestApp, SECRET, STARTED_AT, type RpcTestApp, expectFailure } from './test-helpers.ts';

let t: RpcTestApp;
let wall = Date.now();
beforeAll(async () => {
  t = await rpcTestApp({ rpc: { wallClock: () => wall } });
  await t.advance(STARTED_AT);
});
afterAll(() => t.close());

describe('signatures', () => {
  test('the reference lists 30 operations and every one refuses a wrong signature, changing nothing', async () => {
    expect(RPC_OPERATIONS.size).toBe(30);
    const wrong = t.client('not-the-secret');
    const journal = t.live.journalLength();
    for (const action of RPC_OPERATIONS.keys()) {
      const failure = await t.fail(action, { Iccid: t.group('meters')[0], PageNo: 1, PageSize: 10 }, wrong);
      expectFailure(failure, 'SignatureDoesNotMatch');
      expect(failure.data.Message).toContain('server string to sign is: POST&%2F&');
    }
    expect(t.live.journalLength()).toBe(journal);
  });
  test('an unknown AccessKeyId is refused with 404', async () => {
    expectFailure(
      await t.fail('ListCardInfo', { PageNo: 1, PageSize: 10 }, t.client(SECRET, 'LTAI-nobody')),
      'InvalidAccessKeyId.NotFound',
      404,
    );
  });
  test('a SignatureNonce is accepted once in 15 minutes', async () => {
    await t.call('GetCardStatusStatistics', { SignatureNonce: 'nonce-once' });
    expectFailure(
      await t.fail('GetCardStatusStatistics', { SignatureNonce: 'nonce-once' }),
      'SignatureNonceUsed',
    );
    wall += 16 * 60_000;
    await t.call('GetCardStatusStatistics', {
      SignatureNonce: 'nonce-once',
      Timestamp: new Date(wall).toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    wall = Date.now();
  });
  test('a Timestamp more than 15 minutes from the wall clock, or not one, is refused', async () => {
    const old = new Date(wall - 16 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    expectFailure(await t.fail('GetCardStatusStatistics', { Timestamp: old }), 'InvalidTimeStamp.Expired');
    expectFailure(
      await t.fail('GetCardStatusStatistics', { Timestamp: 'yesterday' }),
      'InvalidTimeStamp.Format',
    );
  });
  test('GET /?Action=… is signed with GET and answered the same', async () => {
    const body = await t.call('ListCardInfo', { PageNo: 1, PageSize: 10, Vendor: 'VNO' }, undefined, 'GET');
    expect(body.Data.List.map((row: { Iccid: string }) => row.Iccid)).toEqual(t.group('smart'));
    expectFailure(
      await t.fail('ListCardInfo', { PageNo: 1, PageSize: 10 }, t.client('wrong'), 'GET'),
      'SignatureDoesNotMatch',
    );
  });
  test('the string to sign and the signature follow the reference', () => {
    const params = { Action: 'ListCardInfo', Version: '2021-05-20', TagName: 'a b*~', AccessKeyId: 'k' };
    expect(stringToSign('POST', params)).toBe(
      'POST&%2F&AccessKeyId%3Dk%26Action%3DListCardInfo%26TagName%3Da%2520b%252A~%26Version%3D2021-05-20',
    );
    expect(sign('secret', 'POST', params)).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });
});

describe('without access keys', () => {
  test('signatures are accepted unchecked, and the plugin says so once', async () => {
    const said: string[] = [];
    const open = await rpcTestApp({ rpc: { accessKeys: {}, log: (message) => said.push(message) } });
    try {
      const body = await open.call('GetCardStatusStatistics', {}, open.client('anything', 'anyone'));
      expect(body.Success).toBe(true);
      expect(said).toEqual([expect.stringContaining('signatures are accepted unchecked')]);
    } finally {
      await open.close();
    }
  });
});

describe('throttling', () => {
  test('more than the configured requests in a second of one AccessKeyId are refused with Throttling.User', async () => {
    let now = Date.now();
    const limited = await rpcTestApp({ rpc: { throttlePerSecond: 3, wallClock: () => now } });
    try {
      for (let i = 0; i < 3; i++) await limited.call('GetCardStatusStatistics');
      expectFailure(await limited.fail('GetCardStatusStatistics'), 'Throttling.User');
      now += 1000;
      await limited.call('GetCardStatusStatistics');
    } finally {
      await limited.close();
    }
  });
});

describe('the endpoint', () => {
  test('GET / without Action is still the viewer', async () => {
    const reply = await call(t.app, 'GET', '/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/text\/html/);
    expect((await call(t.app, 'GET', '/?lang=en')).headers['content-type']).toMatch(/text\/html/);
  });
  test('with a built viewer, GET / and its files are still the viewer', async () => {
    const dir = tempDir('cardtwin-viewer-');
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>viewer</title>');
    const withViewer = await rpcTestApp({ viewerDir: dir.path, rpc: { accessKeys: {} } });
    try {
      expect((await call(withViewer.app, 'GET', '/')).text).toContain('viewer');
      expect((await call(withViewer.app, 'GET', '/index.html?x=1')).text).toContain('viewer');
      expect((await withViewer.call('GetCardStatusStatistics', {}, undefined, 'GET')).Success).toBe(true);
    } finally {
      await withViewer.close();
      dir.remove();
    }
  });
  test('an unknown Action is 404 InvalidAction.NotFound; no Action is MissingParameter', async () => {
    expectFailure(await t.fail('DescribeRegions'), 'InvalidAction.NotFound', 404);
    const reply = await call(t.app, 'POST', '/', 'Version=2021-05-20', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      Code: 'MissingParameter',
      Success: false,
      RequestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
    });
  });
  test('hand-signed form bodies carry both list styles of the reference', async () => {
    const iccid = t.group('meters')[0]!;
    const params: Record<string, string> = {
      Action: 'GetCardFlowInfo',
      Version: '2021-05-20',
      Format: 'JSON',
      AccessKeyId: KEY_ID,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'hand-1',
      Timestamp: new Date(wall).toISOString().replace(/\.\d+Z$/, 'Z'),
      Iccid: iccid,
      'DateList.1': '202602',
      'DateList.2': '202603',
    };
    params.Signature = sign(SECRET, 'POST', params);
    const reply = await call(t.app, 'POST', '/', new URLSearchParams(params).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.Data.ListCardMonthFlow.map((m: { Month: string }) => m.Month)).toEqual([
      '202602',
      '202603',
    ]);
  });
  test('the console REST API still refuses form bodies', async () => {
    const reply = await call(t.app, 'POST', '/api/operations', 'operation=suspend', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(reply.status).toBe(415);
  });
});
