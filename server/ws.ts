// The websocket stream (INTERFACES.md, /ws): `hello` on connect, `tick` a few times a second (sim
// time, counts by status, pool levels), `events` in batches (a sample of the fleet's, all of the cards
// a client subscribed to, of every type), `clock` when the mode or speed changes. A slow client is never allowed to
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
const MAX_SUBSCRIBED_CARDS = 10_000;

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

/** How the stream's clients are doing (for monitoring and the load test). */
export interface StreamStats {
  readonly clients: number;
  /** Clients whose socket buffer is past the slow mark now. */
  readonly slow: number;
  /** Droppable messages (ticks, event batches) not sent to slow clients, over all clients so far. */
  readonly dropped: number;
  /** Clients closed for being far behind, so far. */
  readonly closedBehind: number;
}

export function streamRoutes(
  app: FastifyInstance,
  live: LiveRun,
  options: StreamOptions = {},
): { stats(): StreamStats } {
  const clients = new Set<Client>();
  let events: Subscription | undefined;
  let dropped = 0;
  let closedBehind = 0;

  /** Sends text already serialized (one JSON.stringify per message, whatever the number of clients). */
  const send = (client: Client, text: string, droppable: boolean): void => {
    const buffered = client.socket.bufferedAmount;
    if (buffered > CLOSE_BYTES) {
      // Far behind: closing politely would queue the close frame behind what it does not read.
      client.socket.terminate();
      clients.delete(client);
      closedBehind++;
      return;
    }
    if (droppable && buffered > SLOW_BYTES) {
      client.dropped++;
      dropped++;
      return;
    }
    client.socket.send(text);
  };
  const sendJson = (client: Client, message: unknown, droppable: boolean): void =>
    send(client, JSON.stringify(message), droppable);

  const follow = () => {
    events?.unsubscribe();
    events = live.world.events$
      .pipe(
        bufferTime(options.batchMs ?? 250),
        filter((batch) => batch.length > 0),
      )
      .subscribe((batch) => {
        let streamedCount = 0;
        for (const event of batch) if (STREAMED.has(event.type)) streamedCount++;
        // Each event is serialized once per batch, whatever the number of clients that get it.
        const texts = new Array<string | undefined>(batch.length);
        const atTexts = new Map<number, string>();
        const textOf = (i: number): string => {
          let text = texts[i];
          if (text === undefined) {
            const event = batch[i]!;
            let at = atTexts.get(event.t);
            if (at === undefined) atTexts.set(event.t, (at = formatDateTime(event.t)));
            text = texts[i] = JSON.stringify(eventView(event, at));
          }
          return text;
        };
        const message = (chosen: readonly number[]) =>
          `{"type":"events","total":${streamedCount},"events":[${chosen.map(textOf).join(',')}]}`;
        // Clients that chose nothing all get the same sample: chosen and serialized once.
        let sample: string | undefined;
        for (const client of clients) {
          // A slow client's batch would be dropped anyway: not even chosen and serialized.
          if (client.socket.bufferedAmount > SLOW_BYTES) {
            client.dropped++;
            dropped++;
            continue;
          }
          const everyone = !client.types && client.cards.size === 0;
          if (everyone && sample !== undefined) {
            send(client, sample, true);
            continue;
          }
          const chosen = chooseEvents(batch, streamedCount, client);
          if (chosen.length === 0) continue;
          const text = message(chosen);
          if (everyone) sample = text;
          send(client, text, true);
        }
      });
  };
  follow();
  live.runChanged$.subscribe(() => {
    follow();
    const text = JSON.stringify(hello(live));
    for (const client of clients) send(client, text, false);
  });
  live.clockChanged$.subscribe(() => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ type: 'clock', clock: clockView(live) });
    for (const client of clients) send(client, text, false);
  });

  // One summary per tick for every client: the work does not grow with the number of clients.
  const tick = setInterval(() => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ type: 'tick', ...fleetSummary(live), mode: live.mode });
    for (const client of clients) send(client, text, true);
  }, options.tickMs ?? 250);
  app.addHook('onClose', async () => {
    clearInterval(tick);
    events?.unsubscribe();
    for (const client of clients) client.socket.close(1001, 'server closing');
  });

  const refuse = (client: Client, message: string) =>
    sendJson(client, { type: 'error', error: { code: 'InvalidArgument', message } }, false);

  app.get('/ws', { websocket: true }, (socket) => {
    const client: Client = { socket, types: undefined, cards: new Set(), dropped: 0 };
    clients.add(client);
    socket.on('close', () => clients.delete(client));
    socket.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(String(data));
      } catch {
        refuse(client, 'messages are JSON');
        return;
      }
      const {
        type,
        events: types,
        cards,
      } = (message ?? {}) as {
        type?: unknown;
        events?: unknown;
        cards?: unknown;
      };
      if (type !== 'subscribe') {
        refuse(client, `unknown message type ${JSON.stringify(type)} (send subscribe)`);
        return;
      }
      const isStrings = (value: unknown): value is string[] =>
        Array.isArray(value) && value.every((item) => typeof item === 'string');
      if (types !== undefined && !isStrings(types)) {
        refuse(client, 'subscribe: events is a list of event types, e.g. ["card.status"]');
        return;
      }
      if (cards !== undefined && (!isStrings(cards) || cards.length > MAX_SUBSCRIBED_CARDS)) {
        refuse(client, `subscribe: cards is a list of at most ${MAX_SUBSCRIBED_CARDS} ICCIDs or MSISDNs`);
        return;
      }
      if (types !== undefined) client.types = types.length > 0 ? new Set(types) : undefined;
      const unknown: string[] = [];
      if (cards !== undefined) {
        // MSISDNs are followed as the ICCIDs events name.
        client.cards = new Set();
        for (const ref of cards) {
          const card = live.world.findCard(ref);
          if (card) client.cards.add(card.iccid);
          else unknown.push(ref);
        }
      }
      sendJson(
        client,
        {
          type: 'subscribed',
          events: client.types ? [...client.types] : 'all',
          cards: [...client.cards],
          ...(unknown.length > 0 ? { unknownCards: unknown } : {}),
        },
        false,
      );
    });
    sendJson(client, hello(live), false);
  });

  return {
    stats: () => ({
      clients: clients.size,
      slow: [...clients].filter((client) => client.socket.bufferedAmount > SLOW_BYTES).length,
      dropped,
      closedBehind,
    }),
  };
}

