import { describe, expect, it } from 'vitest';
import { cli, silentFleet, tempDir } from './test-kit.ts';

const { file } = tempDir();
const passing = file('passing.yaml', silentFleet());
const refused = file(
  'refused.yaml',
  silentFleet({ name: 'Cancel silent cards', cancel: true, expectCount: 4 }),
);

describe('cardtwin run --json', () => {
  it('prints one JSON document with every run and nothing else', async () => {
    const result = await cli(['run', passing, refused, '--json']);
    expect(result.code).toBe(1);
    expect(result.err).toBe('');
    const doc = JSON.parse(result.out) as { passed: boolean; runs: Record<string, unknown>[] };
    expect(doc.passed).toBe(false);
    expect(doc.runs).toHaveLength(2);
    const [ok, bad] = doc.runs;
    expect(ok).toMatchObject({
      file: passing,
      name: 'Five meters',
      seed: 11,
      passed: true,
      cards: 5,
      reproduce: `cardtwin run ${passing} --seed 11`,
    });
    expect(ok!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(ok!.wallMs).toEqual(expect.any(Number));
    expect(ok).toHaveProperty('events');
    expect(ok).toHaveProperty('start');
    expect(ok).toHaveProperty('until');
    expect(ok).toHaveProperty('steps');
    expect(bad).toMatchObject({
      file: refused,
      passed: false,
      expectations: [
        { path: 'steps[1].expect[0]', passed: false, expected: 'count 4', found: 'count 5 of 5 selected' },
      ],
      stepFailures: [{ path: 'steps[0]', operation: 'requestCancellation' }],
    });
    const failures = (bad!.stepFailures as { cards: { code: string }[] }[])[0]!.cards;
    expect(failures).toHaveLength(5);
    expect(failures.every((c) => c.code === 'StatusNotAllowed')).toBe(true);
  });

  it('gives the same hash as the text output', async () => {
    const text = /hash: (\w+)/.exec((await cli(['run', passing])).out)?.[1];
    const json = JSON.parse((await cli(['run', passing, '--json'])).out) as { runs: { hash: string }[] };
    expect(json.runs[0]!.hash).toBe(text);
  });
});
