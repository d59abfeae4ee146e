import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MB } from '../plans/data-size.ts';
import { DAY_MS, HOUR_MS } from '../time/calendar.ts';
import { runKeyOf } from './counter-rng.ts';
import { daySessionsProblems } from './day-invariants.ts';
import { dayOfWeek, daySessions, DayTotalsTable, dayTotals, type DayTotals } from './day-traffic.ts';
import { BUILT_IN_PROFILE_NAMES, BUILT_IN_PROFILES, makeProfile, type DeviceProfile } from './profiles.ts';

const runKey = runKeyOf(42);
const firstDay = Date.UTC(2026, 0, 1) / DAY_MS; // 2026-01-01, a Thursday; Beijing day index = civil days

function totalsOf(key: number, device: number, day: number, profile: DeviceProfile): DayTotals {
  const out: DayTotals = { totalBytes: -1, whitelistedBytes: -1 };
  dayTotals(key, device, day, profile, out);
  return out;
}

/** Expands one day and returns what breaks (empty when the day keeps every promise). */
function problemsOf(key: number, device: number, day: number, profile: DeviceProfile): string[] {
  const totals = totalsOf(key, device, day, profile);
  return daySessionsProblems(daySessions(key, device, day, profile), totals, profile).map(
    (problem) => `${profile.name} device ${device} day ${day}: ${problem}`,
  );
}

function meanDaily(
  profile: DeviceProfile,
  devices: number,
  days: number,
  pick: (t: DayTotals) => number,
): number {
  let sum = 0;
  let n = 0;
  for (let device = 0; device < devices; device++) {
    for (let day = firstDay; day < firstDay + days; day++) {
      if (profile.activeDays === 'weekdays' && (dayOfWeek(day) === 0 || dayOfWeek(day) === 6)) continue;
      sum += pick(totalsOf(runKey, device, day, profile));
      n++;
    }
  }
  return sum / n;
}

