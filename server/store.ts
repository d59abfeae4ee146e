// Durable truth of the live twin (ARCHITECTURE.md, Durable truth). Per run: its scenario and seed
// (and, for a fork, where it parted from which run), the journal of operations accepted from outside
// with their sim times, checkpoints (sim time, event count, hash), snapshots of the whole run, and
// the clock. Several runs are kept: starting another or forking keeps the earlier ones, which can be
// opened again. SQLite through better-sqlite3 12 under --data-dir; in memory without.
// An operation is acknowledged only after its journal line is written (a synchronous insert).
//
// Snapshots (server/snapshot-codec.ts) refer to closed days and months of usage by content key; those
// arrays are stored once in `arrays` and dropped when no snapshot refers to them any more.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Reseed } from '../sim/record/reseeds.ts';
import { usageArrayOf, type UsageArray } from './snapshot-codec.ts';

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

/** A fork: the run it parted from, the sim time, and the seed it was given (if any). */
export interface ForkOf {
  readonly run: number;
  readonly at: number;
  readonly seed?: number;
}

export type { Reseed };

export interface StoredRun {
  /** The normalized scenario, JSON. */
  readonly scenario: unknown;
  /** The seed the run started with (a fork keeps its parent's until `forkOf.at`). */
  readonly seed: number;
  readonly twinVersion: string;
  readonly createdAt: string;
  readonly forkOf?: ForkOf;
  /** A fork's seeds after the first, with their moments (its parents' and its own). */
  readonly reseeds?: readonly Reseed[];
}

export interface RunSummary extends StoredRun {
  readonly id: number;
}

export interface Checkpoint {
  readonly t: number;
  readonly events: number;
  readonly hash: string;
}

export interface StoredClock {
  readonly now: number;
  readonly mode: string;
  readonly speedMsPerSecond: number;
}

export interface SnapshotRow extends Checkpoint {
  /** The run state, encoded (snapshot-codec.ts). */
  readonly data: Buffer;
  /** Keys of the shared arrays it refers to. */
  readonly arrays: readonly string[];
}

export interface RunStore {
  readonly durable: boolean;
  /** The current run, or undefined when the store holds none. */
  loadRun(): RunSummary | undefined;
  runs(): RunSummary[];
  /** A new run becomes the current one; earlier runs are kept. Returns its id. */
  startRun(run: StoredRun): number;
  /** A fork of the current run at sim time `at`: its journal and snapshots up to then, copied. */
  forkRun(run: StoredRun & { forkOf: ForkOf }): number;
  /** Another kept run becomes the current one; false when there is none with that id. */
  openRun(id: number): boolean;
  append(entry: Omit<JournalEntry, 'seq'>): JournalEntry;
  /** The current run's journal in order; `skip` and `limit` page it. */
  journal(skip?: number, limit?: number): JournalEntry[];
  /** How many entries the journal holds. */
  journalLength(): number;
  checkpoint(checkpoint: Checkpoint): void;
  checkpoints(): Checkpoint[];
  saveClock(clock: StoredClock): void;
  loadClock(): StoredClock | undefined;
  /** Keeps a snapshot with the new shared arrays it brings. */
  saveSnapshot(snapshot: SnapshotRow, newArrays: readonly (readonly [string, UsageArray])[]): void;
  /** The latest snapshot at or before sim time t. */
  snapshotAtOrBefore(t: number): SnapshotRow | undefined;
  /** Sim times of the current run's snapshots, oldest first. */
  snapshotTimes(): number[];
  /** Drops snapshots (and the arrays only they referred to). */
  dropSnapshots(times: readonly number[]): void;
  hasArray(key: string): boolean;
  array(key: string): UsageArray | undefined;
  /** Rewinding: the journal, checkpoints and snapshots after sim time t are dropped. */
  truncateAfter(t: number): void;
  close(): void;
}

interface MemoryRun {
  readonly id: number;
  readonly run: StoredRun;
  entries: JournalEntry[];
  marks: Checkpoint[];
  snapshots: SnapshotRow[];
  clock: StoredClock | undefined;
}

export class MemoryStore implements RunStore {
  readonly durable = false;
  private readonly all: MemoryRun[] = [];
  private current: MemoryRun | undefined;
  private readonly arrays = new Map<string, UsageArray>();
  private nextSeq = 1;

