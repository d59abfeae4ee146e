// A bounded load test of the live twin (issue 7), on 127.0.0.1 only. Run: `npx tsx bench/load.ts`.
//
// The server runs in a child process (so that the load generator does not share its event loop): the
// built-in demo fleet with a data folder (SQLite journal) in a temp folder. First, without load, the
// demo's year is advanced as fast as possible while the server's event-loop delay is measured. Then
// a fresh run of the demo is started, the clock set to `fast`, and this process opens 200 websocket
// clients (50 of which subscribe to every card's events, then never read a byte again) and sends 10,000 REST
// requests, 20 at a time over keep-alive connections: card pages, statistics, card details, and
// operations (setRemark, addTags). Then it reports requests/s, latencies, errors, ticks per healthy
// client per second, whether every acknowledged operation is in the journal, sim days per wall
// second, the server's event-loop delay and RSS. Bounded: at most 10,000 requests and 120 s of load;
// everything stops by itself and the temp folder is removed.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const HOST = '127.0.0.1';
const CLIENTS = 200;
const SILENT_CLIENTS = 50;
const REQUESTS = 10_000;
const CONCURRENCY = 20;
const LOAD_LIMIT_MS = 120_000;
const DAY_MS = 86_400_000;

// ---- the server (child process) ------------------------------------------------------------------

interface ServerReport {
  readonly eventLoop: { p50: number; p99: number; max: number };
  readonly rssMB: number;
  readonly maxRssMB: number;
  readonly now: number;
  readonly stream: { clients: number; slow: number; dropped: number; closedBehind: number };
}

interface YearReport {
  readonly wallSeconds: number;
  readonly eventLoop: { p50: number; p99: number; max: number };
}

