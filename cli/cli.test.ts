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
    expect(unknown.err).toBe(
      'cardtwin: unknown command "frobnicate" (commands: serve, run, validate, replay, diff, bench)',
    );
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
      err: `${typo}:3:1: untill: unknown key (did you mean "until"?)`,
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

describe('cardtwin validate', () => {
  const examples = new URL('../scenarios/examples/', import.meta.url).pathname;
  const define = new URL('../sim/scenario/define.ts', import.meta.url).pathname;

  it('says what each valid file holds: name, steps, cards (fleet and buy steps)', async () => {
    const bought = file(
      'bought.yaml',
      `name: Bought later
start: 2026-01-15
fleet: [{ group: meters, count: 100, voucher: CM_SC_M_1_100M }]
steps:
  - { at: 2026-02-01, do: buy, with: { group: late, count: 5, voucher: CT-SC-M-1-30M } }
`,
    );
    const result = await cli('validate', bought, quiet);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(
      `${bought}: valid (Bought later, 1 step, 105 cards)\n${quiet}: valid (A quiet year, 0 steps, 0 cards)`,
    );
  });

  it('every example of scenarios/examples is valid', async () => {
    const files = [
      'forced-activation.yaml',
      'selectors.yaml',
      'operations.yaml',
      'expectations.yaml',
      'typescript.ts',
    ];
    const result = await cli('validate', ...files.map((name) => examples + name));
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(
      'forced-activation.yaml: valid (Forced activation after the silent period, 4 steps, 100 cards)',
    );
  });

  it('loads a TypeScript scenario written with defineScenario, and names its mistakes without a line', async () => {
    const good = file(
      'defined.ts',
      `import { defineScenario } from '${define}';
export default defineScenario({ name: 'ts', start: '2026-01-15', steps: [{ after: '1d', expect: [{ rule: 'r', triggers: 0 }] }] });
`,
    );
    expect((await cli('validate', good)).out).toBe(`${good}: valid (ts, 1 step, 0 cards)`);
    const bad = file('defined-bad.ts', "export default { name: 'ts', start: '2026-01-15', stpes: [] };\n");
    expect(await cli('validate', bad)).toMatchObject({
      code: 2,
      err: `${bad}: stpes: unknown key (did you mean "steps"?)`,
    });
  });

  const fleet =
    'name: x\nstart: 2026-01-15\nfleet:\n  - group: meters\n    count: 5\n    voucher: CM_SC_M_1_100M\nsteps:\n';
  // [what, the file's text, line:column, path and reason]
  const mistakes: [string, string, string, RegExp][] = [
    [
      'a typo',
      'name: x\nstart: 2026-01-15\nstpes: []\n',
      '3:1',
      /^stpes: unknown key \(did you mean "steps"\?\)$/,
    ],
    [
      'a bad date',
      'name: x\nstart: 2026-01-15\nuntil: 2026-13-01\n',
      '3:1',
      /^until: 2026-13-01: month must be 01-12$/,
    ],
    [
      'an unknown operation',
      `${fleet}  - at: 2026-02-01\n    do: activte\n    cards: { group: meters }\n`,
      '9:5',
      /^steps\[0\]\.do: unknown operation "activte" \(did you mean "activate"\?\)$/,
    ],
    [
      'an unknown group',
      `${fleet}  - at: 2026-02-01\n    do: activate\n    cards: { group: metres }\n`,
      '10:14',
      /^steps\[0\]\.cards\.group: unknown group "metres" \(did you mean "meters"\?\)$/,
    ],
    [
      'a bad voucher',
      fleet.replace('CM_SC_M_1_100M', 'CM_SC_Q_1_100M'),
      '6:5',
      /^fleet\[0\]\.voucher: bad plan voucher "CM_SC_Q_1_100M": billing cycle "Q" must be M/,
    ],
    [
      'a backwards at',
      `${fleet}  - { at: 2026-03-01, do: activate, cards: { group: meters } }\n  - at: 2026-02-01\n    do: suspend\n    cards: { group: meters }\n`,
      '9:5',
      /^steps\[1\]\.at: 2026-02-01T00:00:00\+08:00 is before the time of steps\[0\]/,
    ],
    [
      'an unknown key inside a step',
      `${fleet}  - at: 2026-02-01\n    do: activate\n    cards: { group: meters }\n    when: later\n`,
      '11:5',
      /^steps\[0\]\.when: unknown key \(expected one of at, after, do, cards, with, expectError, expect\)$/,
    ],
    [
      'a bad comparison, in the third expectation',
      `${fleet}  - at: 2026-02-01\n    expect:\n      - { cards: { group: meters }, count: 5 }\n      - { pool: P1, usedMB: 1 }\n      - cards: { group: meters }\n        count: { atleast: 5 }\n`.replace(
        'steps:',
        'pools: [{ id: P1, size: 1G }]\nsteps:',
      ),
      '14:18',
      /^steps\[0\]\.expect\[2\]\.count\.atleast: unknown key \(did you mean "atLeast"\?\)$/,
    ],
    [
      'a wrong argument in `with`',
      `${fleet}  - at: 2026-02-01\n    do: topUp\n    cards: { group: meters }\n    with:\n      type: renew\n      periods: 5\n`,
      '13:7',
      /^steps\[0\]\.with\.periods: periods is 1, 2, 3, 6, 9 or 12/,
    ],
    [
      'a missing argument: the place of its mapping',
      `${fleet}  - at: 2026-02-01\n    do: traffic\n    cards: { group: meters }\n    with: { whitelisted: false }\n`,
      '11:5',
      /^steps\[0\]\.with\.mb: required: a number of MB$/,
    ],
  ];

  it.each(mistakes)(
    '%s: exit 2, one line naming file:line:column and the path',
    async (_what, text, place, reason) => {
      const path = file('mistake.yaml', text);
      for (const command of ['validate', 'run']) {
        const result = await cli(command, path);
        expect(result.code).toBe(2);
        expect(result.out).toBe('');
        expect(result.err.split('\n')).toHaveLength(1);
        expect(result.err.startsWith(`${path}:${place}: `), result.err).toBe(true);
        expect(result.err.slice(`${path}:${place}: `.length)).toMatch(reason);
      }
    },
  );

  it('JSON scenarios may name their schema, and their mistakes have a line and column too', async () => {
    const json = file(
      'named.json',
      JSON.stringify({ $schema: '../schema.json', name: 'json', start: '2026-01-15', seed: 'x' }, null, 2),
    );
    expect(await cli('validate', json)).toMatchObject({
      code: 2,
      err: `${json}:5:3: seed: expected a whole number ≥ 0, not "x"`,
    });
  });

  it('reports every invalid file and still says which are valid', async () => {
    const bad = file('bad.yaml', 'name: x\nstart: 2026-01-15\nstpes: []\n');
    const result = await cli('validate', bad, quiet);
    expect(result.code).toBe(2);
    expect(result.out).toBe(`${quiet}: valid (A quiet year, 0 steps, 0 cards)`);
    expect(result.err).toMatch(/bad\.yaml:3:1: stpes/);
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

  it('a scenario mistake is one line on stderr, exit 2, no stack trace', async () => {
    const typo = file(
      'bin-typo.yaml',
      'name: x\nstart: 2026-01-15\nfleet: [{ group: a, count: 1, voucher: CM_SC_M_1_100M, colour: red }]\n',
    );
    const failure = await run('node', [bin, 'validate', typo]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    const stderr = (failure as { stderr: string }).stderr;
    // The list of keys grows with the format; the place, the path and the one line are what count here.
    expect(stderr).toMatch(
      new RegExp(
        `^${typo}:3:56: fleet\\[0\\]\\.colour: unknown key \\(expected one of group, count, voucher, [^\\n]*\\)\\n$`,
      ),
    );
  });

  it('runs a scenario end to end', async () => {
    const { stdout } = await run('node', [bin, 'run', quiet]);
    expect(stdout).toMatch(/hash: [0-9a-f]{64}/);
  });
});
