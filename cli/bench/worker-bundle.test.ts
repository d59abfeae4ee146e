// The bench workers' bundle: made per run, loadable, and removed afterwards.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workerEntry } from './worker-bundle.ts';

describe('bench worker bundle', () => {
  it('is one file of its own per run, under node_modules, gone once disposed', async () => {
    const [a, b] = await Promise.all([workerEntry(), workerEntry()]);
    expect(a.url.href).toMatch(/node_modules\/\.cache\/cardtwin\/shard-worker-.*\.mjs$/);
    expect(b.url.href).not.toBe(a.url.href);
    const file = fileURLToPath(a.url);
    expect(existsSync(file)).toBe(true);
    a.dispose();
    b.dispose();
    expect(existsSync(file)).toBe(false);
  });
});
