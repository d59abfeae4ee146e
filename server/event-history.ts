// The last events of the run, for GET /api/events and the viewer's feed: a bounded ring, so a
// long run at a million cards cannot grow the server without end.
import type { Subscription } from 'rxjs';
import type { SimEvent } from '../sim/record/event.ts';
import type { World } from '../sim/world.ts';

export class EventHistory {
  private readonly ring: (SimEvent | undefined)[];
  private next = 0;
  private size = 0;
  private subscription: Subscription | undefined;

  constructor(readonly capacity = 200_000) {
    this.ring = new Array<SimEvent | undefined>(capacity);
  }

  follow(world: World): void {
    this.subscription?.unsubscribe();
    this.next = 0;
    this.size = 0;
    this.ring.fill(undefined);
    this.subscription = world.events$.subscribe((event) => this.push(event));
  }

  private push(event: SimEvent): void {
    this.ring[this.next] = event;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** Matching events, newest first, paged. */
  query(
    filter: { type?: string; card?: string; from?: number; to?: number },
    page: number,
    pageSize: number,
  ) {
    const matches: SimEvent[] = [];
    for (let i = 0; i < this.size; i++) {
      const event = this.ring[(this.next - 1 - i + this.capacity) % this.capacity]!;
      if (filter.type && event.type !== filter.type) continue;
      if (
        filter.card &&
        event.subject !== filter.card &&
        (event.payload as { card?: string }).card !== filter.card
      )
        continue;
      if (filter.from !== undefined && event.t < filter.from) continue;
      if (filter.to !== undefined && event.t >= filter.to) continue;
      matches.push(event);
    }
    return {
      total: matches.length,
      page,
      pageSize,
      kept: this.size,
      items: matches.slice((page - 1) * pageSize, page * pageSize),
    };
  }
}
