// Storage helpers for the ledger: columns of numbers in fixed-size typed-array chunks, and string tables
// that give each distinct card, pool or voucher a small integer.
//
// Why chunks rather than one array that doubles: a year of a million cards is about twelve million lines.
// Doubling would copy the whole column at each growth and hold old and new copies at once (up to three
// times the data at the peak); fixed chunks never copy and waste at most one partly filled chunk.
// Why typed arrays rather than one object per line: about 41 bytes a line instead of a few hundred, and nothing for the
// garbage collector to trace.

const CHUNK_SHIFT = 16;
export const CHUNK_SIZE = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_SIZE - 1;

type NumberArray = Float64Array | Int32Array | Uint8Array;

export class ChunkedColumn<A extends NumberArray> {
  private chunks: A[] = [];
  private readonly make: (length: number) => A;

  constructor(make: (length: number) => A) {
    this.make = make;
  }

  /** Only for indices already set. */
  get(i: number): number {
    return this.chunks[i >>> CHUNK_SHIFT]![i & CHUNK_MASK]!;
  }

  set(i: number, value: number): void {
    const chunk = i >>> CHUNK_SHIFT;
    while (this.chunks.length <= chunk) this.chunks.push(this.make(CHUNK_SIZE));
    this.chunks[chunk]![i & CHUNK_MASK] = value;
  }

  /** The first `length` values as a plain array (for saving). */
  toArray(length: number): number[] {
    const out = new Array<number>(length);
    for (let i = 0; i < length; i++) out[i] = this.get(i);
    return out;
  }

  clear(): void {
    this.chunks = [];
  }
}

/** Interns strings: each distinct text gets the next integer, in order of first appearance. */
export class StringTable {
  private ids = new Map<string, number>();
  private texts: string[] = [];

  get size(): number {
    return this.texts.length;
  }

  intern(text: string): number {
    const known = this.ids.get(text);
    if (known !== undefined) return known;
    const id = this.texts.length;
    this.texts.push(text);
    this.ids.set(text, id);
    return id;
  }

  /** Whether `id` is the id of `text`. */
  holds(id: number, text: string): boolean {
    return id >= 0 && this.texts[id] === text;
  }

  /** The id of `text`, or -1 when it was never interned. */
  find(text: string): number {
    return this.ids.get(text) ?? -1;
  }

  text(id: number): string {
    const text = this.texts[id];
    if (text === undefined) throw new RangeError(`string table: no entry ${id}`);
    return text;
  }

  toArray(): string[] {
    return [...this.texts];
  }

  clear(): void {
    this.ids = new Map();
    this.texts = [];
  }
}

/** A growable Int32Array indexed by a string table's ids (heads and tails of per-card lists). */
export class IdIndex {
  private data = new Int32Array(1024).fill(-1);

  get(id: number): number {
    return id < this.data.length ? this.data[id]! : -1;
  }

  set(id: number, value: number): void {
    if (id >= this.data.length) {
      const next = new Int32Array(Math.max(id + 1, this.data.length * 2)).fill(-1);
      next.set(this.data);
      this.data = next;
    }
    this.data[id] = value;
  }

  clear(): void {
    this.data = new Int32Array(1024).fill(-1);
  }
}
