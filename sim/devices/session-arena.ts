// Room for a day's expanded sessions (day-traffic.ts daySessions), handed out from a few large typed
// arrays instead of three new ones per card-day. Why: a typed array of more than 64 bytes gets a
// backing store outside the heap, and allocating and collecting those was half of what expanding a
// tracker's day cost (measured: 10.8 µs a day with new arrays, 5.7 µs from an arena). A pool running
// dry expands every card of the pool, 15,000 of them at 100,000 cards.
//
// The sessions handed out stay valid until reset(); their owner resets the arena only when it holds
// none of them any more (the traffic engine, at the end of a day).

/** A day's session columns, each exactly `count` long (views into the arena's chunk). */
export interface SessionColumns {
  readonly offsetMs: Int32Array;
  readonly bytes: Float64Array;
  /** All 0 when handed out. */
  readonly whitelisted: Uint8Array;
}

const FIRST_CHUNK = 1 << 14;
const LARGEST_CHUNK = 1 << 20;

export class SessionArena {
  private offsetMs = new Int32Array(0);
  private bytes = new Float64Array(0);
  private whitelisted = new Uint8Array(0);
  private used = 0;
  private nextChunk = FIRST_CHUNK;

  take(count: number): SessionColumns {
    if (this.used + count > this.offsetMs.length) this.newChunk(count);
    const from = this.used;
    const to = (this.used += count);
    return {
      offsetMs: this.offsetMs.subarray(from, to),
      bytes: this.bytes.subarray(from, to),
      whitelisted: this.whitelisted.subarray(from, to).fill(0),
    };
  }

  /** Everything handed out is free again: only call when none of it is still read. */
  reset(): void {
    this.used = 0;
  }

  // A full chunk is left to the sessions that view it; the next is twice as large (up to a limit),
  // so a small world never holds much and a large one soon needs a new chunk only rarely.
  private newChunk(count: number): void {
    const size = Math.max(count, this.nextChunk);
    this.nextChunk = Math.min(LARGEST_CHUNK, this.nextChunk * 2);
    this.offsetMs = new Int32Array(size);
    this.bytes = new Float64Array(size);
    this.whitelisted = new Uint8Array(size);
    this.used = 0;
  }
}