  loadRun(): RunSummary | undefined {
    return this.current && { ...this.current.run, id: this.current.id };
  }
  runs(): RunSummary[] {
    return this.all.map((r) => ({ ...r.run, id: r.id }));
  }
  startRun(run: StoredRun): number {
    this.current = { id: this.all.length + 1, run, entries: [], marks: [], snapshots: [], clock: undefined };
    this.all.push(this.current);
    return this.current.id;
  }
  forkRun(run: StoredRun & { forkOf: ForkOf }): number {
    const from = this.mustCurrent();
    const at = run.forkOf.at;
    this.current = {
      id: this.all.length + 1,
      run,
      entries: from.entries.filter((e) => e.t <= at).map((e) => ({ ...e, seq: this.nextSeq++ })),
      marks: from.marks.filter((m) => m.t <= at),
      snapshots: from.snapshots.filter((s) => s.t <= at),
      clock: undefined,
    };
    this.all.push(this.current);
    return this.current.id;
  }
  openRun(id: number): boolean {
    const found = this.all.find((r) => r.id === id);
    if (found) this.current = found;
    return found !== undefined;
  }
  append(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const stored = { ...entry, seq: this.nextSeq++ };
    this.mustCurrent().entries.push(stored);
    return stored;
  }
  journal(skip = 0, limit = Infinity): JournalEntry[] {
    return (this.current?.entries ?? []).slice(skip, skip + limit);
  }
  journalLength(): number {
    return this.current?.entries.length ?? 0;
  }
  checkpoint(checkpoint: Checkpoint): void {
    this.mustCurrent().marks.push(checkpoint);
  }
  checkpoints(): Checkpoint[] {
    return [...(this.current?.marks ?? [])];
  }
  saveClock(clock: StoredClock): void {
    this.mustCurrent().clock = clock;
  }
  loadClock(): StoredClock | undefined {
    return this.current?.clock;
  }
  saveSnapshot(snapshot: SnapshotRow, newArrays: readonly (readonly [string, UsageArray])[]): void {
    for (const [key, values] of newArrays) this.arrays.set(key, values);
    const run = this.mustCurrent();
    run.snapshots = [...run.snapshots.filter((s) => s.t !== snapshot.t), snapshot].sort((a, b) => a.t - b.t);
  }
  snapshotAtOrBefore(t: number): SnapshotRow | undefined {
    return (this.current?.snapshots ?? []).filter((s) => s.t <= t).at(-1);
  }
  snapshotTimes(): number[] {
    return (this.current?.snapshots ?? []).map((s) => s.t);
  }
  dropSnapshots(times: readonly number[]): void {
    const run = this.mustCurrent();
    run.snapshots = run.snapshots.filter((s) => !times.includes(s.t));
    this.collectArrays();
  }
  hasArray(key: string): boolean {
    return this.arrays.has(key);
  }
  array(key: string): UsageArray | undefined {
    return this.arrays.get(key);
  }
  truncateAfter(t: number): void {
    const run = this.mustCurrent();
    run.entries = run.entries.filter((e) => e.t <= t);
    run.marks = run.marks.filter((m) => m.t <= t);
    run.snapshots = run.snapshots.filter((s) => s.t <= t);
    this.collectArrays();
  }
  close(): void {}

  private collectArrays(): void {
    const used = new Set(this.all.flatMap((r) => r.snapshots.flatMap((s) => s.arrays)));
    for (const key of this.arrays.keys()) if (!used.has(key)) this.arrays.delete(key);
  }

  private mustCurrent(): MemoryRun {
    if (!this.current) throw new Error('the store holds no run');
    return this.current;
  }
}

// Version 2 keeps several runs and snapshots; a version 1 data folder (one run, no snapshots) is
// brought forward in place, its run becoming run 1.
const SCHEMA_VERSION = 2;