describe('a day of traffic: sessions add up to the totals', () => {
  it.each(BUILT_IN_PROFILE_NAMES)('D1 V6 %s: exact sums, >= 1 byte a session, sorted, in hours', (name) => {
    const profile = BUILT_IN_PROFILES[name];
    const problems: string[] = [];
    for (let device = 0; device < 200; device++) {
      for (let day = firstDay; day < firstDay + 40; day++)
        problems.push(...problemsOf(runKey, device, day, profile));
    }
    expect(problems).toEqual([]);
  });

  const profileArbitrary = fc.record({
    dailyMB: fc.oneof(
      fc.constant(0),
      fc.double({ min: 1e-7, max: 1e-3, noNaN: true }), // a handful of bytes: the one-byte-a-session cap
      fc.double({ min: 1e-3, max: 200, noNaN: true }),
    ),
    dailySpread: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 4, noNaN: true })),
    sessionsPerDay: fc.oneof(
      fc.double({ min: 0.01, max: 30, noNaN: true }),
      fc.double({ min: 30, max: 600, noNaN: true }),
    ),
    activeHours: fc
      .tuple(fc.double({ min: 0, max: 24, noNaN: true }), fc.double({ min: 0, max: 24, noNaN: true }))
      .filter(([a, b]) => a !== b)
      .map(([a, b]): [number, number] => (a < b ? [a, b] : [b, a])),
    whitelistedShare: fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    activeDays: fc.constantFrom('all' as const, 'weekdays' as const),
  });

  it('D1 V6 any valid profile, device and day keeps every promise, twice the same', () => {
    fc.assert(
      fc.property(
        profileArbitrary,
        fc.integer(),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: -1000, max: 60_000 }),
        (input, key, device, day) => {
          const profile = makeProfile('custom', input);
          expect(problemsOf(key, device, day, profile)).toEqual([]);
          expect(daySessions(key, device, day, profile)).toEqual(daySessions(key, device, day, profile));
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });

  it('D1 V6 the day table gives every card exactly what dayTotals gives its device, bit for bit', () => {
    fc.assert(
      fc.property(
        // fast-check's doubles lean to the extremes (shares of 0 and 1, tiny volumes), so the built-in
        // profiles and evenly spread numbers come in too: a rounding slip shows only mid-range.
        fc.array(
          fc.oneof(
            fc.constantFrom(...BUILT_IN_PROFILE_NAMES).map((name) => BUILT_IN_PROFILES[name]),
            profileArbitrary.map((input) => makeProfile('custom', input)),
            fc
              .record({
                dailyMB: fc.integer({ min: 1, max: 100_000 }).map((n) => n / 100),
                dailySpread: fc.integer({ min: 0, max: 300 }).map((n) => n / 100),
                sessionsPerDay: fc.integer({ min: 1, max: 20_000 }).map((n) => n / 100),
                whitelistedShare: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
                activeDays: fc.constantFrom('all' as const, 'weekdays' as const),
              })
              .map((input) => makeProfile('even', input)),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        fc.array(fc.record({ profile: fc.integer({ min: -1, max: 3 }), device: fc.nat(2_000_000) }), {
          maxLength: 40,
        }),
        fc.integer(),
        fc.integer({ min: -1000, max: 60_000 }),
        (profiles, cards, key, day) => {
          const table = new DayTotalsTable();
          // Slots in the order the cards first name them; -1 (and a slot beyond the list) is no device.
          const slots = Int32Array.from(cards, (c) =>
            c.profile >= 0 && c.profile < profiles.length ? table.slotOf(profiles[c.profile]!) : -1,
          );
          const devices = Int32Array.from(cards, (c) => c.device);
          const total = new Float64Array(cards.length).fill(-1);
          const white = new Float64Array(cards.length).fill(-1);
          table.fill(key, day, slots, devices, cards.length, total, white);
          cards.forEach((c, i) => {
            const expected =
              slots[i]! < 0
                ? { totalBytes: 0, whitelistedBytes: 0 }
                : totalsOf(key, c.device, day, profiles[c.profile]!);
            expect([
              Object.is(total[i], expected.totalBytes),
              Object.is(white[i], expected.whitelistedBytes),
            ]).toEqual([true, true]);
          });
        },
      ),
      { seed: 7, numRuns: 400 },
    );
  });

  it('D1 caps the sessions at one per byte on a day of a few bytes', () => {
    const chatty = makeProfile('chatty', {
      dailyMB: 3 / MB,
      sessionsPerDay: 50,
      dailySpread: 0,
      whitelistedShare: 0.5,
    });
    for (let day = firstDay; day < firstDay + 200; day++) {
      const { totalBytes } = totalsOf(runKey, 1, day, chatty);
      const sessions = daySessions(runKey, 1, day, chatty);
      expect(sessions.count).toBe(totalBytes);
      expect(problemsOf(runKey, 1, day, chatty)).toEqual([]);
    }
  });
});

describe('determinism', () => {
  it('D1 same arguments give the same day, whatever was asked before and in whatever order', () => {
    const cases: [number, number, DeviceProfile][] = [];
    for (let device = 0; device < 20; device++) {
      for (let day = firstDay; day < firstDay + 10; day++) {
        cases.push([device, day, BUILT_IN_PROFILES[BUILT_IN_PROFILE_NAMES[(device + day) % 5]!]]);
      }
    }
    const expand = ([device, day, profile]: (typeof cases)[number]) => ({
      totals: totalsOf(runKey, device, day, profile),
      sessions: daySessions(runKey, device, day, profile),
    });
    const inOrder = cases.map(expand);
    // Reversed, with other devices, days, profiles and run keys asked for in between.
    const reversed = cases
      .map((c, i) => {
        daySessions(runKey + 1, 999, c[1], BUILT_IN_PROFILES.tracker);
        totalsOf(runKey, 5000 + i, c[1] + 1, BUILT_IN_PROFILES.meter);
        return [i, c] as const;
      })
      .reverse()
      .map(([i, c]) => [i, expand(c)] as const);
    for (const [i, result] of reversed) expect(result).toEqual(inOrder[i]);
  });

  it('is pinned: these numbers feed every run hash, so a change must be deliberate', () => {
    const pinned = BUILT_IN_PROFILE_NAMES.map((name) => {
      const { totalBytes, whitelistedBytes } = totalsOf(runKey, 7, firstDay + 1, BUILT_IN_PROFILES[name]);
      const sessions = daySessions(runKey, 7, firstDay + 1, BUILT_IN_PROFILES[name]);
      return `${name} ${totalBytes} ${whitelistedBytes} ${sessions.count} ${sessions.offsetMs[0]} ${sessions.bytes[0]}`;
    });
    expect(pinned).toMatchInlineSnapshot(`
      [
        "meter 5247 4722 2 2632156 4722",
        "tracker 1447434 1157947 80 2193909 2896",
        "pos 2240520 1568364 21 32529725 61036",
        "camera 8684227 4342114 16 8916804 540833",
        "idle 0 0 0 undefined undefined",
      ]
    `);
  });

  it('returns fresh arrays: changing one day\u2019s sessions changes no later answer', () => {
    const first = daySessions(runKey, 3, firstDay, BUILT_IN_PROFILES.camera);
    const copy = { ...first, bytes: first.bytes.slice(), offsetMs: first.offsetMs.slice() };
    first.bytes.fill(0);
    first.offsetMs.fill(0);
    const again = daySessions(runKey, 3, firstDay, BUILT_IN_PROFILES.camera);
    expect(again.bytes).toEqual(copy.bytes);
    expect(again.offsetMs).toEqual(copy.offsetMs);
  });

  it('different devices, days and runs get independent-looking volumes', () => {
    const log = (key: number, device: number, day: number) =>
      Math.log(totalsOf(key, device, day, BUILT_IN_PROFILES.camera).totalBytes);
    const here: number[] = [];
    const nextDevice: number[] = [];
    const nextDay: number[] = [];
    const otherRun: number[] = [];
    for (let device = 0; device < 100; device++) {
      for (let day = firstDay; day < firstDay + 100; day++) {
        here.push(log(runKey, device, day));
        nextDevice.push(log(runKey, device + 1, day));
        nextDay.push(log(runKey, device, day + 1));
        otherRun.push(log(runKeyOf(43), device, day));
      }
    }
    for (const other of [nextDevice, nextDay, otherRun])
      expect(Math.abs(correlation(here, other))).toBeLessThan(0.04);
  });
});

describe('volumes and sessions have the profile\u2019s means', () => {
  it('D1 meter: a few KB a day', () => {
    const daily = meanDaily(BUILT_IN_PROFILES.meter, 200, 100, (t) => t.totalBytes);
    expect(daily / (0.005 * MB)).toBeCloseTo(1, 1);
  });

  it('D1 tracker: ~1.5 MB a day, 80 % of it whitelisted', () => {
    expect(meanDaily(BUILT_IN_PROFILES.tracker, 100, 100, (t) => t.totalBytes) / (1.5 * MB)).toBeCloseTo(
      1,
      1,
    );
    const share =
      meanDaily(BUILT_IN_PROFILES.tracker, 100, 100, (t) => t.whitelistedBytes) /
      meanDaily(BUILT_IN_PROFILES.tracker, 100, 100, (t) => t.totalBytes);
    expect(share).toBeCloseTo(0.8, 3);
  });

  it('D1 pos: ~4 MB a weekday despite a large spread', () => {
    expect(meanDaily(BUILT_IN_PROFILES.pos, 200, 140, (t) => t.totalBytes) / (4 * MB)).toBeCloseTo(1, 1);
  });

  it('D1 camera: hundreds of MB a month', () => {
    const monthlyMB = (meanDaily(BUILT_IN_PROFILES.camera, 100, 120, (t) => t.totalBytes) * 30) / MB;
    expect(monthlyMB).toBeGreaterThan(270);
    expect(monthlyMB).toBeLessThan(330);
  });

  it('D1 session counts average sessionsPerDay, silent days included', () => {
    for (const profile of [BUILT_IN_PROFILES.meter, BUILT_IN_PROFILES.tracker]) {
      let sessions = 0;
      for (let device = 0; device < 100; device++) {
        for (let day = firstDay; day < firstDay + 50; day++)
          sessions += daySessions(runKey, device, day, profile).count;
      }
      expect(sessions / 5000 / profile.sessionsPerDay).toBeCloseTo(1, 1);
    }
  });

  it('D1 a rare reporter is silent on e^-mean of days and keeps its mean on the others', () => {
    const weekly = makeProfile('weekly', { dailyMB: 1, sessionsPerDay: 1 / 7, dailySpread: 0.2 });
    const silent = meanDaily(weekly, 200, 100, (t) => (t.totalBytes === 0 ? 1 : 0));
    expect(silent).toBeCloseTo(Math.exp(-1 / 7), 1);
    expect(meanDaily(weekly, 200, 100, (t) => t.totalBytes) / MB).toBeCloseTo(1, 1);
  });

  it('D1 a day of a few bytes keeps its mean through the rounding', () => {
    const tiny = makeProfile('tiny', { dailyMB: 2.5 / MB, sessionsPerDay: 30, dailySpread: 0 });
    expect(meanDaily(tiny, 100, 100, (t) => t.totalBytes)).toBeCloseTo(2.5, 1);
  });
});

describe('calendar and hours', () => {
  it('D1 day 0 (1970-01-01) is a Thursday, in Beijing day numbering', () => {
    expect(dayOfWeek(0)).toBe(4);
    expect(dayOfWeek(-1)).toBe(3);
    expect(dayOfWeek(firstDay)).toBe(4); // 2026-01-01
    expect(dayOfWeek(Date.UTC(2026, 0, 17) / DAY_MS)).toBe(6); // a Saturday
  });

  it('D1 pos is silent on Saturdays and Sundays and busy in business hours on weekdays', () => {
    let weekdaysWithTraffic = 0;
    for (let device = 0; device < 50; device++) {
      for (let day = firstDay; day < firstDay + 28; day++) {
        const { totalBytes } = totalsOf(runKey, device, day, BUILT_IN_PROFILES.pos);
        const weekend = dayOfWeek(day) === 0 || dayOfWeek(day) === 6;
        if (weekend) expect(totalBytes).toBe(0);
        else if (totalBytes > 0) weekdaysWithTraffic++;
        for (const offset of daySessions(runKey, device, day, BUILT_IN_PROFILES.pos).offsetMs) {
          expect(offset).toBeGreaterThanOrEqual(9 * HOUR_MS);
          expect(offset).toBeLessThan(21 * HOUR_MS);
        }
      }
    }
    expect(weekdaysWithTraffic).toBe(50 * 20);
  });

  it('D1 idle sends nothing, ever, and overwrites what `out` held', () => {
    for (let device = 0; device < 100; device++) {
      for (let day = firstDay; day < firstDay + 100; day++) {
        expect(totalsOf(runKey, device, day, BUILT_IN_PROFILES.idle)).toEqual({
          totalBytes: 0,
          whitelistedBytes: 0,
        });
        expect(daySessions(runKey, device, day, BUILT_IN_PROFILES.idle).count).toBe(0);
      }
    }
  });
});

function correlation(xs: readonly number[], ys: readonly number[]): number {
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
