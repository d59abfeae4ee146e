// `cardtwin serve` in a child process, as a user runs it: operations over HTTP with the clock paused,
// then SIGKILL, then a restart on the same data folder, which must come back to the same sim time,
// hash and card states. Also: it listens on 127.0.0.1 by default, an operation's journal line exists
// when its response arrives, and a refused request leaves none.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SMALL_YAML, tempDir } from './test/helpers.ts';

const CLI = fileURLToPath(new URL('../bin/cardtwin.js', import.meta.url));
const children: ChildProcess[] = [];
const dir = tempDir();
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  dir.remove();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface Served {
  readonly child: ChildProcess;
  readonly base: string;
  readonly line: string;
  readonly output: () => string;
}

/** Starts `cardtwin serve …` and waits for the line that gives its address. */
async function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    const look = () => {
      const found = output.split('\n').find((l) => /^cardtwin (is running|resumed)/.test(l));
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  const base = /at (http:\/\/[^/ ]+)\//.exec(line)![1]!;
  return { child, base, line, output: () => output };
}

async function kill(served: Served): Promise<void> {
  const exited = new Promise((resolve) => served.child.once('exit', resolve));
  served.child.kill('SIGKILL');
  await exited;
}

async function http(base: string, method: string, path: string, body?: unknown) {
  const response = await fetch(base + path, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as any };
}

describe('cardtwin serve, killed and restarted', () => {
  it('comes back after SIGKILL to the same sim time, hash and card states', async () => {
    const scenario = join(dir.path, 'fleet.yaml');
    writeFileSync(scenario, SMALL_YAML);
    const dataDir = join(dir.path, 'data');
    const args = ['--scenario', scenario, '--data-dir', dataDir, '--paused'];

    const first = await serve([...args, '--port', String(await freePort())]);
    // Listens on 127.0.0.1 unless told otherwise.
    expect(first.line).toMatch(
      /^cardtwin is running "server test fleet" \(7 cards\) at http:\/\/127\.0\.0\.1:\d+\//,
    );
    // Fastify's logger writes asynchronously: its line may come just after ours.
    await expect
      .poll(() => first.output(), { timeout: 5000 })
      .toMatch(/Server listening at http:\/\/127\.0\.0\.1:\d+/);
    const port = Number(new URL(first.base).port);
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((net) => net && net.family === 'IPv4' && !net.internal);
    if (outside) await expect(fetch(`http://${outside.address}:${port}/api/run`)).rejects.toThrow();

    const db = new Database(join(dataDir, 'cardtwin.sqlite'), { readonly: true });
    const journalRows = () => (db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number }).n;
    try {
      const cards = (await http(first.base, 'GET', '/api/cards')).body.items as { iccid: string }[];
      const [a, b, c] = cards.map((card) => card.iccid);
      const accepted: [string, unknown][] = [
        [`/api/cards/${a}/activate`, {}],
        [`/api/cards/${b}/addTags`, { tags: ['north', 'pilot'] }],
        [`/api/cards/${c}/setRemark`, { text: 'kept across a crash' }],
      ];
      for (const [path, body] of accepted) {
        const before = journalRows();
        expect((await http(first.base, 'POST', path, body)).status).toBe(200);
        // Acknowledged only once journaled: the line is there when the response is.
        expect(journalRows()).toBe(before + 1);
      }
      expect((await http(first.base, 'POST', '/api/clock', { action: 'step', by: '1d' })).status).toBe(200);
      const batch = await http(first.base, 'POST', '/api/operations', {
        operation: 'suspend',
        cards: [a, b],
      });
      expect(batch.body).toMatchObject({ succeeded: 1, failed: 1 });
      expect((await http(first.base, 'POST', '/api/tags', { tag: 'catalogue-only' })).status).toBe(200);
      expect((await http(first.base, 'POST', '/api/clock', { action: 'step', by: '7h' })).status).toBe(200);
      // Refused: no journal line.
      const journaled = journalRows();
      expect((await http(first.base, 'POST', `/api/cards/${b}/resume`, {})).status).toBe(409);
      expect((await http(first.base, 'POST', `/api/cards/${b}/addTags`, { tags: 7 })).status).toBe(400);
      expect((await http(first.base, 'POST', '/api/exports', { fileName: '../x' })).status).toBe(400);
      expect(journalRows()).toBe(journaled);

      const run = (await http(first.base, 'GET', '/api/run')).body;
      const clock = (await http(first.base, 'GET', '/api/clock')).body;
      const states = (await http(first.base, 'GET', '/api/cards')).body.items;
      const tags = (await http(first.base, 'GET', '/api/tags')).body.items;
      expect(run.journal).toBe(journaled);
      expect(clock.mode).toBe('paused');
      await kill(first);

      const second = await serve([...args, '--port', String(await freePort())]);
      expect(second.line).toMatch(/^cardtwin resumed "server test fleet"/);
      const again = (await http(second.base, 'GET', '/api/run')).body;
      expect(again).toEqual(run);
      expect((await http(second.base, 'GET', '/api/clock')).body).toEqual(clock);
      expect((await http(second.base, 'GET', '/api/cards')).body.items).toEqual(states);
      expect((await http(second.base, 'GET', '/api/tags')).body.items).toEqual(tags);
      await kill(second);
    } finally {
      db.close();
    }
  });
});
