// Growable typed-array columns: per-card state kept compactly, one number per card per column,
// so a million cards cost a few megabytes per column and the garbage collector has nothing to trace.

export class Float64Column {
  private data: Float64Array;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  get(i: number): number {
    // A bounds test rather than `data[i] ?? 0`: V8 merged that miss (undefined) with the double and
    // boxed every value read, in loops that read several columns per card per day.
    const data = this.data;
    return i >= 0 && i < data.length ? data[i]! : 0;
  }
  set(i: number, value: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    this.data[i] = value;
  }
  add(i: number, value: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    this.data[i]! += value;
  }
  /** The backing array, valid until the next growth; for bulk loops. */
  get array(): Float64Array {
    return this.data;
  }
  ensure(size: number): void {
    if (size > this.data.length) this.grow(size);
  }
  fill(value: number): void {
    this.data.fill(value);
  }
  /** A copy of the values (for snapshots). */
  save(): Float64Array {
    return this.data.slice();
  }
  restore(values: Float64Array): void {
    this.data = values.slice();
  }
  private grow(size: number): void {
    const next = new Float64Array(Math.max(size, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

export class Int32Column {
  private data: Int32Array;
  constructor(
    capacity = 1024,
    private readonly initial = 0,
  ) {
    this.data = new Int32Array(capacity).fill(initial);
  }
  get(i: number): number {
    const data = this.data;
    return i >= 0 && i < data.length ? data[i]! : this.initial;
  }
  set(i: number, value: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    this.data[i] = value;
  }
  get array(): Int32Array {
    return this.data;
  }
  /** A copy of the values (for snapshots). */
  save(): Int32Array {
    return this.data.slice();
  }
  restore(values: Int32Array): void {
    this.data = values.slice();
  }
  ensure(size: number): void {
    if (size > this.data.length) this.grow(size);
  }
  private grow(size: number): void {
    const next = new Int32Array(Math.max(size, this.data.length * 2)).fill(this.initial);
    next.set(this.data);
    this.data = next;
  }
}

export class Uint8Column {
  private data: Uint8Array;
  constructor(
    capacity = 1024,
    private readonly initial = 0,
  ) {
    this.data = new Uint8Array(capacity).fill(initial);
  }
  get(i: number): number {
    const data = this.data;
    return i >= 0 && i < data.length ? data[i]! : this.initial;
  }
  set(i: number, value: number): void {
    if (i >= this.data.length) this.grow(i + 1);
    this.data[i] = value;
  }
  /** The backing array, valid until the next growth; for bulk loops. */
  get array(): Uint8Array {
    return this.data;
  }
  ensure(size: number): void {
    if (size > this.data.length) this.grow(size);
  }
  private grow(size: number): void {
    const next = new Uint8Array(Math.max(size, this.data.length * 2)).fill(this.initial);
    next.set(this.data);
    this.data = next;
  }
}
