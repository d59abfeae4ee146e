// What the RPC API's tests share: a fleet with a card of every kind the 30 operations need, the app
// built on it with the RPC plugin registered (as app.ts does), listening on a free port, and the
// platform's real SDK client (@alicloud/pop-core's RPCClient) pointed at it.
import type { AddressInfo } from 'node:net';
import RPCClient from '@alicloud/pop-core';
import { expect } from 'vitest';
import { parse } from 'yaml';
import type { Card } from '../../sim/cards/card.ts';
import type { OperationResult } from '../../sim/ops/types.ts';
import { parseScenario } from '../../sim/scenario/parse.ts';
import { parseDateTime } from '../../sim/time/calendar.ts';
import { buildApp, type BuiltApp } from '../app.ts';
import type { JournalEntry } from '../store.ts';
import type { RpcOptions } from './index.ts';

export const KEY_ID = 'LTAI-twin-test';
export const SECRET = 'twin-test-secret';

/**
 * meters: CM single-card plans in meters (the first activated); delayed: CT cards behind a 10-minute
 * operation delay; pooled: a CU unified-payment pool; same: a CM same-tier pool (silent); smart: AL
 * multi-network cards; direct: CM directional single-card plans, in use; verify: CU cards bought with
 * individual identity verification; gone: a CM card canceled on 2026-03-01 (L13). Tests start at
 * 2026-03-02 (startedAt).
 */
export const RPC_YAML = `
name: rpc test fleet
seed: 11
start: 2026-02-01
until: 2026-12-31
carriers:
  CT: { operationDelay: 10m }
pools:
  - { id: P1, size: 1G }
fleet:
  - { group: meters, count: 3, voucher: CM_SC_M_1_100M, device: { profile: meter } }
  - { group: delayed, count: 2, voucher: CT_SC_M_1_100M }
  - { group: pooled, count: 2, voucher: CU_UP_M_1_P1 }
  - { group: same, count: 3, voucher: CM_SF_M_1_100M }
  - { group: smart, count: 2, voucher: AL_SC_M_1_1G }
  - { group: direct, count: 3, voucher: CM_SCD_M_1_100M }
  - { group: verify, count: 2, voucher: CU_SC_M_1_100M, idVerification: true }
  - { group: gone, count: 1, voucher: CM_SC_M_1_100M }
steps:
  - at: 2026-02-02T09:00
    do: activate
    cards: { group: gone }
  - at: 2026-02-02T09:10
    do: suspend
    cards: { group: gone }
  - at: 2026-02-02T09:20
    do: requestCancellation
    cards: { group: gone }
  - at: 2026-03-01T08:00
    do: activate
    cards: { group: meters, first: 1 }
  - at: 2026-03-01T08:00
    do: activate
    cards: { group: direct }
`;

export const STARTED_AT = '2026-03-02';

// Tests read the JSON bodies they get freely; their shape is what they assert.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

export interface RpcFailure {
  readonly code: string;
  readonly status: number;
  /** The error body as the twin sent it. */
  readonly data: Body;
}

/** A refusal with the platform's Code and HTTP status. */
export function expectFailure(failure: RpcFailure, code: string, status = 400): void {
  expect({ code: failure.code, status: failure.status }).toEqual({ code, status });
}

/** The same, and the platform's whole error envelope: Code, Success false, a RequestId. */
export function expectFailureEnvelope(failure: RpcFailure, code: string, status = 400): void {
  expectFailure(failure, code, status);
  expect(failure.data).toMatchObject({ Code: code, Success: false });
  expect(typeof failure.data.RequestId).toBe('string');
}

export interface RpcTestApp extends BuiltApp {
  readonly endpoint: string;
  client(secret?: string, keyId?: string): RPCClient;
  /** A successful call's body (the SDK throws on an error Code). */
  call(
    action: string,
    params?: Record<string, unknown>,
    client?: RPCClient,
    method?: 'POST' | 'GET',
  ): Promise<Body>;
  /** A call expected to fail: its Code, HTTP status and body. */
  fail(
    action: string,
    params?: Record<string, unknown>,
    client?: RPCClient,
    method?: 'POST' | 'GET',
  ): Promise<RpcFailure>;
  group(name: string): string[];
  /** A card of the run by ICCID or MSISDN (it must exist). */
  card(ref: string): Card;
  /** The journal's newest entry. */
  lastJournal(): JournalEntry;
  /** Move the sim clock to a Beijing date-time and wait until it is there. */
  advance(to: string): Promise<void>;
  /** A twin operation from outside the RPC API (source `test`), e.g. to put a card in a state. */
  perform(operation: string, cards: string[], args?: unknown): OperationResult;
  close(): Promise<void>;
}

export async function rpcTestApp(
  options: { yaml?: string; rpc?: RpcOptions; dataDir?: string; viewerDir?: string } = {},
): Promise<RpcTestApp> {
  const built = await buildApp({
    scenario: parseScenario(parse(options.yaml ?? RPC_YAML)),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.viewerDir ? { viewerDir: options.viewerDir } : {}),
    rpc: { accessKeys: { [KEY_ID]: SECRET }, ...options.rpc },
  });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const endpoint = `http://127.0.0.1:${(built.app.server.address() as AddressInfo).port}`;
  const client = (secret = SECRET, keyId = KEY_ID) =>
    new RPCClient({ accessKeyId: keyId, accessKeySecret: secret, endpoint, apiVersion: '2021-05-20' });
  const shared = client();
  const request = (action: string, params: Record<string, unknown>, c: RPCClient, method: string) =>
    c.request(action, params, { method, timeout: 20_000 });
  return {
    ...built,
    endpoint,
    client,
    call: (action, params = {}, c = shared, method = 'POST') => request(action, params, c, method),
    async fail(action, params = {}, c = shared, method = 'POST') {
      try {
        await request(action, params, c, method);
      } catch (error) {
        const e = error as { code?: string; data?: unknown; entry?: { response?: { statusCode?: number } } };
        if (e.code === undefined) throw error;
        return { code: e.code, status: e.entry?.response?.statusCode ?? 0, data: e.data };
      }
      throw new Error(`${action} succeeded; a failure was expected`);
    },
    group: (name) => (built.live.world.groups.get(name) ?? []).map((card) => card.iccid),
    card: (ref) => built.live.world.findCard(ref)!,
    lastJournal: () => built.live.journal().at(-1)!,
    async advance(to) {
      built.live.advanceTo(parseDateTime(to));
      await built.live.settled();
    },
    perform: (operation, cards, args = {}) => built.live.perform({ operation, cards, args, source: 'test' }),
    close: () => built.app.close(),
  };
}
