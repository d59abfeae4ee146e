// cardtwin run --record, cardtwin replay (--verify, --until, --json) and cardtwin diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './test-kit.ts';

const { dir, file } = tempDir('cardtwin-replay-');
const scenario = file(
  'fleet.yaml',
  `name: Record me
seed: 4
start: 2026-01-15
fleet:
  - { group: meters, count: 5, voucher: CM_SC_M_1_100M, activateOnFirstTraffic: true, device: { profile: tracker } }
steps:
  - at: 2026-02-01
    do: suspend
    cards: { group: meters, first: 2 }
  - at: 2026-03-01
    do: addTags
    with: { tags: [north] }
    cards: { group: meters }
  - at: 2026-04-01
    expect:
      - { cards: { group: meters }, tag: north, count: 5 }
`,
);

describe('recordings on the command line', () => {
  it('run --record writes a recording that replay --verify confirms', async () => {
    const recording = join(dir, 'a.ndjson');
    const run = await cli(['run', scenario, '--record', recording]);
    expect(run.code).toBe(0);
    const hash = /hash: (\w+)/.exec(run.out)![1];
    const replay = await cli(['replay', recording, '--verify']);
    expect(replay.code).toBe(0);
    expect(replay.out).toMatch(/verified: \d+ events and \d+ checkpoints match/);
    expect(replay.out).toContain(`hash: ${hash}`);
  });

  it('replay --verify reports the first divergence of an edited recording, with both versions', async () => {
    const recording = join(dir, 'b.ndjson');
    await cli(['run', scenario, '--record', recording]);
    const edited = readFileSync(recording, 'utf8')
      .split('\n')
      .map((line) =>
        line.startsWith('{"kind":"operation"') ? line.replace('"tags":["north"]', '"tags":["south"]') : line,
      )
      .join('\n');
    const changed = join(dir, 'b-edited.ndjson');
    writeFileSync(changed, edited);
    const replay = await cli(['replay', changed, '--verify']);
    expect(replay.code).toBe(1);
    expect(replay.out).toMatch(/DIVERGED at 2026-03-01T00:00:00\+08:00, event \d+/);
    expect(replay.out).toMatch(/recorded: .*north/);
    expect(replay.out).toMatch(/replayed: .*south/);
    const diff = await cli(['diff', recording, changed]);
    expect(diff.code).toBe(1);
    expect(diff.out).toMatch(/operations part at #2/);
  });

  it('replay --until stops there and shows the fleet; --json too', async () => {
    const recording = join(dir, 'c.ndjson');
    await cli(['run', scenario, '--record', recording]);
    const text = await cli(['replay', recording, '--until', '2026-02-15']);
    expect(text.out).toMatch(/replayed to 2026-02-15T00:00:00\+08:00/);
    expect(text.out).toMatch(/Manually suspended\s+2/);
    const json = JSON.parse((await cli(['replay', recording, '--until', '2026-02-15', '--json'])).out);
    expect(json.stats.bySpecificStatus['Manually suspended']).toBe(2);
    expect(json.cards).toHaveLength(5);
    // A time before the run began is refused in one line, not replayed to the start.
    const early = await cli(['replay', recording, '--until', '2025-06-01']);
    expect(early.code).toBe(2);
    expect(early.err).toMatch(/c\.ndjson: --until 2025-06-01T00:00:00\+08:00 is before the run starts/);
  });

  it('diff of the same run says so; of two seeds, where they part', async () => {
    const a = join(dir, 'd1.ndjson');
    const b = join(dir, 'd2.ndjson');
    const c = join(dir, 'd3.ndjson');
    await cli(['run', scenario, '--record', a]);
    await cli(['run', scenario, '--record', b]);
    await cli(['run', scenario, '--record', c, '--seed', '9']);
    expect((await cli(['diff', a, b])).out).toMatch(/same run/);
    const parted = await cli(['diff', a, c]);
    expect(parted.code).toBe(1);
    expect(parted.out).toMatch(/seed: 4 \/ 9/);
    expect(parted.out).toMatch(/runs part at event \d+/);
  });

  it('bad input is one line and exit 2', async () => {
    expect(await cli(['replay', join(dir, 'missing.ndjson')])).toMatchObject({ code: 2 });
    const junk = file('junk.ndjson', 'hello\n');
    expect((await cli(['replay', junk])).err).toMatch(/junk\.ndjson: line 1: not JSON/);
    expect((await cli(['diff', junk])).err).toMatch(/name two recording files/);
  });
});
