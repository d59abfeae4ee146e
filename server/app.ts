// The live twin's HTTP face (INTERFACES.md): the console REST API, the websocket stream, OpenAPI at
// /openapi.json and /docs, and the viewer. Built here; only cli/ listens (STYLE.md, from Fastify).
import { timingSafeEqual } from 'node:crypto';
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
import { streamRoutes, type StreamOptions, type StreamStats } from './ws.ts';
import { recordingRoutes } from './routes/recording.ts';
// Imported before any run opens: it adds the platform API's journaled actions (directional groups,
// messages) to the console actions that a resumed run replays.
import { rpcRoutes, type RpcOptions } from './rpc/index.ts';

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
  /** Wall milliseconds a slice of simulation may hold the event loop (default 10). */
  readonly sliceBudgetMs?: number;
  /** Platform RPC API: AccessKeyId -> secret (`--access-key id:secret`); none: signatures unchecked. */
  readonly accessKeys?: Readonly<Record<string, string>>;
  /** Platform RPC API: requests per second per AccessKeyId (the platform's 20); absent: no limit. */
  readonly rpcThrottlePerSecond?: number;
  /** Where the server says things at start (the RPC API's word on signatures). */
  readonly log?: (message: string) => void;
  /** Further options of the platform RPC API (tests: a wall clock for signatures and throttling). */
  readonly rpc?: RpcOptions;
}

/** Request bodies larger than this are refused with 413 (BodyTooLarge). */
export const BODY_LIMIT_BYTES = 1 << 20;

export interface BuiltApp {
  readonly app: FastifyInstance;
  readonly live: LiveRun;
  /** Whether the run was resumed from the data folder rather than started. */
  readonly resumed: boolean;
  /** How the websocket clients are doing. */
  readonly streamStats: () => StreamStats;
}

export async function buildApp(options: AppOptions): Promise<BuiltApp> {
  // Unknown query parameters and body fields are refused (a typo in a filter must not silently list
  // every card) rather than dropped, and values are taken as sent rather than coerced (`"cards": "x"`
  // is not a list of one card): both differ from Fastify's defaults.
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  });
  const store = options.dataDir ? new SqliteStore(options.dataDir) : new MemoryStore();
  const live = new LiveRun({
    store,
    twinVersion: options.twinVersion ?? 'dev',
    ...(options.dataDir ? { exportSink: new FolderSink(join(options.dataDir, 'exports')) } : {}),
    ...(options.sliceBudgetMs !== undefined ? { sliceBudgetMs: options.sliceBudgetMs } : {}),
  });
  // Followed before the run opens, so that a resumed run's replayed events are in the history too.
  const history = new EventHistory();
  live.runChanged$.subscribe((world) => history.follow(world));
  const resumed = live.resume();
  if (!resumed) live.start(options.scenario, options.seed ?? options.scenario.seed);

  registerErrors(app);
  if (options.token) {
    const expected = Buffer.from(`Bearer ${options.token}`);
    const authorized = (header: string | undefined): boolean => {
      const given = Buffer.from(header ?? '');
      return given.length === expected.length && timingSafeEqual(given, expected);
    };
    app.addHook('onRequest', async (request, reply) => {
      const mutating = request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS';
      // The platform RPC API signs its requests with access keys instead (--access-key).
      const rpc = request.url === '/' || request.url.startsWith('/?');
      if (mutating && !(rpc && options.accessKeys) && !authorized(request.headers.authorization)) {
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
  // A client's message is at most a subscribe to 10,000 cards (ws.ts): 256 KiB holds it.
  await app.register(fastifyWebsocket, { options: { maxPayload: 256 * 1024 } });

  cardRoutes(app, live);
  operationRoutes(app, live);
  worldRoutes(app, live, history);
  const stream = streamRoutes(app, live, options.stream);
  recordingRoutes(app, live, options.twinVersion ?? 'dev');
  rpcRoutes(app, live, {
    ...(options.accessKeys ? { accessKeys: options.accessKeys } : {}),
    ...(options.rpcThrottlePerSecond !== undefined
      ? { throttlePerSecond: options.rpcThrottlePerSecond }
      : {}),
    ...(options.log ? { log: options.log } : {}),
    ...options.rpc,
  });
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

  // A new run starts at the speed asked for; a resumed one comes back to the mode it was in, unless
  // it is to start paused (no speed given: `--paused`).
  if (options.playSpeedMsPerSecond !== undefined) {
    if (!resumed) live.play(options.playSpeedMsPerSecond);
    else if (live.resumedMode === 'running') live.play();
    else if (live.resumedMode === 'fast') live.fast();
  }
  app.addHook('onClose', async () => {
    live.close();
    store.close();
  });
  return { app, live, resumed, streamStats: stream.stats };
}
