// The websocket stream (INTERFACES.md, /ws): hello, ticks, event batches and clock changes, to whoever
// listens. It reconnects by itself (with growing pauses) and sends the subscription again after each
// reconnect. Several views want events: each registers what it needs (event types, cards) and the
// stream subscribes to the union, so the server sends all events of the cards open in details and a
// sample of the rest.
import type { ClockView, FleetSummary, RunView, ServerMessage, StreamEvent } from './types.ts';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface StreamListeners {
  hello?(run: RunView, clock: ClockView, stats: FleetSummary): void;
  tick?(tick: FleetSummary): void;
  events?(events: readonly StreamEvent[], total: number): void;
  clock?(clock: ClockView): void;
  connection?(state: ConnectionState): void;
}

export interface Interest {
  /** Event types; empty means every type the server streams. */
  types: readonly string[];
  cards: readonly string[];
}

export class LiveStream {
  private socket: WebSocket | undefined;
  private readonly listeners = new Set<StreamListeners>();
  private readonly interests = new Map<string, Interest>();
  private retryMs = 500;
  private closedByUs = false;
  private sentSubscription = '';
  state: ConnectionState = 'connecting';

  constructor(private readonly url = streamUrl()) {}

  listen(listener: StreamListeners): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Register (or replace) what one view wants; `undefined` withdraws it. */
  want(key: string, interest: Interest | undefined): void {
    if (interest) this.interests.set(key, interest);
    else this.interests.delete(key);
    this.sendSubscription();
  }

  connect(): void {
    this.closedByUs = false;
    this.setState('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.retryMs = 500;
      this.sentSubscription = '';
      this.setState('open');
      this.sendSubscription();
    });
    socket.addEventListener('message', (message) => this.receive(String(message.data)));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.setState('closed');
      if (!this.closedByUs) {
        window.setTimeout(() => this.connect(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, 10_000);
      }
    });
  }

  close(): void {
    this.closedByUs = true;
    this.socket?.close();
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const l of this.listeners) l.connection?.(state);
  }

  private sendSubscription(): void {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    const types = new Set<string>();
    let allTypes = false;
    const cards = new Set<string>();
    for (const interest of this.interests.values()) {
      if (interest.types.length === 0) allTypes = true;
      for (const type of interest.types) types.add(type);
      for (const card of interest.cards) cards.add(card);
    }
    const message = {
      type: 'subscribe',
      events: allTypes ? [] : [...types].sort(),
      cards: [...cards].sort(),
    };
    const text = JSON.stringify(message);
    if (text === this.sentSubscription) return;
    this.sentSubscription = text;
    this.socket.send(text);
  }

  private receive(text: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    for (const l of this.listeners) {
      switch (message.type) {
        case 'hello':
          l.hello?.(message.run, message.clock, message.stats);
          break;
        case 'tick':
          l.tick?.(message);
          break;
        case 'events':
          l.events?.(message.events, message.total);
          break;
        case 'clock':
          l.clock?.(message.clock);
          break;
        default:
          break;
      }
    }
  }
}

/** ws(s)://<the page's host>/ws */
export function streamUrl(): string {
  const url = new URL('/ws', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
