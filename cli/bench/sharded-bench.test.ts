// `cardtwin bench` sharded across worker threads: the hash and the totals are the same whatever the
// number of workers, the same seed gives the same hash, another seed another.
import { describe, expect, it } from 'vitest';
import { FREE_SHARDS } from '../../sim/bench/shard-fleet.ts';
import { cli } from '../test-kit.ts';

async function bench(...flags: string[]): Promise<Record<string, number | string>> {
  const result = await cli(['bench', '--cards', '600', '--months', '2', '--json', ...flags]);
  expect(result.err).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.out) as Record<string, number | string>;
}

const TOTALS = ['cards', 'subCards', 'simDays', 'shards', 'lifecycleEvents', 'totalEvents', 'hash'];
const pick = (figures: Record<string, number | string>) =>
  Object.fromEntries(TOTALS.map((key) => [key, figures[key]]));

describe('sharded bench', () => {
  it('1 and 2 workers give the same hash and totals', async () => {
    const one = await bench('--workers', '1');
    const two = await bench('--workers', '2');
    expect(one.workers).toBe(1);
    expect(two.workers).toBe(2);
    expect(one.cards).toBe(600);
    expect(one.shards).toBe(4 + FREE_SHARDS);
    expect(Number(one.totalEvents)).toBeGreaterThan(0);
    expect(pick(two)).toEqual(pick(one));
  });

  it('the same seed twice gives the same hash; another seed another hash', async () => {
    const first = await bench('--workers', '1', '--seed', '5');
    const again = await bench('--workers', '1', '--seed', '5');
    const other = await bench('--workers', '1', '--seed', '6');
    expect(again.hash).toBe(first.hash);
    expect(other.hash).not.toBe(first.hash);
    expect(other.cards).toBe(first.cards);
  });

  it('keeps the figures of the JSON output and adds shards and workers', async () => {
    expect(Object.keys(await bench('--workers', '1'))).toEqual([
      'cards',
      'subCards',
      'simDays',
      'shards',
      'workers',
      'wallSeconds',
      'cardDaysPerSecond',
      'lifecycleEventsPerSecond',
      'lifecycleEvents',
      'totalEvents',
      'peakRssMB',
      'heapUsedMB',
      'hash',
      'shardTimes',
    ]);
  });

  it('--json says where the wall time went: every shard once, with its cards, time and start', async () => {
    const figures = (await bench('--workers', '2')) as unknown as {
      cards: number;
      wallSeconds: number;
      shardTimes: { shard: number; cards: number; startedAtSeconds: number; wallSeconds: number }[];
    };
    expect(figures.shardTimes.map((s) => s.shard)).toEqual([...Array(4 + FREE_SHARDS).keys()]);
    expect(figures.shardTimes.reduce((n, s) => n + s.cards, 0)).toBe(figures.cards);
    for (const time of figures.shardTimes) {
      expect(time.startedAtSeconds).toBeGreaterThanOrEqual(0);
      expect(time.startedAtSeconds + time.wallSeconds).toBeLessThanOrEqual(figures.wallSeconds + 0.05);
    }
  });

  it('more workers than shards run one per shard', async () => {
    const figures = await bench('--workers', '64', '--cards', '3', '--months', '1');
    expect(figures.shards).toBeLessThan(64);
    expect(figures.workers).toBe(figures.shards);
  });

  for (const bad of ['0', 'two', '1.5']) {
    it(`--workers ${bad} is a usage error (exit 2, one line)`, async () => {
      const result = await cli(['bench', '--workers', bad]);
      expect(result.code).toBe(2);
      expect(result.err).toBe(`cardtwin bench: --workers must be a whole number >= 1, not "${bad}"`);
    });
  }
});