export class SqliteStore implements RunStore {
  readonly durable = true;
  private readonly db: Database.Database;
  private currentId: number | undefined;
  private readonly insert: Database.Statement;
  private readonly count: Database.Statement;
  private readonly page: Database.Statement;
  private readonly setMeta: Database.Statement;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'cardtwin.sqlite'));
    // WAL with synchronous=NORMAL survives a killed process (not a power cut), at a fraction of the
    // cost of FULL; the journal is what must survive, and it does.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.migrate();
    this.insert = this.db.prepare(
      'INSERT INTO journal (run, t, operation, cards, args, by, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.count = this.db.prepare('SELECT count(*) AS n FROM journal WHERE run = ?');
    this.page = this.db.prepare('SELECT * FROM journal WHERE run = ? ORDER BY seq LIMIT ? OFFSET ?');
    this.setMeta = this.db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    const current = this.db.prepare("SELECT value FROM meta WHERE key = 'current'").get() as
      { value: string } | undefined;
    this.currentId = current ? Number(current.value) : undefined;
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version >= SCHEMA_VERSION) return;
    this.db.transaction(() => {
      const hasJournal = this.db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal'")
        .get();
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, data TEXT NOT NULL, clock TEXT);
        CREATE TABLE IF NOT EXISTS snapshots (
          run INTEGER NOT NULL, t INTEGER NOT NULL, events INTEGER NOT NULL, hash TEXT NOT NULL,
          arrays TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (run, t));
        CREATE TABLE IF NOT EXISTS arrays (key TEXT PRIMARY KEY, data BLOB NOT NULL);
      `);
      if (hasJournal) {
        // Version 1: one run in meta 'run' and 'clock', journal and checkpoints without a run column.
        this.db.exec(`
          ALTER TABLE journal ADD COLUMN run INTEGER NOT NULL DEFAULT 1;
          ALTER TABLE checkpoints ADD COLUMN run INTEGER NOT NULL DEFAULT 1;
        `);
        const meta = (key: string) =>
          (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)
            ?.value;
        const run = meta('run');
        if (run) {
          this.db
            .prepare('INSERT INTO runs (id, data, clock) VALUES (1, ?, ?)')
            .run(run, meta('clock') ?? null);
          this.db.prepare("INSERT INTO meta (key, value) VALUES ('current', '1')").run();
        }
        this.db.exec("DELETE FROM meta WHERE key IN ('run', 'clock')");
      } else {
        this.db.exec(`
          CREATE TABLE journal (
            seq INTEGER PRIMARY KEY, t INTEGER NOT NULL, operation TEXT NOT NULL, cards TEXT,
            args TEXT NOT NULL, by TEXT NOT NULL, source TEXT NOT NULL, run INTEGER NOT NULL DEFAULT 1);
          CREATE TABLE checkpoints (
            t INTEGER NOT NULL, events INTEGER NOT NULL, hash TEXT NOT NULL, run INTEGER NOT NULL DEFAULT 1);
        `);
      }
      this.db.exec('CREATE INDEX IF NOT EXISTS journal_by_run ON journal (run, seq)');
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }

  loadRun(): RunSummary | undefined {
    if (this.currentId === undefined) return undefined;
    const row = this.db.prepare('SELECT data FROM runs WHERE id = ?').get(this.currentId) as
      { data: string } | undefined;
    return row && { ...(JSON.parse(row.data) as StoredRun), id: this.currentId };
  }

  runs(): RunSummary[] {
    const rows = this.db.prepare('SELECT id, data FROM runs ORDER BY id').all() as {
      id: number;
      data: string;
    }[];
    return rows.map((row) => ({ ...(JSON.parse(row.data) as StoredRun), id: row.id }));
  }

  startRun(run: StoredRun): number {
    const info = this.db.prepare('INSERT INTO runs (data) VALUES (?)').run(JSON.stringify(run));
    this.setCurrent(Number(info.lastInsertRowid));
    return this.currentId!;
  }

  forkRun(run: StoredRun & { forkOf: ForkOf }): number {
    const from = this.mustCurrent();
    const at = run.forkOf.at;
    this.db.transaction(() => {
      const info = this.db.prepare('INSERT INTO runs (data) VALUES (?)').run(JSON.stringify(run));
      const id = Number(info.lastInsertRowid);
      this.db
        .prepare(
          `INSERT INTO journal (run, t, operation, cards, args, by, source)
           SELECT ?, t, operation, cards, args, by, source FROM journal WHERE run = ? AND t <= ? ORDER BY seq`,
        )
        .run(id, from, at);
      this.db
        .prepare(
          'INSERT INTO checkpoints (run, t, events, hash) SELECT ?, t, events, hash FROM checkpoints WHERE run = ? AND t <= ?',
        )
        .run(id, from, at);
      this.db
        .prepare(
          'INSERT INTO snapshots (run, t, events, hash, arrays, data) SELECT ?, t, events, hash, arrays, data FROM snapshots WHERE run = ? AND t <= ?',
        )
        .run(id, from, at);
      this.setCurrent(id);
    })();
    return this.currentId!;
  }

  openRun(id: number): boolean {
    if (!this.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(id)) return false;
    this.setCurrent(id);
    return true;
  }

  append(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const info = this.insert.run(
      this.mustCurrent(),
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
    if (this.currentId === undefined) return [];
    const rows = this.page.all(this.currentId, Number.isFinite(limit) ? limit : -1, skip) as {
      seq: number;
      t: number;
      operation: string;
      cards: string | null;
      args: string;
      by: string;
      source: string;
    }[];
    return rows.map(({ seq, t, operation, cards, args, by, source }) => ({
      seq,
      t,
      operation,
      by,
      source,
      cards: cards ? (JSON.parse(cards) as string[]) : null,
      args: JSON.parse(args) as unknown,
    }));
  }

  journalLength(): number {
    if (this.currentId === undefined) return 0;
    return (this.count.get(this.currentId) as { n: number }).n;
  }

  checkpoint(checkpoint: Checkpoint): void {
    this.db
      .prepare('INSERT INTO checkpoints (run, t, events, hash) VALUES (?, ?, ?, ?)')
      .run(this.mustCurrent(), checkpoint.t, checkpoint.events, checkpoint.hash);
  }

  checkpoints(): Checkpoint[] {
    return this.db
      .prepare('SELECT t, events, hash FROM checkpoints WHERE run = ? ORDER BY t')
      .all(this.currentId ?? -1) as Checkpoint[];
  }

  saveClock(clock: StoredClock): void {
    this.db.prepare('UPDATE runs SET clock = ? WHERE id = ?').run(JSON.stringify(clock), this.mustCurrent());
  }

  loadClock(): StoredClock | undefined {
    const row = this.db.prepare('SELECT clock FROM runs WHERE id = ?').get(this.currentId ?? -1) as
      { clock: string | null } | undefined;
    return row?.clock ? (JSON.parse(row.clock) as StoredClock) : undefined;
  }

  saveSnapshot(snapshot: SnapshotRow, newArrays: readonly (readonly [string, UsageArray])[]): void {
    const run = this.mustCurrent();
    const putArray = this.db.prepare('INSERT OR IGNORE INTO arrays (key, data) VALUES (?, ?)');
    this.db.transaction(() => {
      for (const [key, values] of newArrays)
        putArray.run(key, Buffer.from(values.buffer, values.byteOffset, values.byteLength));
      this.db
        .prepare(
          'INSERT OR REPLACE INTO snapshots (run, t, events, hash, arrays, data) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(run, snapshot.t, snapshot.events, snapshot.hash, JSON.stringify(snapshot.arrays), snapshot.data);
    })();
  }

  snapshotAtOrBefore(t: number): SnapshotRow | undefined {
    const row = this.db
      .prepare(
        'SELECT t, events, hash, arrays, data FROM snapshots WHERE run = ? AND t <= ? ORDER BY t DESC LIMIT 1',
      )
      .get(this.currentId ?? -1, t) as
      { t: number; events: number; hash: string; arrays: string; data: Buffer } | undefined;
    return row && { ...row, arrays: JSON.parse(row.arrays) as string[] };
  }

  snapshotTimes(): number[] {
    const rows = this.db
      .prepare('SELECT t FROM snapshots WHERE run = ? ORDER BY t')
      .all(this.currentId ?? -1) as {
      t: number;
    }[];
    return rows.map((r) => r.t);
  }

  dropSnapshots(times: readonly number[]): void {
    const run = this.mustCurrent();
    const drop = this.db.prepare('DELETE FROM snapshots WHERE run = ? AND t = ?');
    this.db.transaction(() => {
      for (const t of times) drop.run(run, t);
      this.collectArrays();
    })();
  }

  hasArray(key: string): boolean {
    return this.db.prepare('SELECT 1 FROM arrays WHERE key = ?').get(key) !== undefined;
  }

  array(key: string): UsageArray | undefined {
    const row = this.db.prepare('SELECT data FROM arrays WHERE key = ?').get(key) as
      { data: Buffer } | undefined;
    // Copied into an array of its own: the Buffer may sit at any offset of a shared pool.
    return row && usageArrayOf(key, row.data);
  }

  truncateAfter(t: number): void {
    const run = this.mustCurrent();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM journal WHERE run = ? AND t > ?').run(run, t);
      this.db.prepare('DELETE FROM checkpoints WHERE run = ? AND t > ?').run(run, t);
      this.db.prepare('DELETE FROM snapshots WHERE run = ? AND t > ?').run(run, t);
      this.collectArrays();
    })();
  }

  close(): void {
    this.db.close();
  }

  private collectArrays(): void {
    this.db.exec(
      'DELETE FROM arrays WHERE key NOT IN (SELECT DISTINCT value FROM snapshots, json_each(snapshots.arrays))',
    );
  }

  private setCurrent(id: number): void {
    this.currentId = id;
    this.setMeta.run('current', String(id));
  }

  private mustCurrent(): number {
    if (this.currentId === undefined) throw new Error('the store holds no run');
    return this.currentId;
  }
}
