// Durable truth of a live run (ARCHITECTURE.md, Durable truth): the run's scenario and seed, the
// journal of operations accepted from outside with their sim times, checkpoints (sim time, event
// count, hash) and the clock. SQLite through better-sqlite3 12 under --data-dir; in memory without.
// An operation is acknowledged only after its journal line is written (a synchronous insert).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface JournalEntry {
  readonly seq: number;
  /** Sim time it was applied at. */
  readonly t: number;
  readonly operation: string;
  /** ICCIDs, or null for operations on the world. */
  readonly cards: readonly string[] | null;
  /** The arguments as received (raw JSON): replay parses them again, exactly as the first time. */
  readonly args: unknown;
  readonly by: string;
  /** Where it came from: `rest`, `rpc`, `viewer`. */
  readonly source: string;
}

export interface StoredRun {
  /** The normalized scenario, JSON. */
  readonly scenario: unknown;
  readonly seed: number;
  readonly twinVersion: string;
  readonly createdAt: string;
}

export interface Checkpoint {
  readonly t: number;
  readonly events: number;
  readonly hash: string;
}

export interface RunStore {
  readonly durable: boolean;
  loadRun(): StoredRun | undefined;
  /** A new run: the journal and checkpoints of any earlier run are dropped. */
  startRun(run: StoredRun): void;
  append(entry: Omit<JournalEntry, 'seq'>): JournalEntry;
  /** The journal in order; `skip` and `limit` page it. */
  journal(skip?: number, limit?: number): JournalEntry[];
  /** How many entries the journal holds. */
  journalLength(): number;
  checkpoint(checkpoint: Checkpoint): void;
  checkpoints(): Checkpoint[];
  saveClock(clock: { now: number; mode: string; speedMsPerSecond: number }): void;
  loadClock(): { now: number; mode: string; speedMsPerSecond: number } | undefined;
  close(): void;
}

export class MemoryStore implements RunStore {
  readonly durable = false;
  private run: StoredRun | undefined;
  private entries: JournalEntry[] = [];
  private marks: Checkpoint[] = [];
  private clock: { now: number; mode: string; speedMsPerSecond: number } | undefined;

  loadRun(): StoredRun | undefined {
    return this.run;
  }
  startRun(run: StoredRun): void {
    this.run = run;
    this.entries = [];
    this.marks = [];
    this.clock = undefined;
  }
  append(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const stored = { ...entry, seq: this.entries.length + 1 };
    this.entries.push(stored);
    return stored;
  }
  journal(skip = 0, limit = Infinity): JournalEntry[] {
    return this.entries.slice(skip, skip + limit);
  }
  journalLength(): number {
    return this.entries.length;
  }
  checkpoint(checkpoint: Checkpoint): void {
    this.marks.push(checkpoint);
  }
  checkpoints(): Checkpoint[] {
    return [...this.marks];
  }
  saveClock(clock: { now: number; mode: string; speedMsPerSecond: number }): void {
    this.clock = clock;
  }
  loadClock() {
    return this.clock;
  }
  close(): void {}
}

export class SqliteStore implements RunStore {
  readonly durable = true;
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly setMeta: Database.Statement;
  private readonly count: Database.Statement;
  private readonly page: Database.Statement;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'cardtwin.sqlite'));
    // WAL with synchronous=NORMAL survives a killed process (not a power cut), at a fraction of the
    // cost of FULL; the journal is what must survive, and it does.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS journal (
        seq INTEGER PRIMARY KEY, t INTEGER NOT NULL, operation TEXT NOT NULL, cards TEXT,
        args TEXT NOT NULL, by TEXT NOT NULL, source TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS checkpoints (t INTEGER NOT NULL, events INTEGER NOT NULL, hash TEXT NOT NULL);
    `);
    this.insert = this.db.prepare(
      'INSERT INTO journal (t, operation, cards, args, by, source) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.count = this.db.prepare('SELECT count(*) AS n FROM journal');
    this.page = this.db.prepare('SELECT * FROM journal ORDER BY seq LIMIT ? OFFSET ?');
    this.setMeta = this.db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  loadRun(): StoredRun | undefined {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'run'").get() as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as StoredRun) : undefined;
  }

  startRun(run: StoredRun): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM journal; DELETE FROM checkpoints;');
      this.db.prepare("DELETE FROM meta WHERE key = 'clock'").run();
      this.setMeta.run('run', JSON.stringify(run));
    })();
  }

  append(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const info = this.insert.run(
      entry.t,
      entry.operation,
      entry.cards ? JSON.stringify(entry.cards) : null,
      JSON.stringify(entry.args ?? null),
      entry.by,
      entry.source,
    );
    return { ...entry, seq: Number(info.lastInsertRowid) };
  }

  journal(skip = 0, limit = Infinity): JournalEntry[] {
    const rows = this.page.all(Number.isFinite(limit) ? limit : -1, skip) as {
      seq: number;
      t: number;
      operation: string;
      cards: string | null;
      args: string;
      by: string;
      source: string;
    }[];
    return rows.map((r) => ({
      ...r,
      cards: r.cards ? (JSON.parse(r.cards) as string[]) : null,
      args: JSON.parse(r.args) as unknown,
    }));
  }

  journalLength(): number {
    return (this.count.get() as { n: number }).n;
  }

  checkpoint(checkpoint: Checkpoint): void {
    this.db
      .prepare('INSERT INTO checkpoints (t, events, hash) VALUES (?, ?, ?)')
      .run(checkpoint.t, checkpoint.events, checkpoint.hash);
  }

  checkpoints(): Checkpoint[] {
    return this.db.prepare('SELECT t, events, hash FROM checkpoints ORDER BY t').all() as Checkpoint[];
  }

  saveClock(clock: { now: number; mode: string; speedMsPerSecond: number }): void {
    this.setMeta.run('clock', JSON.stringify(clock));
  }

  loadClock() {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'clock'").get() as
      { value: string } | undefined;
    return row
      ? (JSON.parse(row.value) as { now: number; mode: string; speedMsPerSecond: number })
      : undefined;
  }

  close(): void {
    this.db.close();
  }
}
