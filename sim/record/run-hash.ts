// A running hash over a run's event stream: after any prefix of events it names that prefix exactly.
//
// Lines go into SHA-256 in chunks of CHUNK_LINES; each chunk's hash starts with the previous chunk's
// digest (a chain). The state to save is then small and plain, the chain digest and the lines of the
// unfinished chunk, so a snapshot (rewind, restart) carries the hash on exactly where it was, and
// where snapshots are taken does not change the hash. node:crypto is pure computation, allowed in sim/.
//
// The lines of a chunk go into SHA-256 together when the chunk is full, or when the hash is read (a
// recorder reads it after every event): SHA-256 of a text does not depend on how it is fed in, and
// one update per chunk instead of two per line saves two calls into node:crypto per event.
import { createHash, type Hash } from 'node:crypto';

const CHUNK_LINES = 1024;
const GENESIS = 'cardtwin-run-hash-v1';

export interface RunHashState {
  readonly chain: string;
  readonly pending: readonly string[];
  readonly count: number;
}

export class RunHash {
  private chain = GENESIS;
  /** The chain digest and the first `fed` pending lines; the others go in when needed. */
  private hash: Hash = createHash('sha256').update(GENESIS);
  private pending: string[] = [];
  private fed = 0;
  private lines = 0;

  update(line: string): void {
    this.pending.push(line);
    this.lines++;
    if (this.pending.length === CHUNK_LINES) {
      this.feed();
      this.chain = this.hash.digest('hex');
      this.hash = createHash('sha256').update(this.chain);
      this.pending = [];
      this.fed = 0;
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

  /** Every pending line into the hash, each once. */
  private feed(): void {
    const pending = this.pending;
    if (this.fed === pending.length) return;
    this.hash.update(chunkText(this.fed === 0 ? pending : pending.slice(this.fed)));
    this.fed = pending.length;
  }

  save(): RunHashState {
    return { chain: this.chain, pending: [...this.pending], count: this.lines };
  }

  static restore(state: RunHashState): RunHash {
    const restored = new RunHash();
    restored.chain = state.chain;
    restored.hash = createHash('sha256').update(state.chain);
    restored.pending = [...state.pending];
    restored.lines = state.count;
    return restored;
  }
}

/** The lines as hashed: each followed by a newline. */
function chunkText(lines: readonly string[]): string {
  return lines.join('\n') + '\n';
}
