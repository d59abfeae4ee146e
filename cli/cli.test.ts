import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'cardtwin-cli-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), isTerminal: false };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const quiet = file('quiet.yaml', 'name: A quiet year\nseed: 42\nstart: 2026-01-15\nuntil: 2027-01-15\n');

describe('cardtwin command line', () => {
  it('prints help and version', async () => {
    expect((await cli('--help')).out).toMatch(/Usage: cardtwin <command>/);
    expect((await cli('--version')).out).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await cli('run', '--help')).out).toMatch(/Usage: cardtwin run/);
  });

  it('unknown commands and flags exit 2 with one clear line', async () => {
    const unknown = await cli('frobnicate');
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(unknown.err).toBe('cardtwin: unknown command "frobnicate" (commands: serve, run, validate)');
    const flag = await cli('run', quiet, '--sed', '3');
    expect(flag.code).toBe(2);
    expect(flag.err).toBe('cardtwin run: unknown option --sed (see cardtwin run --help)');
    expect((await cli('run', quiet, '--seed', 'abc')).err).toMatch(/--seed must be a whole number/);
    expect((await cli('--frob')).code).toBe(2);
  });

  it('runs a minimal scenario and prints its hash', async () => {
    const result = await cli('run', quiet);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^hash: [0-9a-f]{64}$/m);
    expect(result.out).toMatch(/ran to 2027-01-15T00:00:00\+08:00/);
  });

  it('the same seed twice gives the same hash; a different seed a different one', async () => {
    const hashOf = async (...args: string[]) =>
      /hash: (\w+)/.exec((await cli('run', quiet, ...args)).out)?.[1];
    const a = await hashOf('--seed', '7');
    expect(a).toBeDefined();
    expect(await hashOf('--seed', '7')).toBe(a);
    expect(await hashOf('--seed', '8')).not.toBe(a);
  });

  it('names the file, line and column of a mistake in YAML', async () => {
    const typo = file('typo.yaml', 'name: x\nstart: 2026-01-15\nuntill: 2026-02-01\n');
    expect(await cli('run', typo)).toMatchObject({
      code: 2,
      err: `${typo}:3:1: untill: unknown key (expected one of name, seed, start, until)`,
    });
    const badDate = file('bad-date.yaml', 'name: x\nstart: 2026-02-30\n');
    const result = await cli('validate', badDate);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(new RegExp(`^${badDate}:2:1: start: .*February 2026 has 28 days`));
    expect((await cli('run', join(dir, 'missing.yaml'))).err).toMatch(/missing\.yaml: no such file/);
    const broken = file('broken.yaml', 'name: [unclosed\n');
    expect((await cli('validate', broken)).err).toMatch(/broken\.yaml:\d+:\d+: not valid YAML/);
  });

  it('loads JSON and TypeScript scenarios', async () => {
    const json = file('s.json', JSON.stringify({ name: 'json', start: '2026-01-01', until: '2026-03-01' }));
    const ts = file('s.ts', "export default { name: 'ts', start: '2026-01-01', until: '2026-03-01' };\n");
    expect((await cli('validate', json, ts)).code).toBe(0);
  });
});

describe('the cardtwin binary', () => {
  const bin = new URL('../bin/cardtwin.js', import.meta.url).pathname;
  const run = promisify(execFile);

  it('exits 2 on a mistake with one line on stderr and no stack trace', async () => {
    const failure = await run('node', [bin, 'nonsense']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
  });

  it('runs a scenario end to end', async () => {
    const { stdout } = await run('node', [bin, 'run', quiet]);
    expect(stdout).toMatch(/hash: [0-9a-f]{64}/);
  });
});
