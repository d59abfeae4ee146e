// Exported files on disk, in the data folder's exports/ (C8). Names come checked from
// sim/exports/file-name.ts; the path is still resolved and confined here, so that no name can ever
// reach outside the folder.
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { ExportSink, ExportWriter } from '../sim/exports/export-job.ts';

export class FolderSink implements ExportSink {
  readonly folder: string;

  constructor(folder: string) {
    this.folder = resolve(folder);
    mkdirSync(this.folder, { recursive: true });
  }

  /** The file's path, or an error if the name would leave the folder. */
  pathOf(name: string): string {
    const path = resolve(join(this.folder, name));
    if (!path.startsWith(this.folder + sep) || name.includes('/') || name.includes('\\')) {
      throw new Error(`file name ${JSON.stringify(name)} leaves the exports folder`);
    }
    return path;
  }

  create(name: string): ExportWriter {
    const fd = openSync(this.pathOf(name), 'w');
    return {
      write: (chunk: string) => {
        writeSync(fd, chunk);
      },
      close: () => closeSync(fd),
    };
  }

  remove(name: string): void {
    rmSync(this.pathOf(name), { force: true });
  }

  /** A new run starts with no exported files: the last run's are removed (only files, only here). */
  clear(): void {
    for (const entry of readdirSync(this.folder, { withFileTypes: true })) {
      if (entry.isFile()) rmSync(join(this.folder, entry.name), { force: true });
    }
  }
}
