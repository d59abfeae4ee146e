// P2: when does a pool run dry today, if its cards go on as planned? The moment is the first session
// time t at which everything its carrying cards send at or before t reaches what the pool has left.
//
// Why not sort every session: a pool of 15,000 trackers has about 1.4 million sessions left in a
// day, and sorting one object per session took seconds a month at 100,000 cards (and grew faster
// than the fleet). Only the moment matters, not which card's session it is, so the sessions are
// summed into time buckets first, and only the one bucket in which the pool crosses is sorted.
// Bytes are whole numbers far below 2^53, so sums are exact in any order and the result is the one
// a full sort would give.
import type { DaySessions } from '../devices/day-traffic.ts';
import { DAY_MS } from '../time/calendar.ts';

// 2^16 ms (about 66 s) per bucket: 1,319 buckets a day.
const BUCKET_SHIFT = 16;
const BUCKETS = Math.ceil(DAY_MS / 2 ** BUCKET_SHIFT);

/** The sessions still to come on one card: from index `from` on, all or only whitelisted ones. */
interface Part {
  sessions: DaySessions;
  from: number;
  whitelistedOnly: boolean;
}

export class PoolCrossing {
  private readonly parts: Part[] = [];
  private partCount = 0;
  private readonly bucketBytes = new Float64Array(BUCKETS);
  private inBucketOffsets = new Int32Array(1024);
  private inBucketBytes = new Float64Array(1024);

  /** Start a new search. */
  clear(): void {
    for (let i = 0; i < this.partCount; i++) this.parts[i]!.sessions = EMPTY;
    this.partCount = 0;
  }

  /** A card's sessions from index `from` on (only whitelisted ones for directional plans). */
  add(sessions: DaySessions, from: number, whitelistedOnly: boolean): void {
    const part = this.parts[this.partCount];
    if (part) {
      part.sessions = sessions;
      part.from = from;
      part.whitelistedOnly = whitelistedOnly;
    } else this.parts.push({ sessions, from, whitelistedOnly });
    this.partCount++;
  }

  /**
   * The offset from 00:00 (ms) of the first session at whose time the sessions added so far reach
   * `remaining` bytes (counting every session at that same time), or -1 if they never do.
   */
  crossingOffsetMs(remaining: number): number {
    const buckets = this.bucketBytes;
    buckets.fill(0);
    let any = false;
    for (let p = 0; p < this.partCount; p++) {
      const { sessions, from, whitelistedOnly } = this.parts[p]!;
      const { offsetMs, bytes, whitelisted } = sessions;
      for (let i = from; i < sessions.count; i++) {
        if (whitelistedOnly && whitelisted[i] !== 1) continue;
        buckets[offsetMs[i]! >> BUCKET_SHIFT]! += bytes[i]!;
        any = true;
      }
    }
    if (!any) return -1;
    // The first bucket that holds a session and brings the running sum to `remaining`.
    let before = 0;
    let bucket = -1;
    for (let b = 0; b < BUCKETS; b++) {
      const sum = buckets[b]!;
      if (sum > 0 && before + sum >= remaining) {
        bucket = b;
        break;
      }
      before += sum;
    }
    if (bucket < 0) return -1;
    // Within that bucket, session by session in time order.
    let n = 0;
    for (let p = 0; p < this.partCount; p++) {
      const { sessions, from, whitelistedOnly } = this.parts[p]!;
      const { offsetMs, bytes, whitelisted } = sessions;
      for (let i = from; i < sessions.count; i++) {
        const offset = offsetMs[i]!;
        const b = offset >> BUCKET_SHIFT;
        // A card's sessions are in time order: past the bucket, nothing more of this card is in it.
        if (b > bucket) break;
        if (b < bucket || (whitelistedOnly && whitelisted[i] !== 1)) continue;
        if (n === this.inBucketOffsets.length) this.grow();
        this.inBucketOffsets[n] = offset;
        this.inBucketBytes[n] = bytes[i]!;
        n++;
      }
    }
    const order = Array.from({ length: n }, (_, i) => i);
    const offsets = this.inBucketOffsets;
    order.sort((a, b) => offsets[a]! - offsets[b]!);
    let used = before;
    for (const i of order) {
      used += this.inBucketBytes[i]!;
      if (used >= remaining) return offsets[i]!;
    }
    return -1;
  }

  private grow(): void {
    const offsets = new Int32Array(this.inBucketOffsets.length * 2);
    offsets.set(this.inBucketOffsets);
    this.inBucketOffsets = offsets;
    const bytes = new Float64Array(this.inBucketBytes.length * 2);
    bytes.set(this.inBucketBytes);
    this.inBucketBytes = bytes;
  }
}

const EMPTY: DaySessions = {
  count: 0,
  offsetMs: new Int32Array(0),
  bytes: new Float64Array(0),
  whitelisted: new Uint8Array(0),
};
