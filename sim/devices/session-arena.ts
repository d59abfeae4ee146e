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
/** Long enough to span a month, so a pool that runs dry monthly finds its room again. */
const KEEP_DAYS = 35;

interface Chunk {
  readonly offsetMs: Int32Array;
  readonly bytes: Float64Array;
  readonly whitelisted: Uint8Array;
}

export class SessionArena {
  /**
   * Kept across resets: a pool that runs dry expands every card of it again the next month, and
   * buffers allocated anew each time made V8 collect the whole heap for the memory outside it
   * (measured at 600,000 cards: 14 of 29 full collections freed nothing, about 330 ms each). But
   * only as many as some day of the last KEEP_DAYS needed: a day with an unusual peak (a usage rule
   * added mid-day re-plans every card it covers) does not hold its memory for good.
   */
  private readonly chunks: Chunk[] = [];
  private current = -1;
  private used = 0;
  /** Chunks each of the last days used, newest last (at most KEEP_DAYS). */
  private readonly recentNeeds: number[] = [];

  take(count: number): SessionColumns {
    let chunk = this.chunks[this.current];
    if (!chunk || this.used + count > chunk.offsetMs.length) chunk = this.nextChunk(count);
    const from = this.used;
    const to = (this.used += count);
    return {
      offsetMs: chunk.offsetMs.subarray(from, to),
      bytes: chunk.bytes.subarray(from, to),
      whitelisted: chunk.whitelisted.subarray(from, to).fill(0),
    };
  }

  /** Everything handed out is free again: only call when none of it is still read (a day's end). */
  reset(): void {
    this.recentNeeds.push(this.current + 1);
    if (this.recentNeeds.length > KEEP_DAYS) this.recentNeeds.shift();
    this.chunks.length = Math.min(this.chunks.length, Math.max(...this.recentNeeds));
    this.current = this.chunks.length > 0 ? 0 : -1;
    this.used = 0;
  }

  /** How many sessions the arena has room for (what it holds outside the heap, in sessions). */
  capacity(): number {
    return this.chunks.reduce((n, chunk) => n + chunk.offsetMs.length, 0);
  }

  // The next kept chunk that fits, or a new one twice as large as the last (up to a limit), so a
  // small world never holds much and a large one soon needs no new chunk at all.
  private nextChunk(count: number): Chunk {
    this.used = 0;
    for (this.current++; this.current < this.chunks.length; this.current++) {
      const kept = this.chunks[this.current]!;
      if (kept.offsetMs.length >= count) return kept;
    }
    const last = this.chunks.at(-1);
    const size = Math.max(count, last ? Math.min(LARGEST_CHUNK, last.offsetMs.length * 2) : FIRST_CHUNK);
    const chunk = {
      offsetMs: new Int32Array(size),
      bytes: new Float64Array(size),
      whitelisted: new Uint8Array(size),
    };
    this.chunks.push(chunk);
    this.current = this.chunks.length - 1;
    return chunk;
  }
}
