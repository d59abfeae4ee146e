// P2: the moment a pool runs dry, found by time buckets, is the one a full sort of every session gives.
import { describe, expect, it } from 'vitest';
import { daySessions, type DaySessions } from '../devices/day-traffic.ts';
import { makeProfile } from '../devices/profiles.ts';
import { Randomness } from '../random.ts';
import { PoolCrossing } from './pool-crossing.ts';

interface Part {
  sessions: DaySessions;
  from: number;
  whitelistedOnly: boolean;
}

/** The plain way: every session an entry, sorted by time, summed until the pool is reached. */
function bySort(parts: readonly Part[], remaining: number): number {
  const entries: { t: number; bytes: number }[] = [];
  for (const { sessions, from, whitelistedOnly } of parts) {
    for (let i = from; i < sessions.count; i++) {
      if (whitelistedOnly && sessions.whitelisted[i] !== 1) continue;
      entries.push({ t: sessions.offsetMs[i]!, bytes: sessions.bytes[i]! });
    }
  }
  entries.sort((a, b) => a.t - b.t);
  let used = 0;
  return entries.find((entry) => (used += entry.bytes) >= remaining)?.t ?? -1;
}

const PROFILES = [
  makeProfile('tracker'),
  makeProfile('meter'),
  makeProfile('pos'),
  makeProfile('burst', { dailyMB: 50, sessionsPerDay: 400, activeHours: [9, 9.05], whitelistedShare: 0.5 }),
];

describe('P2 pool crossing', () => {
  for (let seed = 1; seed <= 20; seed++) {
    it(`P2 finds the moment a full sort finds with seed ${seed}`, () => {
      const pick = new Randomness(seed).stream('crossing');
      const parts: Part[] = [];
      for (let card = pick.int(0, 40); card > 0; card--) {
        const sessions = daySessions(seed, card, 20_500 + pick.int(0, 30), pick.pick(PROFILES));
        parts.push({
          sessions,
          from: pick.int(0, sessions.count),
          whitelistedOnly: pick.bernoulli(0.3),
        });
      }
      const total = parts.reduce((sum, p) => sum + p.sessions.bytes.reduce((a, b) => a + b, 0), 0);
      const crossing = new PoolCrossing();
      for (const remaining of [0, 1, pick.int(0, Math.max(1, total)), total / 2, total, total + 1]) {
        crossing.clear();
        for (const part of parts) crossing.add(part.sessions, part.from, part.whitelistedOnly);
        expect(crossing.crossingOffsetMs(remaining), `remaining ${remaining}`).toBe(bySort(parts, remaining));
      }
    });
  }
});
