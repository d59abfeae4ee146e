// The live twin's HTTP face. Built here, listened on in cli/ only (STYLE.md, from Fastify).
// This first version shows the running clock; the console REST API, the websocket stream and the
// viewer arrive with the server and viewer issues.
import Fastify, { type FastifyInstance } from 'fastify';
import { formatDateTime } from '../sim/time/calendar.ts';
import { LiveRun, type LiveRunOptions } from './live-run.ts';

export interface AppOptions {
  readonly run: LiveRunOptions;
  readonly logger?: boolean;
}

export async function buildApp(options: AppOptions): Promise<{ app: FastifyInstance; live: LiveRun }> {
  const app = Fastify({ logger: options.logger ?? false });
  const live = new LiveRun(options.run);
  app.addHook('onClose', async () => live.pause());

  const clockView = () => ({
    now: live.world.now(),
    nowText: formatDateTime(live.world.now()),
    mode: live.running ? 'running' : 'paused',
    speedMsPerSecond: live.speed,
  });

  app.get('/api/clock', async () => clockView());
  app.get('/api/run', async () => ({
    name: live.world.name,
    seed: live.world.seed,
    events: live.world.eventCount,
    hash: live.world.hash(),
  }));
  app.get('/', async (_request, reply) => {
    const clock = clockView();
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cardtwin</title>
<meta http-equiv="refresh" content="2"></head>
<body style="font-family: system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; line-height: 1.5">
<h1>cardtwin</h1>
<p>The twin is running <b>${escapeHtml(live.world.name)}</b> (seed ${live.world.seed}).</p>
<p>Sim time: <b>${clock.nowText}</b> (Beijing time), ${clock.mode}.</p>
<p>The live viewer and the console API are not built yet. Until they are, look at
<a href="/api/clock">/api/clock</a> and <a href="/api/run">/api/run</a>, and run scenarios with
<code>npx cardtwin run &lt;file&gt;</code> (see README.md).</p>
</body></html>`;
  });
  return { app, live };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
