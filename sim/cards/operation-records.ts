// C9: the operation records of every card of a world, kept as columns: a sim time, who, and the
// texts (action, detail, from, to) as numbers in one string table, each card's lines chained in
// order. A card's `records` reads its lines back as objects when someone asks (the console, an
// export, a test); the world itself only ever appends.
//
// Why not an array of objects per card: a year of a million cards is some eight million lines, and
// as objects (with their boxed times, repeated detail texts and each card's array) they took about
// 1.2 KB a card and were a good part of what the garbage collector had to trace; as columns, about
// 30 bytes a line, the texts said once.
import type { Actor as Who } from '../record/event.ts';
import { ChunkedColumn, StringTable } from '../ledger/ledger-store.ts';
import type { Card, OperationRecord } from './card.ts';

const WHO: readonly Who[] = ['user', 'system', 'carrier', 'world'];
const NONE = -1;
/** Detail ids at and below this are positions in `details`, not the string table. */
const DETAIL = -2;

export interface OperationRecordsImage {
  readonly count: number;
  readonly time: Float64Array;
  readonly who: Uint8Array;
  readonly action: Int32Array;
  readonly detail: Int32Array;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly next: Int32Array;
  readonly texts: readonly string[];
  readonly first: Int32Array;
  readonly last: Int32Array;
}

export class OperationRecords {
  private count = 0;
  private readonly time = new ChunkedColumn((n) => new Float64Array(n));
  private readonly who = new ChunkedColumn((n) => new Uint8Array(n));
  private readonly action = new ChunkedColumn((n) => new Int32Array(n));
  private readonly detail = new ChunkedColumn((n) => new Int32Array(n));
  private readonly from = new ChunkedColumn((n) => new Int32Array(n));
  private readonly to = new ChunkedColumn((n) => new Int32Array(n));
  /** The card's next line, or NONE. */
  private readonly next = new ChunkedColumn((n) => new Int32Array(n));
  private readonly texts = new StringTable();
  /**
   * Detail texts written since the last restore, by -2 - their id in the detail column: most are said
   * once (an IMEI, an amount), so looking each up in the string table only grew its map, a tenth of a
   * card's purchase. Snapshots still carry every text in the table (save()).
   */
  private details: string[] = [];
  /** First and last line of each card, by card index; NONE for a card with none yet. */
  private first = new Int32Array(1024).fill(NONE);
  private last = new Int32Array(1024).fill(NONE);

  /** Append a line to a card's records. */
  add(cardIndex: number, record: OperationRecord): void {
    this.append(cardIndex, record.t, record.by, record.action, record.detail, record.from, record.to);
  }

  /** The same, from the fields: the world's way, which makes no object per line. */
  append(
    cardIndex: number,
    t: number,
    by: Who,
    action: string,
    detail?: string,
    from?: string,
    to?: string,
  ): void {
    const i = this.count++;
    this.time.set(i, t);
    this.who.set(i, WHO.indexOf(by));
    this.action.set(i, this.texts.intern(action));
    this.detail.set(i, detail === undefined ? NONE : DETAIL - this.details.push(detail) + 1);
    this.from.set(i, from === undefined ? NONE : this.texts.intern(from));
    this.to.set(i, to === undefined ? NONE : this.texts.intern(to));
    this.next.set(i, NONE);
    if (cardIndex >= this.first.length) this.grow(cardIndex + 1);
    const last = this.last[cardIndex]!;
    if (last === NONE) this.first[cardIndex] = i;
    else this.next.set(last, i);
    this.last[cardIndex] = i;
  }

  /** A card's lines, oldest first, as new objects. */
  of(cardIndex: number): OperationRecord[] {
    const lines: OperationRecord[] = [];
    for (let i = this.first[cardIndex] ?? NONE; i !== NONE; i = this.next.get(i)) {
      const line: { -readonly [Field in keyof OperationRecord]: OperationRecord[Field] } = {
        t: this.time.get(i),
        by: WHO[this.who.get(i)]!,
        action: this.texts.text(this.action.get(i)),
      };
      const detail = this.detail.get(i);
      if (detail !== NONE)
        line.detail = detail <= DETAIL ? this.details[DETAIL - detail]! : this.texts.text(detail);
      const from = this.from.get(i);
      if (from !== NONE) line.from = this.texts.text(from);
      const to = this.to.get(i);
      if (to !== NONE) line.to = this.texts.text(to);
      lines.push(line);
    }
    return lines;
  }

  /** The columns copied (for snapshots, sim/snapshot): typed arrays, texts in id order. */
  save(): OperationRecordsImage {
    const n = this.count;
    const copy = <A extends Float64Array | Int32Array | Uint8Array>(column: ChunkedColumn<A>, into: A): A => {
      for (let i = 0; i < n; i++) into[i] = column.get(i);
      return into;
    };
    // The image keeps its format: every text in one table, details among them.
    const texts = new StringTable();
    for (const text of this.texts.toArray()) texts.intern(text);
    const detail = copy(this.detail, new Int32Array(n));
    for (let i = 0; i < n; i++) {
      const id = detail[i]!;
      if (id <= DETAIL) detail[i] = texts.intern(this.details[DETAIL - id]!);
    }
    return {
      count: n,
      time: copy(this.time, new Float64Array(n)),
      who: copy(this.who, new Uint8Array(n)),
      action: copy(this.action, new Int32Array(n)),
      detail,
      from: copy(this.from, new Int32Array(n)),
      to: copy(this.to, new Int32Array(n)),
      next: copy(this.next, new Int32Array(n)),
      texts: texts.toArray(),
      first: this.first.slice(),
      last: this.last.slice(),
    };
  }

  /** Puts back what save() returned, in place (the world's cards read these columns). */
  restore(image: OperationRecordsImage): void {
    const columns = [this.time, this.who, this.action, this.detail, this.from, this.to, this.next] as const;
    const values = [image.time, image.who, image.action, image.detail, image.from, image.to, image.next];
    columns.forEach((column, c) => {
      column.clear();
      const source = values[c]!;
      for (let i = 0; i < image.count; i++) column.set(i, source[i]!);
    });
    this.texts.clear();
    for (const text of image.texts) this.texts.intern(text);
    this.details = [];
    this.count = image.count;
    this.first = image.first.slice();
    this.last = image.last.slice();
  }

  private grow(cards: number): void {
    const size = Math.max(cards, this.first.length * 2);
    const first = new Int32Array(size).fill(NONE);
    first.set(this.first);
    this.first = first;
    const last = new Int32Array(size).fill(NONE);
    last.set(this.last);
    this.last = last;
  }
}

/**
 * The prototype of a world's cards: `records` reads the card's lines from the world's columns. On the
 * prototype rather than on each card, so a card carries no closure for it and stays a plain object
 * to everything that reads its fields.
 */
export function cardPrototype(records: OperationRecords): object {
  return Object.create(Object.prototype, {
    records: {
      get(this: Card): OperationRecord[] {
        return records.of(this.index);
      },
      enumerable: false,
      configurable: false,
    },
  }) as object;
}
