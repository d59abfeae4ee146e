// A running hash over a run's event stream: after any prefix of events it names that prefix exactly.
//
// Lines go into SHA-256 in chunks of CHUNK_LINES; each chunk's hash starts with the previous chunk's
// digest (a chain). The state to save is then small and plain, the chain digest and the lines of the
// unfinished chunk, so a snapshot (rewind, restart) carries the hash on exactly where it was, and
// where snapshots are taken does not change the hash. node:crypto is pure computation, allowed in sim/.
//
// The unfinished chunk is kept as the bytes it hashes to (UTF-8, a newline after each line) in a
// buffer outside the JavaScript heap, and goes into SHA-256 when it is full or when the hash is read
// (a recorder reads it after every event). SHA-256 of a text does not depend on how it is fed in.
// Why: kept as strings, the last thousand event lines outlived the young generation and were
// promoted, an eighth of everything the collector promoted in a large run; and two calls into
// node:crypto per event became one per chunk.
import { Buffer } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';

const CHUNK_LINES = 1024;
const GENESIS = 'cardtwin-run-hash-v1';
const NEWLINE = 10;

export interface RunHashState {
  readonly chain: string;
  readonly pending: readonly string[];
  readonly count: number;
}

export class RunHash {
  private chain = GENESIS;
  /** The chain digest and the first `fedBytes` of the chunk; the rest goes in when needed. */
  private hash: Hash = createHash('sha256').update(GENESIS);
  private chunk = Buffer.alloc(256 * 1024);
  private chunkBytes = 0;
  private chunkLines = 0;
  private fedBytes = 0;
  private lines = 0;

  update(line: string): void {
    this.append(line);
    this.endLine();
  }

  /** The same as update(the line these bytes encode in UTF-8), without the string. */
  updateBytes(line: Uint8Array): void {
    const room = this.chunkBytes + line.length + 1;
    if (room > this.chunk.length) this.grow(room);
    this.chunk.set(line, this.chunkBytes);
    this.chunkBytes += line.length;
    this.newline();
    this.endLine();
  }

  private endLine(): void {
    this.lines++;
    if (this.chunkLines === CHUNK_LINES) {
      this.feed();
      this.chain = this.hash.digest('hex');
      this.hash = createHash('sha256').update(this.chain);
      this.chunkBytes = 0;
      this.chunkLines = 0;
      this.fedBytes = 0;
    }
  }

  /** How many lines have gone in. */
  get count(): number {
    return this.lines;
  }

  /** The hash of everything so far, as hex; the running hash goes on unchanged. */
  hex(): string {
    this.feed();
    return this.hash.copy().digest('hex');
  }

  save(): RunHashState {
    const text = this.chunk.toString('utf8', 0, this.chunkBytes);
    // Canonical lines never hold a raw newline (JSON escapes it), so the newlines split them back.
    const pending = text === '' ? [] : text.slice(0, -1).split('\n');
    return { chain: this.chain, pending, count: this.lines };
  }

  static restore(state: RunHashState): RunHash {
    const restored = new RunHash();
    restored.chain = state.chain;
    restored.hash = createHash('sha256').update(state.chain);
    for (const line of state.pending) restored.append(line);
    restored.lines = state.count;
    return restored;
  }

  /** A line and its newline onto the chunk. */
  private append(line: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    const room = this.chunkBytes + line.length * 3 + 1;
    if (room > this.chunk.length) this.grow(room);
    this.chunkBytes += this.chunk.write(line, this.chunkBytes, 'utf8');
    this.newline();
  }

  /** Ends the chunk's current line (room for it is already made). */
  private newline(): void {
    this.chunk[this.chunkBytes++] = NEWLINE;
    this.chunkLines++;
  }

  /** The chunk so far into the hash, each byte once. */
  private feed(): void {
    if (this.fedBytes === this.chunkBytes) return;
    this.hash.update(this.chunk.subarray(this.fedBytes, this.chunkBytes));
    this.fedBytes = this.chunkBytes;
  }

  private grow(bytes: number): void {
    const chunk = Buffer.alloc(Math.max(bytes, this.chunk.length * 2));
    this.chunk.copy(chunk, 0, 0, this.chunkBytes);
    this.chunk = chunk;
  }
}
