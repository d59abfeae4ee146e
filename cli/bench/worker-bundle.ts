// The bench worker's code as one bundled file, made fresh for each run: a worker that loads the
// twin's ~150 TypeScript modules one by one through tsx took about 260 ms to start (its loader answers
// each import from another thread); from one esbuild bundle it starts in about 80 ms, and making the
// bundle takes about 50 ms. The bundle is the same source compiled by the same esbuild tsx uses, so
// the run is the same to the hash. Packages stay external and load from node_modules, which is why
// the file is written under it. If bundling fails (esbuild missing, a read-only tree), the workers
// load through tsx as before.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TSX_ENTRY = new URL('./shard-worker.js', import.meta.url);

export interface WorkerEntry {
  readonly url: URL;
  /** Removes the bundle (nothing for the tsx entry). */
  readonly dispose: () => void;
}

export async function workerEntry(): Promise<WorkerEntry> {
  const source = join(here, 'shard-worker.ts');
  const cache = join(here, '../../node_modules/.cache/cardtwin');
  // One file per process: benches may run side by side (the tests do).
  const outfile = join(cache, `shard-worker-${process.pid}-${process.hrtime.bigint()}.mjs`);
  try {
    const { build } = await import('esbuild');
    mkdirSync(cache, { recursive: true });
    await build({
      entryPoints: [source],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'silent',
    });
    return { url: pathToFileURL(outfile), dispose: () => rmSync(outfile, { force: true }) };
  } catch {
    rmSync(outfile, { force: true });
    return { url: TSX_ENTRY, dispose: () => {} };
  }
}
