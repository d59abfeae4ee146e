// A binary min-heap of timer entries keyed by (time, seq), kept in parallel typed arrays.
//
// Why typed arrays and not one small object per entry: in a prototype of bench/scheduler.ts with
// 1,000,000 random timers, entry objects plus a Map for cancel took ~1.45 s and ~450 MB RSS;
// parallel typed arrays holding (time, seq, slot) took ~0.35-0.45 s and ~200 MB. Sifting copies
// three numbers instead of chasing pointers, and the garbage collector has nothing to trace.
// Also tried, no faster here: one interleaved array (stride 3), and bottom-up (Floyd) pops.
//
// The heap knows nothing about callbacks or ids: each entry carries a `slot`, an index the owner
// (sim/time/scheduler.ts) uses to find the callback and to tell live entries from cancelled ones.

const initialCapacity = 64;

export class TimerHeap {
  private times = new Float64Array(initialCapacity);
  // Sequence numbers are whole numbers below 2^53, so a Float64Array holds them exactly.
  private seqs = new Float64Array(initialCapacity);
  private slots = new Int32Array(initialCapacity);
  private count = 0;

  get size(): number {
    return this.count;
  }

  // Infinity when empty, so `while (heap.topTime() <= t)` needs no separate emptiness test.
  topTime(): number {
    return this.count > 0 ? this.times[0]! : Infinity;
  }

  // Only meaningful when size > 0.
  topSlot(): number {
    return this.slots[0]!;
  }

  push(time: number, seq: number, slot: number): void {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    // Sift up by moving parents down into the hole, then write the new entry once.
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && seqs[parent]! < seq)) break;
      times[i] = parentTime;
      seqs[i] = seqs[parent]!;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  /** Copies of the entries, in heap order (for snapshots). */
  save(): { times: Float64Array; seqs: Float64Array; slots: Int32Array } {
    return {
      times: this.times.slice(0, this.count),
      seqs: this.seqs.slice(0, this.count),
      slots: this.slots.slice(0, this.count),
    };
  }

  /** Takes entries in heap order, as save() gave them (copied). */
  restore(times: Float64Array, seqs: Float64Array, slots: Int32Array): void {
    if (times.length !== seqs.length || times.length !== slots.length) {
      throw new RangeError('heap arrays differ in length');
    }
    const capacity = Math.max(initialCapacity, times.length);
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.times.set(times);
    this.seqs.set(seqs);
    this.slots.set(slots);
    this.count = times.length;
  }

  /** The time of the entry in a slot (a linear search: for error messages only). */
  timeOfSlot(slot: number): number {
    for (let i = 0; i < this.count; i++) if (this.slots[i] === slot) return this.times[i]!;
    return NaN;
  }

  // Removes the top entry; read it first with topTime()/topSlot().
  pop(): void {
    if (this.count === 0) return;
    const last = --this.count;
    if (last === 0) return;
    this.siftDown(0, this.times[last]!, this.seqs[last]!, this.slots[last]!);
  }

  // Keeps only the entries whose slot passes `keep`, in O(n): filter in place, then rebuild the
  // heap bottom-up (Floyd). The scheduler calls this to drop cancelled entries in bulk.
  retain(keep: (slot: number) => boolean): void {
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = slots[i]!;
      if (!keep(slot)) continue;
      times[kept] = times[i]!;
      seqs[kept] = seqs[i]!;
      slots[kept] = slot;
      kept++;
    }
    this.count = kept;
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i, times[i]!, seqs[i]!, slots[i]!);
  }

  // Places (time, seq, slot) at or below hole `i`, moving smaller children up.
  private siftDown(i: number, time: number, seq: number, slot: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    const n = this.count;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let childTime = times[child]!;
      const right = child + 1;
      if (right < n) {
        const rightTime = times[right]!;
        if (rightTime < childTime || (rightTime === childTime && seqs[right]! < seqs[child]!)) {
          child = right;
          childTime = rightTime;
        }
      }
      if (time < childTime || (time === childTime && seq < seqs[child]!)) break;
      times[i] = childTime;
      seqs[i] = seqs[child]!;
      slots[i] = slots[child]!;
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    this.times = times;
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const slots = new Int32Array(capacity);
    slots.set(this.slots);
    this.slots = slots;
  }
}
