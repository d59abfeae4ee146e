// `cardtwin serve`: the live twin on a port. Only here does anything listen.
import { buildApp } from '../../server/app.ts';
import { intFlag, parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadScenarioFile } from '../load-scenario.ts';
import { parseSpeed } from '../speed.ts';
import { parseDateTime } from '../../sim/time/calendar.ts';

export const serveHelp = `Usage: cardtwin serve [--scenario f] [--seed n] [--port 3000] [--host 127.0.0.1] [--speed 1d/s]

Runs the live twin: the sim clock runs at --speed (sim time per wall second: 1d/s, 6h/s, 1mo/s)
and the server answers on http://<host>:<port>/. With no scenario it runs the built-in demo.`;

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('serve', args, {
    scenario: { type: 'string' },
    seed: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    speed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(serveHelp);
    return EXIT.ok;
  }
  const port = intFlag('serve', 'port', values.port) ?? 3000;
  if (port > 65535) throw new UsageError(`cardtwin serve: --port must be 0-65535, not ${port}`);
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  const speedMsPerSecond = parseSpeed('serve', typeof values.speed === 'string' ? values.speed : '1d/s');
  const scenario =
    typeof values.scenario === 'string'
      ? (await loadScenarioFile(values.scenario)).scenario
      : { name: 'Built-in demo', seed: 1, start: parseDateTime('2026-01-01') };
  const seed = intFlag('serve', 'seed', values.seed) ?? scenario.seed;

  const { app, live } = await buildApp({
    logger: true,
    run: { name: scenario.name, seed, start: scenario.start, speedMsPerSecond },
  });
  try {
    await app.listen({ port, host });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'EADDRINUSE' ? `port ${port} is in use (try --port)` : (error as Error).message;
    throw new UsageError(`cardtwin serve: cannot listen on ${host}:${port}: ${reason}`);
  }
  live.play();
  const address = app.server.address();
  const shownPort = typeof address === 'object' && address ? address.port : port;
  io.out(`cardtwin is running "${scenario.name}" at http://${host}:${shownPort}/ (Ctrl+C to stop)`);
  return await new Promise<number>((exit) => {
    const stop = () => void app.close().then(() => exit(EXIT.ok));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
