// What the server's tests share: a small scenario (a few cards of each kind the routes need), an app
// built on it, and a way to call it with app.inject() and read JSON back.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { parse } from 'yaml';
import { parseScenario } from '../../sim/scenario/parse.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { buildApp, type AppOptions, type BuiltApp } from '../app.ts';

/**
 * Three CM cards with meters (silent period), two CT cards behind a 10-minute operation delay, two
 * pooled CU cards (UP: no top-up) and a CT card with a tracker that carries traffic.
 */
export const SMALL_YAML = `
name: server test fleet
seed: 3
start: 2026-01-01
until: 2026-06-01
carriers:
  CT: { operationDelay: 10m }
pools:
  - id: P1
    size: 1G
fleet:
  - group: meters
    count: 3
    voucher: CM_SC_M_1_100M
    device: { profile: meter }
  - group: delayed
    count: 2
    voucher: CT_SC_M_1_100M
  - group: pooled
    count: 2
    voucher: CU_UP_M_1_P1
    activateOnFirstTraffic: true
    device: { profile: tracker }
steps:
  - at: 2026-01-01T08:00
    do: activate
    cards: { group: meters, first: 1 }
`;

export const smallScenario = (yaml = SMALL_YAML): Scenario => parseScenario(parse(yaml));

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

export interface TestApp extends BuiltApp {
  /** app.inject, parsed: status code and JSON body. */
  call(method: Method, url: string, payload?: unknown): Promise<Reply>;
  /** The ICCIDs of a scenario group, in the order bought. */
  group(name: string): string[];
}

export interface Reply {
  readonly status: number;
  // Tests read the JSON they get freely; its shape is what they assert.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  readonly text: string;
  readonly headers: Record<string, unknown>;
}

export async function call(
  app: FastifyInstance,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const options: InjectOptions = { method, url, headers };
  if (payload !== undefined) options.payload = payload as NonNullable<InjectOptions['payload']>;
  const response = await app.inject(options);
  let body: unknown;
  try {
    body = response.json();
  } catch {
    body = undefined;
  }
  return { status: response.statusCode, body, text: response.body, headers: response.headers };
}

export async function testApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const built = await buildApp({ scenario: smallScenario(), ...options });
  return {
    ...built,
    call: (method, url, payload) => call(built.app, method, url, payload),
    group: (name) => (built.live.world.groups.get(name) ?? []).map((card) => card.iccid),
  };
}

/**
 * Apps and data folders for one test file, closed and removed after each test: call at the top of
 * the file (it registers the afterEach).
 */
export function appsPerTest(afterEach: (fn: () => Promise<void>) => void) {
  const opened: TestApp[] = [];
  const folders: { remove: () => void }[] = [];
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.app.close();
    for (const folder of folders.splice(0)) folder.remove();
  });
  return {
    async open(dataDir?: string): Promise<TestApp> {
      const t = await testApp(dataDir ? { dataDir } : {});
      opened.push(t);
      return t;
    },
    /** Close an app before the test ends (a restart on the same folder). */
    async close(t: TestApp): Promise<void> {
      opened.splice(opened.indexOf(t), 1);
      await t.app.close();
    },
    folder(): string {
      const dir = tempDir();
      folders.push(dir);
      return dir.path;
    },
  };
}

/** A fresh folder under the system's temp folder, removed by the returned function. */
export function tempDir(prefix = 'cardtwin-server-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Every file under a folder, as paths relative to it, sorted. */
export function filesUnder(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else found.push(relative(folder, path));
    }
  };
  walk(folder);
  return found.sort();
}

/** The error shape of INTERFACES.md, and nothing that looks like a stack trace. */
export function expectErrorShape(reply: Reply, status: number, code?: string): void {
  if (reply.status !== status || !reply.body?.error || (code && reply.body.error.code !== code)) {
    throw new Error(`expected ${status} ${code ?? ''}, got ${reply.status}: ${reply.text}`);
  }
  const { error } = reply.body as { error: Record<string, unknown> };
  if (typeof error.code !== 'string' || typeof error.message !== 'string' || error.message === '')
    throw new Error(`error without code and message: ${reply.text}`);
  if (/\n\s+at /.test(reply.text) || 'stack' in error)
    throw new Error(`error with a stack trace: ${reply.text}`);
}
