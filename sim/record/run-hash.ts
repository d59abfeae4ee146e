// A running hash over a run's event stream: after any prefix of events it names that prefix exactly.
//
// Lines go into SHA-256 in chunks of CHUNK_LINES; each chunk's hash starts with the previous chunk's
// digest (a chain). The state to save is then small and plain, the chain digest and the lines of the
// unfinished chunk, so a snapshot (rewind, restart) carries the hash on exactly where it was, and
// where snapshots are taken does not change the hash. node:crypto is pure computation, allowed in sim/.
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
  private hash: Hash = createHash('sha256').update(GENESIS);
  private pending: string[] = [];
  private lines = 0;

  update(line: string): void {
    this.hash.update(line);
    this.hash.update('\n');
    this.pending.push(line);
    this.lines++;
    if (this.pending.length === CHUNK_LINES) {
      this.chain = this.hash.digest('hex');
      this.hash = createHash('sha256').update(this.chain);
      this.pending = [];
    }
  }

  /** How many lines have gone in. */
  get count(): number {
    return this.lines;
  }

  /** The hash of everything so far, as hex; the running hash goes on unchanged. */
  hex(): string {
    return this.hash.copy().digest('hex');
  }

  save(): RunHashState {
    return { chain: this.chain, pending: [...this.pending], count: this.lines };
  }

  static restore(state: RunHashState): RunHash {
    const restored = new RunHash();
    restored.chain = state.chain;
    restored.hash = createHash('sha256').update(state.chain);
    for (const line of state.pending) {
      restored.hash.update(line);
      restored.hash.update('\n');
    }
    restored.pending = [...state.pending];
    restored.lines = state.count;
    return restored;
  }
}
