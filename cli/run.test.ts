import { describe, expect, it } from 'vitest';
import { cli, silentFleet, tempDir } from './test-kit.ts';

const { file } = tempDir();
const passing = file('passing.yaml', silentFleet());
const failing = file('failing.yaml', silentFleet({ name: 'Four of five', expectCount: 4 }));
const refused = file('refused.yaml', silentFleet({ name: 'Cancel silent cards', cancel: true }));

describe('cardtwin run: text output', () => {
  it('a passing scenario exits 0 with its header, its expectations, its hash and the summary', async () => {
    const result = await cli(['run', passing]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(`Five meters (${passing}, seed 11)`);
    expect(result.out).toMatch(/^ {2}ran to 2026-09-01T00:00:00\+08:00: \d+ events, 5 cards, [\d.]+ s$/m);
    expect(result.out).toMatch(
      /^ {2}ok {4}steps\[0\]\.expect\[0\] {2}cards of group meters with specific status In use, activation type silence_expire$/m,
    );
    expect(result.out).toMatch(/^hash: [0-9a-f]{64}$/m);
    expect(result.out).toMatch(/^ {2}Five meters +passed +1\/1 +0 +\d+ +229 d +[\d.]+$/m);
    expect(result.out).toMatch(/The scenario passed\.$/);
    expect(result.out).not.toContain('\x1b[');
  });

  it('a failed expectation exits 1 with expected, found, sim time, step and the command to reproduce', async () => {
    const result = await cli(['run', failing]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      '  FAIL  steps[0].expect[0]  cards of group meters with specific status In use',
    );
    expect(result.out).toContain('          expected  count 4\n');
    expect(result.out).toContain('          found     count 5 of 5 selected\n');
    expect(result.out).toContain('          sim time  2026-08-01T00:00:00+08:00\n');
    expect(result.out).toContain('          step      steps[0] (no operation)\n');
    expect(result.out).toMatch(/^ {2}Four of five +FAILED +0\/1 +0 /m);
    expect(result.out).toMatch(
      new RegExp(`The scenario FAILED\\. To reproduce:\\n  cardtwin run ${failing} --seed 11$`),
    );
  });

  it('the command to reproduce carries --seed and --until as the run had them', async () => {
    const result = await cli(['run', failing, '--seed', '9', '--until', '2026-08-02']);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`Four of five (${failing}, seed 9)`);
    expect(result.out).toContain(`  cardtwin run ${failing} --seed 9 --until 2026-08-02T00:00:00+08:00`);
  });

  it('quotes a file name the shell would split', async () => {
    const spaced = file('with space.yaml', silentFleet({ expectCount: 4 }));
    expect((await cli(['run', spaced])).out).toContain(`  cardtwin run '${spaced}' --seed 11`);
  });

  it('a step refused without expectError exits 1, naming the cards and their code', async () => {
    const result = await cli(['run', refused]);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^ {2}FAIL {2}steps\[0\] +requestCancellation failed on 5 of 5 card\(s\)$/m);
    expect(result.out).toContain('          step      steps[0] (requestCancellation)\n');
    expect(result.out).toMatch(
      /StatusNotAllowed on 5 cards: card is Silent period: cancellation can be requested/,
    );
    expect(result.out.match(/^ {12}8986\d{16} {2}StatusNotAllowed$/gm)).toHaveLength(5);
    expect(result.out).toMatch(/^ {2}Cancel silent cards +FAILED +1\/1 +1 /m);
  });

  it('lists at most ten failed cards of a step and counts the rest', async () => {
    const many = file('many.yaml', silentFleet({ count: 15, cancel: true }));
    const result = await cli(['run', many]);
    expect(result.out).toContain('StatusNotAllowed on 15 cards');
    expect(result.out.match(/^ {12}8986\d{16} {2}StatusNotAllowed$/gm)).toHaveLength(10);
    expect(result.out).toContain('            … and 5 more\n');
  });

  it('says which steps --until cut off', async () => {
    const result = await cli(['run', passing, '--until', '2026-07-01']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('  ran to 2026-07-01T00:00:00+08:00');
    expect(result.out).toContain('  not run: 1 step after --until (1 expectation), from steps[0]');
  });
});

describe('cardtwin run: several files', () => {
  it('runs them all; one failing makes exit 1 and the summary names both', async () => {
    const result = await cli(['run', passing, failing]);
    expect(result.code).toBe(1);
    expect(result.out.match(/^hash: /gm)).toHaveLength(2);
    const summary = result.out.slice(result.out.indexOf('Summary'));
    expect(summary).toMatch(/^ {2}scenario +result +expectations +step failures +events +sim span +wall s$/m);
    expect(summary).toMatch(/^ {2}Five meters +passed +1\/1 /m);
    expect(summary).toMatch(/^ {2}Four of five +FAILED +0\/1 /m);
    expect(summary).toContain(`1 of 2 scenarios FAILED. To reproduce:\n  cardtwin run ${failing} --seed 11`);
    expect(summary).not.toContain(`cardtwin run ${passing}`);
  });

  it('all passing: exit 0', async () => {
    const result = await cli(['run', passing, passing]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/All 2 scenarios passed\.$/);
  });

  it('an invalid second file: exit 2 with its one line, and nothing runs', async () => {
    const typo = file('typo.yaml', 'name: x\nstart: 2026-01-15\nstpes: []\n');
    const result = await cli(['run', passing, typo]);
    expect(result).toMatchObject({
      code: 2,
      out: '',
      err: `${typo}:3:1: stpes: unknown key (did you mean "steps"?)`,
    });
  });

  it('--until before a scenario starts: exit 2 before anything runs', async () => {
    const result = await cli(['run', passing, '--until', '2025-12-31']);
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toBe(
      `cardtwin run: --until 2025-12-31T00:00:00+08:00 is before the start of ${passing} (2026-01-15T00:00:00+08:00)`,
    );
    expect((await cli(['run', passing, '--until', 'tomorrow'])).err).toMatch(
      /^cardtwin run: --until tomorrow: not a date/,
    );
  });
});

describe('cardtwin run: on a terminal', () => {
  it('draws a progress line on stderr, redrawn with \\r and cleared at the end, and colours the results', async () => {
    const result = await cli(['run', passing, failing], { isTerminal: true });
    expect(result.code).toBe(1);
    const draws = result.errWrites.filter((w) => w.startsWith('\r') && w.includes('%'));
    expect(draws.length).toBeGreaterThan(0);
    const clearToEnd = '\x1b[K';
    expect(draws[0]!.endsWith(clearToEnd)).toBe(true);
    expect(draws[0]!.slice(0, -clearToEnd.length)).toMatch(
      /^\rFive meters {2}2026-\d\d-\d\d \d\d:\d\d +\d+% {2}\S+ events\/s$/,
    );
    expect(result.errWrites.every((w) => !w.includes('\n'))).toBe(true);
    // Each scenario's line is taken away before its results are printed.
    expect(result.errWrites.filter((w) => w === '\r\x1b[K')).toHaveLength(2);
    expect(result.errWrites.at(-1)).toBe('\r\x1b[K');
    expect(result.out).toContain('\x1b[32mok  \x1b[0m');
    expect(result.out).toContain('\x1b[31mFAIL\x1b[0m');
    expect(result.out).toMatch(/hash: [0-9a-f]{64}/);
  });

  it('draws nothing when the output is not a terminal', async () => {
    const result = await cli(['run', passing, failing]);
    expect(result.errWrites).toEqual([]);
  });
});
