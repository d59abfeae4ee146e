// C8 "Exported Files": the export jobs of a world and the files they made, listed, found, run and
// deleted. Backs POST/GET /api/exports, GET /api/exports/:id/download (the server reads the file from
// its own sink), DELETE /api/exports/:id, the scenario operation `export` and the `export:` expectation.
//
// Decisions: a file is found by its id (`1`, `2`, … in the order started) or by its name, with or
// without `.csv`, in any case. Names are unique (case-insensitively); a name the user gives that is
// taken is refused with InvalidFileName (file-name.ts). A failed job stays listed, with its error, until
// deleted; deleting a running job stops it. Starting a job that is refused registers nothing.
import { TwinError } from '../errors.ts';
import type { ExportArgs } from '../scenario/types-operations.ts';
import type { SimTime } from '../time/calendar.ts';
import type { World } from '../world.ts';
import {
  ExportJob,
  type ExportJobOptions,
  type ExportProgress,
  type ExportSink,
  type ExportStatus,
} from './export-job.ts';
import { EXPORT_EXTENSION, exportFileName, fileNameKey } from './file-name.ts';

export interface ExportedFile {
  readonly id: string;
  readonly name: string;
  readonly createdAt: SimTime;
  readonly finishedAt: SimTime | null;
  readonly status: ExportStatus;
  /** Cards selected: the rows the file has when done. */
  readonly cards: number;
  /** Card rows written so far (the header not counted): all of them once done. */
  readonly rows: number;
  readonly sizeBytes: number;
  readonly months: number;
  readonly daily: boolean;
  readonly error: string | null;
}

/** A finished job as a snapshot keeps it: what the list shows, with the file left in the sink. */
export interface ExportRecord {
  readonly name: string;
  readonly createdAt: SimTime;
  readonly finishedAt: SimTime | null;
  readonly status: ExportStatus;
  readonly totalRows: number;
  readonly rowsWritten: number;
  readonly bytesWritten: number;
  readonly args: ExportArgs;
  readonly error: string | null;
}

export interface ExportedFilesState {
  readonly files: readonly (ExportRecord & { readonly id: string })[];
  readonly nextId: number;
}

export class ExportedFiles {
  private readonly jobs: { id: string; job: ExportJob | ExportRecord }[] = [];
  private nextId = 1;

  constructor(
    readonly sink: ExportSink,
    private readonly options: ExportJobOptions = {},
  ) {}

  /** Starts an export (C8); refused with InvalidFileName, InvalidArgument or ExportTooLarge. */
  start(world: World, args: ExportArgs): ExportJob {
    const name = exportFileName(
      args.fileName,
      world.now(),
      (candidate) => this.find(candidate) !== undefined,
    );
    const job = new ExportJob(world, this.sink, name, args, this.options);
    this.jobs.push({ id: String(this.nextId++), job });
    return job;
  }

  /** The files as records (for snapshots). Jobs run to their end when started, so none is running. */
  save(): ExportedFilesState {
    const files = this.jobs.map(({ id, job }) => {
      if (job.status === 'running')
        throw new TwinError('InvalidArgument', `export ${job.name} is still running`);
      const { name, createdAt, finishedAt, status, totalRows, rowsWritten, bytesWritten, args, error } = job;
      return { id, name, createdAt, finishedAt, status, totalRows, rowsWritten, bytesWritten, args, error };
    });
    return { files, nextId: this.nextId };
  }

  restore(state: ExportedFilesState): void {
    this.jobs.splice(0, this.jobs.length, ...state.files.map(({ id, ...job }) => ({ id, job })));
    this.nextId = state.nextId;
  }

  /** Every file, oldest first. */
  list(): ExportedFile[] {
    return this.jobs.map(({ id, job }) => describe(id, job));
  }

  get(ref: string): ExportedFile | undefined {
    const found = this.find(ref);
    return found && describe(found.id, found.job);
  }

  job(ref: string): ExportJob | undefined {
    const job = this.find(ref)?.job;
    return job instanceof ExportJob ? job : undefined;
  }

  /** Deletes a file (and stops its job if running); InvalidArgument when there is no such file. */
  delete(ref: string): ExportedFile {
    const found = this.find(ref);
    if (!found) throw new TwinError('InvalidArgument', `no exported file ${JSON.stringify(ref)}`);
    const { id, job } = found;
    // A running job removes its partial file as it stops; a failed one has removed it already.
    if (job instanceof ExportJob && job.status === 'running') job.cancel();
    else if (job.status === 'done') this.sink.remove(job.name);
    this.jobs.splice(this.jobs.indexOf(found), 1);
    return describe(id, job);
  }

  /** Runs up to maxRows rows of the running jobs, oldest job first (a server's slice of work). */
  step(maxRows: number): ExportProgress[] {
    let left = maxRows;
    const progress: ExportProgress[] = [];
    for (const { job } of this.jobs) {
      if (left <= 0) break;
      if (!(job instanceof ExportJob) || job.status !== 'running') continue;
      const before = job.rowsWritten;
      progress.push(job.step(left));
      left -= Math.max(1, job.rowsWritten - before);
    }
    return progress;
  }

  get running(): boolean {
    return this.jobs.some(({ job }) => job.status === 'running');
  }

  private find(ref: string): { id: string; job: ExportJob | ExportRecord } | undefined {
    const byId = this.jobs.find((entry) => entry.id === ref);
    if (byId) return byId;
    const key = fileNameKey(ref);
    const withExtension = key.endsWith(EXPORT_EXTENSION) ? key : `${key}${EXPORT_EXTENSION}`;
    return this.jobs.find(({ job }) => fileNameKey(job.name) === withExtension);
  }
}

function describe(id: string, job: ExportJob | ExportRecord): ExportedFile {
  return {
    id,
    name: job.name,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    status: job.status,
    cards: job.totalRows,
    rows: job.rowsWritten,
    sizeBytes: job.bytesWritten,
    months: job.args.months,
    daily: job.args.daily,
    error: job.error,
  };
}
