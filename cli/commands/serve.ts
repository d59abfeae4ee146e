// `cardtwin serve`: the live twin on a port. Only here does anything listen.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildApp } from '../../server/app.ts';
import { parseScenario } from '../../sim/scenario/parse.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { intFlag, parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadScenarioFile } from '../load-scenario.ts';
import { parseSpeed } from '../speed.ts';
import { version } from '../version.ts';

export const serveHelp = `Usage: cardtwin serve [--scenario f] [--seed n] [--port 3000] [--host 127.0.0.1] [--speed 1d/s]
                     [--data-dir ./data] [--token t] [--paused]

Runs the live twin: the console REST API (/api, documented at /docs), the websocket stream (/ws)
and the viewer (/). With no scenario it runs the built-in demo fleet. The clock starts at --speed
(sim time per wall second: 1d/s, 6h/s, 1mo/s) unless --paused.

  --data-dir d   keep the journal of operations and exported files in d; a restart comes back
                 to the same sim time and state. Without it the run lives in memory.
  --token t      require Authorization: Bearer t on every change
  --host h       listen on h (default 127.0.0.1: only this machine)
  --access-key id:secret   the platform RPC API (at /, Linkcard 2021-05-20) checks HMAC-SHA1
                 signatures with these keys (repeatable); without, signatures are not checked
  --throttle n   the RPC API's requests per second per access key (the platform's is 20)`;

export function demoScenario(): Scenario {
  const file = fileURLToPath(new URL('../../server/demo.yaml', import.meta.url));
  return parseScenario(parse(readFileSync(file, 'utf8')));
}

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('serve', args, {
    scenario: { type: 'string' },
    seed: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    speed: { type: 'string' },
    'data-dir': { type: 'string' },
    token: { type: 'string' },
    paused: { type: 'boolean' },
    'access-key': { type: 'string', multiple: true },
    throttle: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(serveHelp);
    return EXIT.ok;
  }
  const port = intFlag('serve', 'port', values.port) ?? 3000;
  if (port > 65535) throw new UsageError(`cardtwin serve: --port must be 0-65535, not ${port}`);
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const speed = parseSpeed('serve', typeof values.speed === 'string' ? values.speed : '1d/s');
  const scenario =
    typeof values.scenario === 'string' ? (await loadScenarioFile(values.scenario)).scenario : demoScenario();
  const seed = intFlag('serve', 'seed', values.seed);
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;

  const accessKeys = accessKeysOf((values as Record<string, unknown>)['access-key']);
  const throttle = intFlag('serve', 'throttle', values.throttle, 1);
  const { app, live, resumed } = await buildApp({
    ...(accessKeys ? { accessKeys } : {}),
    ...(throttle !== undefined ? { rpcThrottlePerSecond: throttle } : {}),
    log: (message) => io.out(message),
    scenario,
    ...(seed !== undefined ? { seed } : {}),
    ...(dataDir ? { dataDir } : {}),
    ...(typeof values.token === 'string' ? { token: values.token } : {}),
    ...(values.paused ? {} : { playSpeedMsPerSecond: speed }),
    viewerDir: fileURLToPath(new URL('../../viewer/dist', import.meta.url)),
    twinVersion: version(),
    logger: true,
  });
  try {
    await app.listen({ port, host });
  } catch (error) {
    await app.close();
    const code = (error as { code?: string }).code;
    const reason = code === 'EADDRINUSE' ? `port ${port} is in use (try --port)` : (error as Error).message;
    throw new UsageError(`cardtwin serve: cannot listen on ${host}:${port}: ${reason}`);
  }
  const address = app.server.address();
  const shownPort = typeof address === 'object' && address ? address.port : port;
  io.out(
    `cardtwin ${resumed ? 'resumed' : 'is running'} "${live.scenario.name}" (${live.world.cards.length} cards) at http://${host}:${shownPort}/ ` +
      `(API docs: http://${host}:${shownPort}/docs; Ctrl+C to stop)`,
  );
  return await new Promise<number>((exit) => {
    const stop = () => void app.close().then(() => exit(EXIT.ok));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** --access-key id:secret, repeatable. */
function accessKeysOf(values: unknown): Record<string, string> | undefined {
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const keys: Record<string, string> = {};
  for (const value of values as string[]) {
    const colon = value.indexOf(':');
    if (colon <= 0 || colon === value.length - 1) {
      throw new UsageError(`cardtwin serve: --access-key ${JSON.stringify(value)}: write it as id:secret`);
    }
    keys[value.slice(0, colon)] = value.slice(colon + 1);
  }
  return keys;
}
