// The lint rule that keeps sim/ deterministic must actually fire: plant each forbidden thing in a
// file under sim/ and check that ESLint refuses it, and that the same code outside sim/ passes.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const planted: Record<string, string> = {
  'Math.random()': 'export const x = Math.random();',
  'Date.now()': 'export const x = Date.now();',
  'new Date()': 'export const x = new Date();',
  'Date()': 'export const x = Date();',
  setTimeout: 'setTimeout(() => {}, 10);',
  setInterval: 'export const x = setInterval(() => {}, 10);',
  'globalThis.setTimeout': 'globalThis.setTimeout(() => {}, 10);',
  process: 'export const x = process.env.HOME;',
  'performance.now()': 'export const x = performance.now();',
  "import 'node:fs'": "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
  "import 'fs'": "import * as fs from 'fs';\nexport const x = fs;",
  "import 'node:net'": "import * as net from 'node:net';\nexport const x = net;",
  "import 'node:http'": "import * as http from 'node:http';\nexport const x = http;",
};

describe('determinism lint rule for sim/', () => {
  for (const [what, code] of Object.entries(planted)) {
    it(`fails on a planted ${what} in sim/`, async () => {
      expect(await ruleIds(code, 'sim/planted.ts')).not.toEqual([]);
    });
  }

  it('allows new Date(t) with a sim time, and the same code outside sim/', async () => {
    expect(await ruleIds('export const x = (t: number) => new Date(t).toISOString();', 'sim/ok.ts')).toEqual(
      [],
    );
    expect(await ruleIds('export const x = Math.random() + Date.now();', 'cli/ok.ts')).toEqual([]);
  });
});
