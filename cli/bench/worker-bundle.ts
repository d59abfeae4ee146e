// The bench worker's code as one bundled file, made fresh for each run: a worker that loads the
// twin's ~150 TypeScript modules one by one through tsx took about 260 ms to start (its loader answers
// each import from another thread); from one esbuild bundle it starts in about 80 ms, and making the
// bundle takes about 50 ms. The bundle is the same source compiled by the same esbuild tsx uses, so
// the run is the same to the hash. Packages stay external and load from node_modules, which is why
// the file is written under it. If bundling fails (esbuild missing, a read-only tree), the workers
// load through tsx as before, and a warning says so (start-up is then slower).
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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
    removeStale(cache);
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
  } catch (error) {
    rmSync(outfile, { force: true });
    process.emitWarning(`bench workers load through tsx: their bundle could not be made (${String(error)})`);
    return { url: TSX_ENTRY, dispose: () => {} };
  }
}

/** Bundles left by runs that were interrupted (Ctrl-C skips the clean-up): older than an hour. */
function removeStale(cache: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(cache)) {
    if (!/^shard-worker-.*\.mjs$/.test(name)) continue;
    const file = join(cache, name);
    if (statSync(file).mtimeMs < hourAgo) rmSync(file, { force: true });
  }
}
