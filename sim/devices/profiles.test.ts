import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_PROFILE_NAMES,
  BUILT_IN_PROFILES,
  DeviceProfileError,
  isBuiltInProfile,
  makeProfile,
  type DeviceProfileInput,
} from './profiles.ts';

describe('built-in device profiles', () => {
  it('D1 meter, tracker, pos, camera and idle are built in, valid and frozen', () => {
    expect(Object.keys(BUILT_IN_PROFILES)).toEqual([...BUILT_IN_PROFILE_NAMES]);
    for (const name of BUILT_IN_PROFILE_NAMES) {
      const profile = BUILT_IN_PROFILES[name];
      expect(profile.name).toBe(name);
      const { name: _name, ...fields } = profile;
      expect(makeProfile(name, fields)).toEqual(profile);
      expect(Object.isFrozen(profile)).toBe(true);
      expect(Object.isFrozen(profile.activeHours)).toBe(true);
      expect(isBuiltInProfile(name)).toBe(true);
    }
    expect(isBuiltInProfile('toaster')).toBe(false);
    expect(isBuiltInProfile('toString')).toBe(false);
  });

  it('D1 are sized as the design says', () => {
    const { meter, tracker, pos, camera, idle } = BUILT_IN_PROFILES;
    expect(meter.dailyMB * 1024).toBeGreaterThan(1); // a few KB a day
    expect(meter.dailyMB * 1024).toBeLessThan(20);
    expect(tracker.sessionsPerDay).toBeGreaterThanOrEqual(48); // small and frequent
    expect(pos.activeHours).toEqual([9, 21]);
    expect(pos.activeDays).toBe('weekdays');
    expect(pos.dailySpread).toBeGreaterThanOrEqual(1); // bursty
    expect(camera.dailyMB * 30).toBeGreaterThan(100); // hundreds of MB a month
    expect(camera.dailyMB * 30).toBeLessThan(1000);
    expect(idle.dailyMB).toBe(0);
    expect(idle.sessionsPerDay).toBe(0);
  });

  it('every profile has the same keys in the same order, so the fast path sees one shape', () => {
    const shapes = new Set(
      [...Object.values(BUILT_IN_PROFILES), makeProfile('sensor', { dailyMB: 1, sessionsPerDay: 2 })].map(
        (p) => Object.keys(p).join(),
      ),
    );
    expect([...shapes]).toEqual([
      'name,dailyMB,dailySpread,sessionsPerDay,activeHours,whitelistedShare,activeDays',
    ]);
  });
});

describe('makeProfile', () => {
  it('D1 a scenario defines its own profile; unset fields take the defaults', () => {
    expect(makeProfile('sensor', { dailyMB: 0.2, sessionsPerDay: 12, dailySpread: undefined })).toEqual({
      name: 'sensor',
      dailyMB: 0.2,
      dailySpread: 0.5,
      sessionsPerDay: 12,
      activeHours: [0, 24],
      whitelistedShare: 0,
      activeDays: 'all',
    });
  });

  it('D1 a built-in name starts from the built-in numbers', () => {
    const shop = makeProfile('pos', { activeDays: 'all' });
    expect(shop).toEqual({ ...BUILT_IN_PROFILES.pos, activeDays: 'all' });
    expect(makeProfile('camera', { dailyMB: 20 }).sessionsPerDay).toBe(
      BUILT_IN_PROFILES.camera.sessionsPerDay,
    );
  });

  it('copies activeHours, so changing the input later changes nothing', () => {
    const hours: [number, number] = [8, 18];
    const profile = makeProfile('office', { dailyMB: 1, sessionsPerDay: 3, activeHours: hours });
    hours[0] = 0;
    expect(profile.activeHours).toEqual([8, 18]);
  });

  const base: DeviceProfileInput = { dailyMB: 1, sessionsPerDay: 4 };
  const refused: [string, string, DeviceProfileInput, RegExp][] = [
    ['dailyMB', 'negative', { ...base, dailyMB: -1 }, /dailyMB must be between 0 and/],
    ['dailyMB', 'NaN', { ...base, dailyMB: Number.NaN }, /dailyMB must be a finite number/],
    ['dailyMB', 'missing', { sessionsPerDay: 4 }, /dailyMB is required/],
    ['sessionsPerDay', 'negative', { ...base, sessionsPerDay: -0.5 }, /sessionsPerDay must be between 0 and/],
    ['sessionsPerDay', 'missing', { dailyMB: 1 }, /sessionsPerDay is required/],
    [
      'sessionsPerDay',
      'zero with traffic',
      { ...base, sessionsPerDay: 0 },
      /sessionsPerDay must be > 0 when dailyMB > 0/,
    ],
    ['dailySpread', 'negative', { ...base, dailySpread: -0.1 }, /dailySpread must be between 0 and 4/],
    ['dailySpread', 'infinite', { ...base, dailySpread: Infinity }, /dailySpread must be a finite number/],
    [
      'whitelistedShare',
      'above 1',
      { ...base, whitelistedShare: 1.5 },
      /whitelistedShare must be between 0 and 1/,
    ],
    [
      'whitelistedShare',
      'negative',
      { ...base, whitelistedShare: -0.1 },
      /whitelistedShare must be between 0 and 1/,
    ],
    ['activeHours', 'reversed', { ...base, activeHours: [20, 8] }, /activeHours must have from < to/],
    ['activeHours', 'empty', { ...base, activeHours: [8, 8] }, /activeHours must have from < to/],
    ['activeHours', 'past 24', { ...base, activeHours: [0, 25] }, /activeHours must be between 0 and 24/],
    ['activeHours', 'negative', { ...base, activeHours: [-1, 5] }, /activeHours must be between 0 and 24/],
    [
      'activeHours',
      'not a pair',
      { ...base, activeHours: [1] as unknown as [number, number] },
      /activeHours must be \[from, to\]/,
    ],
    [
      'activeDays',
      'unknown',
      { ...base, activeDays: 'weekends' as 'all' },
      /activeDays must be "all" or "weekdays"/,
    ],
    ['dailyMb', 'misspelt', { ...base, dailyMb: 1 } as DeviceProfileInput, /dailyMb is not a profile field/],
  ];
  it.each(refused)('D1 refuses %s when %s, naming the field', (field, _case, input, message) => {
    let thrown: unknown;
    try {
      makeProfile('sensor', input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DeviceProfileError);
    expect((thrown as DeviceProfileError).field).toBe(field);
    expect((thrown as Error).message).toMatch(/^Device profile "sensor": /);
    expect((thrown as Error).message).toMatch(message);
  });

  it('refuses an empty name', () => {
    expect(() => makeProfile(' ', base)).toThrow(/name must be a non-empty string/);
  });

  it('accepts the edges of every range', () => {
    expect(() =>
      makeProfile('edge', { ...base, activeHours: [0, 24], whitelistedShare: 1, dailySpread: 0 }),
    ).not.toThrow();
    expect(() => makeProfile('edge', { dailyMB: 0, sessionsPerDay: 0, whitelistedShare: 0 })).not.toThrow();
    expect(() => makeProfile('edge', { ...base, activeHours: [23.5, 24] })).not.toThrow();
  });
});
