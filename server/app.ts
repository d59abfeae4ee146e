// The live twin's HTTP face (INTERFACES.md): the console REST API, the websocket stream, OpenAPI at
// /openapi.json and /docs, and the viewer. Built here; only cli/ listens (STYLE.md, from Fastify).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import type { Scenario } from '../sim/scenario/types.ts';
import { errorBody, registerErrors } from './errors.ts';
import { EventHistory } from './event-history.ts';
import { FolderSink } from './folder-sink.ts';
import { LiveRun } from './live-run.ts';
import { cardRoutes } from './routes/cards.ts';
import { operationRoutes } from './routes/operations.ts';
import { worldRoutes } from './routes/world.ts';
import { MemoryStore, SqliteStore } from './store.ts';
import { streamRoutes, type StreamOptions } from './ws.ts';

export interface AppOptions {
  /** The run to start when the data folder holds none. */
  readonly scenario: Scenario;
  readonly seed?: number;
  /** Journal, checkpoints and exported files live here; without it everything is in memory. */
  readonly dataDir?: string;
  /** Start the clock at this speed (sim ms per wall second); paused if absent. */
  readonly playSpeedMsPerSecond?: number;
  /** When set, mutating routes need `Authorization: Bearer <token>`. */
  readonly token?: string;
  readonly logger?: boolean;
  readonly stream?: StreamOptions;
  /** The built viewer (viewer/dist), served at /. */
  readonly viewerDir?: string;
  readonly twinVersion?: string;
}

export interface BuiltApp {
  readonly app: FastifyInstance;
  readonly live: LiveRun;
  /** Whether the run was resumed from the data folder rather than started. */
  readonly resumed: boolean;
}

export async function buildApp(options: AppOptions): Promise<BuiltApp> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1 << 20 });
  const store = options.dataDir ? new SqliteStore(options.dataDir) : new MemoryStore();
  const live = new LiveRun({
    store,
    twinVersion: options.twinVersion ?? 'dev',
    ...(options.dataDir ? { exportSink: new FolderSink(join(options.dataDir, 'exports')) } : {}),
  });
  const resumed = live.resume();
  if (!resumed) live.start(options.scenario, options.seed ?? options.scenario.seed);
  const history = new EventHistory();
  history.follow(live.world);
  live.runChanged$.subscribe((world) => history.follow(world));

  registerErrors(app);
  if (options.token) {
    const expected = `Bearer ${options.token}`;
    app.addHook('onRequest', async (request, reply) => {
      const mutating = request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS';
      if (mutating && request.headers.authorization !== expected) {
        return reply
          .status(401)
          .send(
            errorBody('Unauthorized', 'this twin needs `Authorization: Bearer <token>` on changes (--token)'),
          );
      }
      return undefined;
    });
  }
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'cardtwin console API',
        version: options.twinVersion ?? 'dev',
        description: 'The live twin of an IoT SIM card platform: cards, operations, clock, pools, ledger.',
      },
      tags: ['cards', 'operations', 'clock', 'run', 'fleet', 'tags', 'rules', 'exports', 'money'].map(
        (name) => ({ name }),
      ),
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });

  cardRoutes(app, live);
  operationRoutes(app, live);
  worldRoutes(app, live, history);
  streamRoutes(app, live, options.stream);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const viewerDir = options.viewerDir;
  if (viewerDir && existsSync(join(viewerDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: viewerDir, prefix: '/' });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => {
      reply.type('text/html; charset=utf-8');
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cardtwin</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; line-height: 1.5">
<h1>cardtwin</h1><p>The viewer is not built (<code>npm run build:viewer</code>). The twin runs:
see <a href="/api/run">/api/run</a>, <a href="/api/stats">/api/stats</a> and the API at <a href="/docs">/docs</a>.</p></body></html>`;
    });
  }

  if (options.playSpeedMsPerSecond !== undefined && !resumed) live.play(options.playSpeedMsPerSecond);
  app.addHook('onClose', async () => {
    live.close();
    store.close();
  });
  return { app, live, resumed };
}
