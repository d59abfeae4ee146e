// C8: an export of card details as a job. Starting it selects the cards (the filter of C2), refuses
// more than the limit (ExportTooLarge) before anything is written, opens the file through the sink
// and writes the header; then the rows are written in slices (`step`), so a server can interleave a
// large export with the simulation and its requests, or run it at once (`runToEnd`).
//
// Decisions:
// - The cards exported are those the filter selected when the job started, in creation order; the
//   chosen months (the last N ending with the month the job started in) are fixed then too. Each row
//   shows its card as it is when its slice runs; a scenario runs a job to its end in one sim instant,
//   so there every row shows the same moment.
// - sim/ does no I/O: the file is written through an injected ExportSink; cli/ and server/ give one
//   writing to their exported-files folder, tests and scenario runs the in-memory one (memory-sink.ts).
// - The limit is a parameter (default 500,000, C8) so that the refusal is tested on a small world:
//   the check is on the number of cards selected, counted in one pass that keeps at most `limit` card
//   indexes, whatever the limit.
// - A write that fails marks the job failed with the error's message and removes the partial file.
// - The job emits no events: when a server runs slices is a matter of wall time, and the run hash must
//   not depend on it. The operation that starts a job may record that it did.
import { TwinError } from '../errors.ts';
import { compileFilter } from '../queries/cardFilter.ts';
import { UsageReader } from '../queries/usage.ts';
import type { ExportArgs } from '../scenario/types-operations.ts';
import type { ExportStatus } from '../scenario/types-expectations.ts';
import { monthIndex, type SimTime } from '../time/calendar.ts';
import type { World } from '../world.ts';
import { CSV_BOM, csvRecord, utf8Length } from './csv.ts';
import { cardCells, exportLayout, headerOf, type ExportLayout } from './export-columns.ts';

export type { ExportArgs, ExportStatus };

/** C8: at most this many cards per export. */
export const EXPORT_MAX_CARDS = 500_000;
export const MAX_EXPORT_MONTHS = 6;
/** Rows per slice when running to the end. */
export const DEFAULT_SLICE_ROWS = 2_000;

/** Where exported files go: a folder (cli/, server/) or memory (tests, scenario runs). */
export interface ExportSink {
  /** Opens a new file of that name in the store (names are checked by file-name.ts first). */
  create(name: string): ExportWriter;
  /** Removes the file; a file that is not there is no error. */
  remove(name: string): void;
}

export interface ExportWriter {
  write(chunk: string): void;
  close(): void;
}

export interface ExportJobOptions {
  /** Default EXPORT_MAX_CARDS. */
  readonly maxCards?: number;
}

export interface ExportProgress {
  readonly status: ExportStatus;
  /** Card rows written (the header not counted). */
  readonly rowsWritten: number;
  readonly totalRows: number;
  /** UTF-8 bytes written, BOM and header included. */
  readonly bytesWritten: number;
}

/** The months an export may cover: 1 to 6 (C8). */
export function checkExportArgs(args: ExportArgs): void {
  if (!Number.isInteger(args.months) || args.months < 1 || args.months > MAX_EXPORT_MONTHS) {
    throw new TwinError(
      'InvalidArgument',
      `months must be a whole number from 1 to ${MAX_EXPORT_MONTHS} (the last months of traffic), got ${String(args.months)}`,
    );
  }
}

const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/** The selected cards' indexes, refusing more than `maxCards` (counted exactly, kept at most maxCards). */
function selectCards(world: World, args: ExportArgs, maxCards: number): Int32Array {
  const compiled = compileFilter(world, args.filter);
  const kept = new Int32Array(Math.min(maxCards, compiled.candidates.length));
  let selected = 0;
  for (const card of compiled.candidates) {
    if (!compiled.test(card)) continue;
    if (selected < kept.length) kept[selected] = card.index;
    selected++;
  }
  if (selected > maxCards) {
    throw new TwinError(
      'ExportTooLarge',
      `the filter selects ${thousands(selected)} cards; an export holds at most ${thousands(maxCards)} (C8): narrow the filter`,
    );
  }
  return kept.subarray(0, selected);
}

export class ExportJob {
  readonly createdAt: SimTime;
  readonly layout: ExportLayout;
  readonly totalRows: number;
  status: ExportStatus = 'running';
  rowsWritten = 0;
  bytesWritten = 0;
  /** Why the job failed, when it did. */
  error: string | null = null;
  finishedAt: SimTime | null = null;
  private writer: ExportWriter | null;
  private readonly cards: Int32Array;

  /** Checks, selects and opens the file; throws (InvalidArgument, ExportTooLarge) with nothing written. */
  constructor(
    private readonly world: World,
    private readonly sink: ExportSink,
    readonly name: string,
    readonly args: ExportArgs,
    options: ExportJobOptions = {},
  ) {
    checkExportArgs(args);
    this.createdAt = world.now();
    this.cards = selectCards(world, args, options.maxCards ?? EXPORT_MAX_CARDS);
    this.totalRows = this.cards.length;
    this.layout = exportLayout(monthIndex(this.createdAt), args.months, args.daily);
    this.writer = sink.create(name);
    this.write(CSV_BOM + csvRecord(headerOf(this.layout)));
    if (this.totalRows === 0) this.finish();
  }

  get progress(): ExportProgress {
    return {
      status: this.status,
      rowsWritten: this.rowsWritten,
      totalRows: this.totalRows,
      bytesWritten: this.bytesWritten,
    };
  }

  /** Writes up to maxRows more rows; done when none are left. */
  step(maxRows: number = DEFAULT_SLICE_ROWS): ExportProgress {
    if (this.status !== 'running') return this.progress;
    const usage = new UsageReader(this.world);
    const end = Math.min(this.totalRows, this.rowsWritten + Math.max(1, Math.floor(maxRows)));
    let chunk = '';
    for (let i = this.rowsWritten; i < end; i++) {
      const card = this.world.cards[this.cards[i]!]!;
      chunk += csvRecord(cardCells(this.world, card, this.layout, usage));
    }
    if (!this.write(chunk)) return this.progress;
    this.rowsWritten = end;
    if (end === this.totalRows) this.finish();
    return this.progress;
  }

  runToEnd(sliceRows: number = DEFAULT_SLICE_ROWS): ExportProgress {
    while (this.status === 'running') this.step(sliceRows);
    return this.progress;
  }

  /** Stops a running job and removes its partial file (Exported Files: delete while running). */
  cancel(): void {
    if (this.status !== 'running') return;
    this.fail('canceled');
  }

  private write(chunk: string): boolean {
    try {
      this.writer?.write(chunk);
      this.bytesWritten += utf8Length(chunk);
      return true;
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  private finish(): void {
    try {
      this.writer?.close();
      this.writer = null;
      this.status = 'done';
      this.finishedAt = this.world.now();
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  private fail(message: string): void {
    this.status = 'failed';
    this.error = message;
    this.finishedAt = this.world.now();
    try {
      this.writer?.close();
    } catch {
      // The file is being removed anyway.
    }
    this.writer = null;
    try {
      this.sink.remove(this.name);
    } catch {
      // Nothing more to do: the job already says it failed and why.
    }
  }
}
