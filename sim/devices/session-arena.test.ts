// D1: a day's sessions are the same numbers whether they are made in arrays of their own or in an
// arena's chunk, however full the arena is, and stay valid until it is reset.
import { describe, expect, it } from 'vitest';
import { daySessions, type DaySessions } from './day-traffic.ts';
import { BUILT_IN_PROFILES } from './profiles.ts';
import { SessionArena } from './session-arena.ts';

const plain = (s: DaySessions) => ({
  count: s.count,
  offsetMs: Array.from(s.offsetMs),
  bytes: Array.from(s.bytes),
  whitelisted: Array.from(s.whitelisted),
});

describe('session arena', () => {
  it('D1 V6 gives the same sessions as arrays of their own, across chunks and after a reset', () => {
    const arena = new SessionArena();
    const profiles = Object.values(BUILT_IN_PROFILES);
    for (let round = 0; round < 2; round++) {
      const held: [DaySessions, DaySessions][] = [];
      // ~600 tracker and camera days: several chunks, the first of 16,384 sessions.
      for (let device = 0; device < 1500; device++) {
        const profile = profiles[device % profiles.length]!;
        const day = 20_454 + (device % 40);
        held.push([daySessions(7, device, day, profile, arena), daySessions(7, device, day, profile)]);
      }
      // Checked only once all are made: a later day must not have written over an earlier one.
      for (const [fromArena, own] of held) expect(plain(fromArena)).toEqual(plain(own));
      arena.reset();
    }
  });

  it('hands out zeroed whitelist flags even from reused room', () => {
    const arena = new SessionArena();
    arena.take(100).whitelisted.fill(1);
    arena.reset();
    expect(Array.from(arena.take(100).whitelisted).every((flag) => flag === 0)).toBe(true);
  });
});

describe('session arena keeps its room', () => {
  it('a second day as large as the first allocates nothing new, and its sessions are right', () => {
    const arena = new SessionArena();
    const profile = BUILT_IN_PROFILES.tracker;
    const day = (d: number) =>
      Array.from({ length: 400 }, (_, device) => daySessions(3, device, d, profile, arena));
    const buffers = new Set(day(20_454).map((s) => s.bytes.buffer));
    arena.reset();
    const again = day(20_455);
    for (const s of again) expect(buffers.has(s.bytes.buffer), 'a kept chunk').toBe(true);
    again.forEach((s, device) => expect(plain(s)).toEqual(plain(daySessions(3, device, 20_455, profile))));
  });
});

describe('session arena gives back room no recent day needed', () => {
  it('a peak is kept for KEEP_DAYS resets, then only what the days since needed', () => {
    const arena = new SessionArena();
    const big = () => {
      for (let i = 0; i < 40; i++) arena.take(100_000); // 4 million sessions: several chunks
    };
    big();
    const peak = arena.capacity();
    arena.reset();
    for (let day = 0; day < 30; day++) {
      arena.take(10);
      arena.reset();
    }
    expect(arena.capacity(), 'still within a month of the peak').toBe(peak);
    big(); // the monthly peak comes back: no new chunk needed
    expect(arena.capacity()).toBe(peak);
    arena.reset();
    for (let day = 0; day < 40; day++) {
      arena.take(10);
      arena.reset();
    }
    expect(arena.capacity()).toBeLessThan(peak / 10);
    expect(arena.capacity()).toBeGreaterThan(0);
  });
});
