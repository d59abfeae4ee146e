// An ExportSink in memory: for tests and headless scenario runs, where an exported file only needs
// to exist long enough to be counted and read.
import type { ExportSink, ExportWriter } from './export-job.ts';

export class MemorySink implements ExportSink {
  private readonly files = new Map<string, string[]>();

  create(name: string): ExportWriter {
    const chunks: string[] = [];
    this.files.set(name, chunks);
    return {
      write: (chunk: string) => {
        chunks.push(chunk);
      },
      close: () => {},
    };
  }

  remove(name: string): void {
    this.files.delete(name);
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  /** The file's whole text, BOM included, or undefined. */
  read(name: string): string | undefined {
    return this.files.get(name)?.join('');
  }

  names(): string[] {
    return [...this.files.keys()];
  }
}
