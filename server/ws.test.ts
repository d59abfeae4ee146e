// The websocket stream /ws (INTERFACES.md) with a real client over 127.0.0.1: hello on connect, ticks
// while the clock runs, batched events after an operation, every event of a subscribed card, an
// error for a message it cannot take, and the clock message when the mode changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { testApp, type TestApp } from './test/helpers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Message = { type: string } & Record<string, any>;

class Client {
  readonly messages: Message[] = [];
  private waiters: (() => void)[] = [];
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Message);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async connect(url: string): Promise<Client> {
    const socket = new WebSocket(url);
    const client = new Client(socket);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return client;
  }

  /** The first message from `from` on that matches, waiting up to timeoutMs. */
  async next(match: (m: Message) => boolean, from = 0, timeoutMs = 3000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching message in ${timeoutMs} ms; got ${this.messages.map((m) => m.type)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  close(): void {
    this.socket.close();
  }
}

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await testApp({ stream: { tickMs: 40, batchMs: 40 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  url = `ws://127.0.0.1:${address.port}/ws`;
});
afterAll(async () => {
  await t.app.close();
});

describe('/ws', () => {
  it('hello on connect: the run, the clock and the fleet summary', async () => {
    const client = await Client.connect(url);
    const hello = await client.next((m) => m.type === 'hello');
    expect(client.messages[0]).toBe(hello);
    expect(hello.run).toMatchObject({ name: 'server test fleet', cards: 7, hash: t.live.world.hash() });
    expect(hello.clock).toMatchObject({ mode: t.live.mode, now: t.live.world.now() });
    expect(hello.stats).toMatchObject({
      cards: 7,
      byStatus: expect.any(Object),
      pools: [expect.any(Object)],
    });
    client.close();
  });

  it('ticks while the clock runs, with a moving sim time and counts by status', async () => {
    const client = await Client.connect(url);
    t.live.play(86_400_000);
    try {
      const first = await client.next((m) => m.type === 'tick' && m.mode === 'running');
      const index = client.messages.indexOf(first);
      const later = await client.next((m) => m.type === 'tick' && m.now > first.now, index + 1);
      expect(later.byStatus).toBeDefined();
      expect(Object.values(later.byStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(7);
      expect(later.pools[0]).toMatchObject({ id: 'P1' });
    } finally {
      t.live.pause();
      client.close();
    }
  });

  it('events in batches: a status change appears after an operation', async () => {
    const client = await Client.connect(url);
    await client.next((m) => m.type === 'hello');
    const iccid = t.group('meters')[2]!;
    expect((await t.call('POST', `/api/cards/${iccid}/activate`)).status).toBe(200);
    const batch = await client.next(
      (m) =>
        m.type === 'events' && m.events.some((e: Message) => e.type === 'card.status' && e.subject === iccid),
    );
    expect(batch.total).toBeGreaterThanOrEqual(1);
    expect(batch.events[0]).toMatchObject({
      t: expect.any(Number),
      at: expect.any(String),
      seq: expect.any(Number),
    });
    client.close();
  });

  it('subscribe to a card (by MSISDN) gets every one of its events, of every type, in order', async () => {
    const client = await Client.connect(url);
    const iccid = t.group('delayed')[1]!;
    const msisdn = (await t.call('GET', `/api/cards/${iccid}`)).body.basic.msisdn as string;
    client.send({ type: 'subscribe', cards: [msisdn, '89860000000000000009'] });
    const subscribed = await client.next((m) => m.type === 'subscribed');
    expect(subscribed).toMatchObject({
      events: 'all',
      cards: [iccid],
      unknownCards: ['89860000000000000009'],
    });
    const since = t.live.world.eventCount;
    await t.call('POST', `/api/cards/${iccid}/addTags`, { tags: ['ws'] });
    await t.call('POST', `/api/cards/${iccid}/setRemark`, { text: 'watched' });
    // CT delays operations: operation.pending now, operation.done and card.status 10 minutes later.
    expect((await t.call('POST', `/api/cards/${iccid}/activate`)).status).toBe(202);
    await t.call('POST', '/api/clock', { action: 'step', by: '15m' });
    const history = (await t.call('GET', `/api/events?card=${iccid}&pageSize=1000`)).body.items as Message[];
    const expected = history
      .filter((e) => e.seq > since)
      .map((e) => e.seq)
      .reverse();
    expect(history.map((e) => e.type)).toEqual(
      expect.arrayContaining(['operation.pending', 'operation.done']),
    );
    const last = expected.at(-1);
    await client.next((m) => m.type === 'events' && m.events.some((e: Message) => e.seq === last));
    const received = client.messages
      .filter((m) => m.type === 'events')
      .flatMap((m) => m.events as Message[])
      .filter((e) => e.subject === iccid || e.payload?.card === iccid)
      .map((e) => e.seq);
    expect(received).toEqual(expected);
    client.close();
  });

  it('subscribe to event types narrows what comes', async () => {
    const client = await Client.connect(url);
    client.send({ type: 'subscribe', events: ['card.remark'] });
    await client.next((m) => m.type === 'subscribed' && m.events[0] === 'card.remark');
    const from = client.messages.length;
    const iccid = t.group('meters')[0]!;
    await t.call('POST', `/api/cards/${iccid}/addTags`, { tags: ['typed'] });
    await t.call('POST', `/api/cards/${iccid}/setRemark`, { text: 'typed' });
    const batch = await client.next((m) => m.type === 'events', from);
    const types = client.messages
      .slice(from)
      .filter((m) => m.type === 'events')
      .flatMap((m) => m.events.map((e: Message) => e.type));
    expect(batch.events.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['card.remark']));
    client.close();
  });

  it('a message it cannot take gets an error message, and the connection stays', async () => {
    const client = await Client.connect(url);
    for (const message of [
      'not json',
      { type: 'unsubscribe' },
      { type: 'subscribe', events: 'card.status' },
      { type: 'subscribe', cards: [1, 2] },
      null,
    ]) {
      const from = client.messages.length;
      client.send(message === null ? 'null' : message);
      const error = await client.next((m) => m.type === 'error', from);
      expect(error.error).toMatchObject({ code: 'InvalidArgument', message: expect.any(String) });
    }
    client.send({ type: 'subscribe' });
    await client.next((m) => m.type === 'subscribed');
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    client.close();
  });

  it('the clock message follows POST /api/clock', async () => {
    const client = await Client.connect(url);
    await client.next((m) => m.type === 'hello');
    const from = client.messages.length;
    await t.call('POST', '/api/clock', { action: 'play', speed: '6h/s' });
    const clock = await client.next((m) => m.type === 'clock', from);
    expect(clock.clock).toMatchObject({ mode: 'running', speed: '6h/s' });
    await t.call('POST', '/api/clock', { action: 'pause' });
    const paused = await client.next((m) => m.type === 'clock' && m.clock.mode === 'paused', from);
    expect(paused.clock.now).toBe(t.live.world.now());
    client.close();
  });

  it('a new run (POST /api/run) sends hello again with the new run', async () => {
    const client = await Client.connect(url);
    await client.next((m) => m.type === 'hello');
    const from = client.messages.length;
    await t.call('POST', '/api/run', { seed: 99 });
    const hello = await client.next((m) => m.type === 'hello', from);
    expect(hello.run).toMatchObject({ seed: 99, journal: 0 });
    client.close();
  });
});