function hello(live: LiveRun) {
  return { type: 'hello', run: runView(live), clock: clockView(live), stats: fleetSummary(live) };
}

const cardOf = (event: SimEvent): string =>
  (event.payload as { card?: string } | null)?.card ?? event.subject;

/**
 * Every event (of any type) of the cards a client follows, and a bounded sample of the streamed
 * events of the rest; both narrowed to the client's event types when it chose some. Indexes into the
 * batch, in the order the events happened.
 */
function chooseEvents(batch: readonly SimEvent[], streamedCount: number, client: Client): number[] {
  const { types, cards } = client;
  const followed = (event: SimEvent) => cards.size > 0 && cards.has(cardOf(event));
  const candidate = (event: SimEvent) => STREAMED.has(event.type) && !followed(event);
  let candidates = streamedCount;
  if (types || cards.size > 0) {
    candidates = 0;
    for (const event of batch) if ((!types || types.has(event.type)) && candidate(event)) candidates++;
  }
  const step = Math.max(1, Math.ceil(candidates / SAMPLE_PER_BATCH));
  const chosen: number[] = [];
  let seen = 0;
  let sampled = 0;
  batch.forEach((event, i) => {
    if (types && !types.has(event.type)) return;
    if (followed(event)) chosen.push(i);
    else if (candidate(event) && seen++ % step === 0 && sampled < SAMPLE_PER_BATCH) {
      chosen.push(i);
      sampled++;
    }
  });
  return chosen;
}

function eventView(event: SimEvent, at: string) {
  return {
    t: event.t,
    at,
    seq: event.seq,
    type: event.type,
    subject: event.subject,
    payload: event.payload,
  };
}
