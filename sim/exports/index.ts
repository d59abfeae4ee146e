// C8: exporting card details: file names, CSV, the export job and the Exported Files registry.
export * from './csv.ts';
export * from './export-columns.ts';
export * from './export-job.ts';
export * from './exported-files.ts';
export * from './file-name.ts';
export * from './memory-sink.ts';