async function server(): Promise<void> {
  const { buildApp } = await import('../server/app.ts');
  const { demoScenario } = await import('../cli/commands/serve.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'cardtwin-load-'));
  const scenario = demoScenario();
  const { app, live, streamStats } = await buildApp({ scenario, dataDir });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const loopView = () => ({
    p50: ms(delay.percentile(50)),
    p99: ms(delay.percentile(99)),
    max: ms(delay.max),
  });

  // Without load: the demo's year as fast as possible, and how long the event loop was held.
  delay.enable();
  const yearStart = performance.now();
  live.advanceTo(scenario.until);
  await live.settled();
  const year: YearReport = { wallSeconds: (performance.now() - yearStart) / 1000, eventLoop: loopView() };
  delay.disable();

  // Under load: a fresh run of the demo, fast.
  live.start(scenario);
  await app.listen({ port: 0, host: HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let maxRss = 0;
  const sampler = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 250);
  const send = (message: unknown) => process.send!(message);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'start') {
      delay.reset();
      delay.enable();
      live.fast();
      send({ type: 'started' });
    } else if (message.type === 'report') {
      delay.disable();
      const rss = process.memoryUsage().rss;
      const report: ServerReport = {
        eventLoop: loopView(),
        rssMB: Math.round(rss / 1e6),
        maxRssMB: Math.round(Math.max(maxRss, rss) / 1e6),
        now: live.world.now(),
        stream: streamStats(),
      };
      live.pause();
      send({ type: 'report', report });
    } else if (message.type === 'stop') {
      clearInterval(sampler);
      void app.close().then(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  send({ type: 'ready', port, year });
}

// ---- the load (this process) ---------------------------------------------------------------------

interface Reply {
  readonly status: number;
  readonly body: string;
}

function makeClient(port: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const call = (method: string, path: string, body?: unknown): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: HOST,
          port,
          method,
          path,
          agent,
          headers: payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {},
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(payload);
    });
  return { call, close: () => agent.destroy() };
}

/** A tiny seeded generator, so every run sends the same mix. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

interface StreamClient {
  readonly socket: WebSocket;
  readonly silent: boolean;
  ticks: number;
  closedByServer: boolean;
}

async function openStream(port: number, silent: readonly string[] | undefined): Promise<StreamClient> {
  const socket = new WebSocket(`ws://${HOST}:${port}/ws`);
  const client: StreamClient = { socket, silent: silent !== undefined, ticks: 0, closedByServer: false };
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.on('close', () => (client.closedByServer = true));
  socket.on('error', () => {});
  if (silent) {
    // Asks for every event of every card, then never reads again: the TCP window closes and the
    // server's send buffer for it fills up.
    socket.send(JSON.stringify({ type: 'subscribe', cards: silent }));
    await new Promise((resolve, reject) => {
      socket.on('message', function subscribed(data) {
        if (!String(data).startsWith('{"type":"subscribed"')) return;
        socket.off('message', subscribed);
        resolve(undefined);
      });
      socket.once('close', (code) => reject(new Error(`the server closed a subscribing client (${code})`)));
    });
    (socket as unknown as { _socket: Socket })._socket.pause();
  } else {
    socket.on('message', (data) => {
      if (String(data).startsWith('{"type":"tick"')) client.ticks++;
    });
  }
  return client;
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function table(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join('\n');
}

async function load(): Promise<number> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--server'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const hardStop = setTimeout(() => {
    console.error('load test: took too long, stopping');
    child.kill('SIGKILL');
    process.exit(1);
  }, 300_000);
  const messages: { type: string; [key: string]: unknown }[] = [];
  const waiters: (() => void)[] = [];
  child.on('message', (m) => {
    messages.push(m as { type: string });
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (type: string) => {
    for (;;) {
      const index = messages.findIndex((m) => m.type === type);
      if (index >= 0) return messages.splice(index, 1)[0]!;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const ready = (await next('ready')) as unknown as { port: number; year: YearReport };
  const port = ready.port;
  const client = makeClient(port);

  const total = JSON.parse((await client.call('GET', '/api/stats')).body).total as number;
  const pages = Math.ceil(total / 50);
  const cards: string[] = [];
  for (let page = 1; cards.length < total; page++) {
    const items = JSON.parse((await client.call('GET', `/api/cards?pageSize=1000&page=${page}`)).body).items;
    cards.push(...items.map((c: { iccid: string }) => c.iccid));
  }
  const streams: StreamClient[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const silent = i % 4 === 3 && i < SILENT_CLIENTS * 4;
    streams.push(await openStream(port, silent ? cards : undefined));
  }
  const healthy = streams.filter((s) => !s.silent);

  child.send({ type: 'start' });
  await next('started');
  const clockBefore = JSON.parse((await client.call('GET', '/api/clock')).body).now as number;
  for (const s of healthy) s.ticks = 0;
  const random = lcg(7);
  const latencies = new Float64Array(REQUESTS);
  const byStatus = new Map<string, number>();
  const acknowledged: string[] = [];
  let sent = 0;
  let done = 0;
  let failures = 0;
  const loadStart = performance.now();
  const deadline = loadStart + LOAD_LIMIT_MS;

  const one = async (n: number) => {
    const pick = random();
    const card = cards[Math.floor(random() * cards.length)]!;
    let method = 'GET';
    let path: string;
    let body: unknown;
    if (pick < 0.35) path = `/api/cards?page=${1 + Math.floor(random() * pages)}&pageSize=50`;
    else if (pick < 0.55) path = '/api/stats';
    else if (pick < 0.8) path = `/api/cards/${card}`;
    else if (pick < 0.9) {
      method = 'POST';
      path = `/api/cards/${card}/setRemark`;
      body = { text: `load ${n}` };
    } else {
      method = 'POST';
      path = `/api/cards/${card}/addTags`;
      body = { tags: [random() < 0.5 ? 'load-a' : 'load-b'] };
    }
    const started = performance.now();
    try {
      const reply = await client.call(method, path, body);
      latencies[done] = performance.now() - started;
      const key = `${Math.floor(reply.status / 100)}xx`;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
      if (reply.status >= 500) failures++;
      if (method === 'POST' && (reply.status === 200 || reply.status === 202)) {
        acknowledged.push(JSON.stringify([path.split('/')[4], [card], body]));
      }
    } catch {
      latencies[done] = performance.now() - started;
      failures++;
      byStatus.set('network error', (byStatus.get('network error') ?? 0) + 1);
    }
    done++;
  };
  const worker = async () => {
    while (sent < REQUESTS && performance.now() < deadline) await one(sent++);
  };
  const progress = setInterval(
    () => console.error(`load: ${done} requests in ${((performance.now() - loadStart) / 1000).toFixed(0)} s`),
    5000,
  );
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  clearInterval(progress);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const ticks = healthy.map((s) => s.ticks / loadSeconds).sort((a, b) => a - b);

  child.send({ type: 'report' });
  const { report } = (await next('report')) as unknown as { report: ServerReport };
  const clockAfter = report.now;

  // Every acknowledged operation must be in the journal (as many times as it was acknowledged).
  const journal = new Map<string, number>();
  for (let page = 1; ; page++) {
    const reply = JSON.parse(
      (await client.call('GET', `/api/run/journal?page=${page}&pageSize=10000`)).body,
    ) as {
      items: { operation: string; cards: string[]; args: unknown }[];
    };
    for (const entry of reply.items) {
      const key = JSON.stringify([entry.operation, entry.cards, entry.args]);
      journal.set(key, (journal.get(key) ?? 0) + 1);
    }
    if (reply.items.length < 10000) break;
  }
  let missing = 0;
  for (const key of acknowledged) {
    const left = journal.get(key) ?? 0;
    if (left === 0) missing++;
    else journal.set(key, left - 1);
  }

  // The silent clients: what did the server do with them?
  for (const s of streams) if (s.silent) (s.socket as unknown as { _socket: Socket })._socket.resume();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const silentClosed = streams.filter((s) => s.silent && s.closedByServer).length;
  const healthyOpen = healthy.filter((s) => s.socket.readyState === WebSocket.OPEN).length;

  const sorted = latencies.slice(0, done).sort();
  const f = (n: number, digits = 1) => n.toFixed(digits);
  console.log(`\ncardtwin load test: built-in demo (${cards.length} cards), fast clock, 127.0.0.1\n`);
  console.log('without load: the demo year, as fast as possible');
  console.log(
    table([
      ['wall time for the year', `${f(ready.year.wallSeconds, 2)} s`],
      [
        'event-loop delay p50 / p99 / max',
        `${ready.year.eventLoop.p50} / ${ready.year.eventLoop.p99} / ${ready.year.eventLoop.max} ms`,
      ],
    ]),
  );
  console.log(
    `\nunder load: ${CLIENTS} websocket clients (${SILENT_CLIENTS} never read), ${done} requests, ${CONCURRENCY} at a time`,
  );
  console.log(
    table([
      ['requests', `${done} in ${f(loadSeconds, 2)} s = ${f(done / loadSeconds, 0)} requests/s`],
      [
        'latency p50 / p95 / p99 / max',
        `${f(percentile(sorted, 50))} / ${f(percentile(sorted, 95))} / ${f(percentile(sorted, 99))} / ${f(sorted[sorted.length - 1] ?? NaN)} ms`,
      ],
      ['responses', [...byStatus].map(([k, v]) => `${k}: ${v}`).join(', ')],
      ['errors (5xx, network)', String(failures)],
      [
        'ticks per healthy client per s',
        `min ${f(ticks[0] ?? 0, 2)}, median ${f(percentile(Float64Array.from(ticks), 50), 2)}, max ${f(ticks.at(-1) ?? 0, 2)}`,
      ],
      ['healthy clients still open', `${healthyOpen} of ${healthy.length}`],
      [
        'slow clients (server side)',
        `${report.stream.slow} past the slow mark, ${report.stream.dropped} ticks/batches dropped for them, ` +
          `${report.stream.closedBehind + silentClosed > 0 ? `${silentClosed} closed` : 'none closed'}`,
      ],
      ['acknowledged operations', `${acknowledged.length}, missing from the journal: ${missing}`],
      ['sim days per wall second', f((clockAfter - clockBefore) / DAY_MS / loadSeconds, 1)],
      [
        'server event-loop delay p50 / p99 / max',
        `${report.eventLoop.p50} / ${report.eventLoop.p99} / ${report.eventLoop.max} ms`,
      ],
      ['server RSS (end / max)', `${report.rssMB} / ${report.maxRssMB} MB`],
    ]),
  );

  for (const s of streams) s.socket.terminate();
  client.close();
  child.send({ type: 'stop' });
  await new Promise((resolve) => child.once('exit', resolve));
  clearTimeout(hardStop);
  const ok = failures === 0 && missing === 0 && (ticks[0] ?? 0) > 1 && healthyOpen === healthy.length;
  console.log(ok ? '\nok: no crash, no lost operation, healthy clients kept receiving ticks' : '\nFAILED');
  return ok ? 0 : 1;
}

if (process.argv.includes('--server')) await server();
else process.exitCode = await load();
