// The websocket stream (INTERFACES.md, /ws): `hello` on connect, `tick` a few times a second (sim
// time, counts by status, pool levels), `events` in batches (a sample of the fleet's, all of the cards
// a client subscribed to), `clock` when the mode or speed changes. A slow client is never allowed to
// slow the simulation or the others: while its socket buffer is full its events are dropped and its
// ticks coalesced (the next one carries the latest state); one that stays far behind is closed.
import type { FastifyInstance } from 'fastify';
import { bufferTime, filter, Subscription } from 'rxjs';
import type { WebSocket } from 'ws';
import type { SimEvent } from '../sim/record/event.ts';
import type { LiveRun } from './live-run.ts';
import { clockView, runView } from './routes/world.ts';
import { SIM_STATUSES, SPECIFIC_STATUSES } from '../sim/machines/status.ts';
import { formatDateTime } from '../sim/time/calendar.ts';

const STREAMED = new Set([
  'card.status',
  'pool.exhausted',
  'pool.expanded',
  'rule.triggered',
  'operation',
  'export.done',
  'carrier.outage',
  'order.created',
  'card.tags',
  'card.remark',
  'device.swapped',
  'operation.done',
]);
const SAMPLE_PER_BATCH = 100;
const SLOW_BYTES = 1 << 20;
const CLOSE_BYTES = 16 << 20;

interface Client {
  readonly socket: WebSocket;
  types: Set<string> | undefined;
  cards: Set<string>;
  dropped: number;
}

export interface StreamOptions {
  readonly tickMs?: number;
  readonly batchMs?: number;
}

/** Counts by status and specific status, and pool levels: what a tick carries. */
export function fleetSummary(live: LiveRun) {
  const byStatus: Record<string, number> = Object.fromEntries(Object.keys(SIM_STATUSES).map((s) => [s, 0]));
  const bySpecific: Record<string, number> = Object.fromEntries(
    Object.keys(SPECIFIC_STATUSES).map((s) => [s, 0]),
  );
  for (const card of live.world.cards) {
    byStatus[card.view.status]!++;
    bySpecific[card.view.specificStatus]!++;
  }
  const pools = [...live.world.pools.values()].map((pool) => ({
    id: pool.id,
    kind: pool.kind,
    sizeMB: pool.size() / 1_048_576,
    usedMB: pool.monthUsed / 1_048_576,
    remainingMB: pool.remaining() / 1_048_576,
    exhausted: 'exhausted' in pool ? pool.exhausted : false,
  }));
  return {
    now: live.world.now(),
    nowText: formatDateTime(live.world.now()),
    cards: live.world.cards.length,
    byStatus,
    bySpecific,
    pools,
    chargedFen: live.world.billing.ledger.totalFen,
    events: live.world.eventCount,
    hash: live.world.hash(),
  };
}

export function streamRoutes(app: FastifyInstance, live: LiveRun, options: StreamOptions = {}): void {
  const clients = new Set<Client>();
  let events: Subscription | undefined;

  const send = (client: Client, message: unknown, droppable: boolean): void => {
    const buffered = client.socket.bufferedAmount;
    if (buffered > CLOSE_BYTES) {
      client.socket.close(1013, 'too far behind');
      clients.delete(client);
      return;
    }
    if (droppable && buffered > SLOW_BYTES) {
      client.dropped++;
      return;
    }
    client.socket.send(JSON.stringify(message));
  };

  const follow = () => {
    events?.unsubscribe();
    events = live.world.events$
      .pipe(
        filter((event) => STREAMED.has(event.type)),
        bufferTime(options.batchMs ?? 250),
        filter((batch) => batch.length > 0),
      )
      .subscribe((batch) => {
        for (const client of clients) {
          const chosen = chooseEvents(batch, client);
          if (chosen.length > 0)
            send(client, { type: 'events', total: batch.length, events: chosen.map(eventView) }, true);
        }
      });
  };
  follow();
  live.runChanged$.subscribe(() => {
    follow();
    for (const client of clients) send(client, hello(live), false);
  });
  live.clockChanged$.subscribe(() => {
    for (const client of clients) send(client, { type: 'clock', clock: clockView(live) }, false);
  });

  // One summary per tick for every client: the work does not grow with the number of clients.
  const tick = setInterval(() => {
    if (clients.size === 0) return;
    const message = { type: 'tick', ...fleetSummary(live), mode: live.mode };
    for (const client of clients) send(client, message, true);
  }, options.tickMs ?? 250);
  app.addHook('onClose', async () => {
    clearInterval(tick);
    events?.unsubscribe();
    for (const client of clients) client.socket.close(1001, 'server closing');
  });

  app.get('/ws', { websocket: true }, (socket) => {
    const client: Client = { socket, types: undefined, cards: new Set(), dropped: 0 };
    clients.add(client);
    socket.on('close', () => clients.delete(client));
    socket.on('message', (data) => {
      let message: { type?: string; events?: unknown; cards?: unknown };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        send(
          client,
          { type: 'error', error: { code: 'InvalidArgument', message: 'messages are JSON' } },
          false,
        );
        return;
      }
      if (message.type !== 'subscribe') {
        send(
          client,
          {
            type: 'error',
            error: {
              code: 'InvalidArgument',
              message: `unknown message type ${JSON.stringify(message.type)} (send subscribe)`,
            },
          },
          false,
        );
        return;
      }
      if (message.events !== undefined) {
        client.types =
          Array.isArray(message.events) && message.events.length > 0
            ? new Set(message.events.map(String))
            : undefined;
      }
      if (message.cards !== undefined)
        client.cards = new Set(Array.isArray(message.cards) ? message.cards.map(String) : []);
      send(
        client,
        { type: 'subscribed', events: client.types ? [...client.types] : 'all', cards: [...client.cards] },
        false,
      );
    });
    send(client, hello(live), false);
  });
}

function hello(live: LiveRun) {
  return { type: 'hello', run: runView(live), clock: clockView(live), stats: fleetSummary(live) };
}

/** All events of the cards a client follows, and a bounded sample of the rest. */
function chooseEvents(batch: readonly SimEvent[], client: Client): SimEvent[] {
  const chosen: SimEvent[] = [];
  let sampled = 0;
  const step = Math.max(1, Math.ceil(batch.length / SAMPLE_PER_BATCH));
  batch.forEach((event, i) => {
    if (client.types && !client.types.has(event.type)) return;
    const card = (event.payload as { card?: string }).card ?? event.subject;
    if (client.cards.has(card) || client.cards.has(event.subject)) chosen.push(event);
    else if (i % step === 0 && sampled < SAMPLE_PER_BATCH) {
      chosen.push(event);
      sampled++;
    }
  });
  return chosen;
}

function eventView(event: SimEvent) {
  return {
    t: event.t,
    at: formatDateTime(event.t),
    seq: event.seq,
    type: event.type,
    subject: event.subject,
    payload: event.payload,
  };
}
