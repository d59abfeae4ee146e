// Safety of the live twin (issue 7): request bodies are limited, the optional API token guards every
// change (and only changes), errors never carry a stack trace, and no export file name can reach
// outside the exports folder, whatever the route lets through.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { BODY_LIMIT_BYTES } from './app.ts';
import { FolderSink } from './folder-sink.ts';
import { call, expectErrorShape, tempDir, testApp, type TestApp } from './test/helpers.ts';

describe('request bodies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('a 2 MB body is 413 BodyTooLarge in the error shape, and changes nothing', async () => {
    const iccid = t.group('meters')[0]!;
    const hash = t.live.world.hash();
    const big = JSON.stringify({ text: 'x'.repeat(2 * BODY_LIMIT_BYTES) });
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/cards/${iccid}/setRemark`,
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    expect(reply.statusCode).toBe(413);
    expect(reply.json()).toEqual({ error: { code: 'BodyTooLarge', message: expect.any(String) } });
    expect(t.live.world.hash()).toBe(hash);
    expect(t.live.journalLength()).toBe(0);
  });

  it('a body that is not JSON is 415 or 400 in the error shape', async () => {
    const iccid = t.group('meters')[0]!;
    const xml = await t.app.inject({
      method: 'POST',
      url: `/api/cards/${iccid}/setRemark`,
      headers: { 'content-type': 'application/xml' },
      payload: '<text>hi</text>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UnsupportedMediaType');
    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/cards/${iccid}/setRemark`,
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('InvalidArgument');
  });

  it('a failure inside the twin is 500 Internal without its stack', async () => {
    const broken = vi.spyOn(t.live, 'journalLength').mockImplementation(() => {
      throw new Error('secret detail at /work/main/server/thing.ts:12');
    });
    try {
      const reply = await call(t.app, 'GET', '/api/run');
      expectErrorShape(reply, 500, 'Internal');
      expect(reply.text).not.toContain('secret detail');
    } finally {
      broken.mockRestore();
    }
  });
});

describe('--token', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await testApp({ token: 's3cret' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    url = `127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const changes = (iccid: string): [string, string, unknown][] => [
    ['POST', `/api/cards/${iccid}/activate`, {}],
    ['POST', '/api/operations', { operation: 'addTags', cards: [iccid], with: { tags: ['x'] } }],
    ['POST', '/api/tags', { tag: 'x' }],
    ['DELETE', '/api/tags/x', undefined],
    ['POST', '/api/rules', { name: 'r', scope: { all: true }, type: 'statusChange' }],
    ['DELETE', '/api/rules/r', undefined],
    ['POST', '/api/exports', {}],
    ['DELETE', '/api/exports/1', undefined],
    ['POST', '/api/clock', { action: 'step' }],
    ['POST', '/api/run', { seed: 2 }],
  ];

  it('every change without `Authorization: Bearer <token>` (or with a wrong one) is 401', async () => {
    const iccid = t.group('meters')[0]!;
    const hash = t.live.world.hash();
    for (const [method, path, body] of changes(iccid)) {
      for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: 's3cret' }]) {
        const reply = await call(t.app, method as 'POST', path, body, headers);
        expectErrorShape(reply, 401, 'Unauthorized');
      }
    }
    expect(t.live.world.hash()).toBe(hash);
    expect(t.live.journalLength()).toBe(0);
  });

  it('with the token, changes go through; reads never need it, nor the websocket', async () => {
    const iccid = t.group('meters')[0]!;
    const auth = { authorization: 'Bearer s3cret' };
    expect((await call(t.app, 'POST', `/api/cards/${iccid}/activate`, {}, auth)).status).toBe(200);
    expect((await call(t.app, 'POST', '/api/clock', { action: 'step' }, auth)).status).toBe(200);
    for (const path of ['/api/cards', `/api/cards/${iccid}`, '/api/run', '/api/stats', '/openapi.json']) {
      expect((await call(t.app, 'GET', path)).status, path).toBe(200);
    }
    const response = await fetch(`http://${url}/api/clock`);
    expect(response.status).toBe(200);
    const socket = new WebSocket(`ws://${url}/ws`);
    const hello = await new Promise<{ type: string }>((resolve, reject) => {
      socket.once('message', (data) => resolve(JSON.parse(String(data)) as { type: string }));
      socket.once('error', reject);
    });
    expect(hello.type).toBe('hello');
    socket.close();
  });
});

describe('export file names never leave the exports folder', () => {
  it('FolderSink refuses any name with a path in it, whatever the checks before it let through', () => {
    const dir = tempDir();
    try {
      const sink = new FolderSink(join(dir.path, 'exports'));
      expect(sink.pathOf('fleet.csv')).toBe(join(dir.path, 'exports', 'fleet.csv'));
      for (const name of [
        '../x.csv',
        '..',
        '.',
        '',
        'a/b.csv',
        'a\\b.csv',
        '/etc/passwd',
        `..${'/'}..${'/'}x`,
      ]) {
        expect(() => sink.pathOf(name), JSON.stringify(name)).toThrow(/leaves the exports folder/);
      }
    } finally {
      dir.remove();
    }
  });
});
