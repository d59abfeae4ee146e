// Every example of scenarios/examples (SCENARIOS.md's examples, as files) runs unchanged and passes.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './test-kit.ts';

const folder = new URL('../scenarios/examples/', import.meta.url).pathname;

describe('the examples of SCENARIOS.md', () => {
  it('run and pass', async () => {
    const files = readdirSync(folder)
      .filter((f) => /\.(ya?ml|ts)$/.test(f))
      .map((f) => join(folder, f));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const result = await cli(['run', ...files]);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(/All \d+ scenarios passed/);
  });
});
