// Device profiles (RULES D1): what a kind of device sends in a day, as a handful of numbers that the
// traffic generator (day-traffic.ts) turns into a day's total and, on demand, its sessions.
// Built-in profiles cover the usual IoT fleet; a scenario defines its own with makeProfile().

export interface DeviceProfile {
  readonly name: string;
  /** Mean volume per day in MB (1 MB = 1,048,576 bytes), over every day the device is on, silent days
   *  included; for a weekdays-only profile, the mean per weekday. */
  readonly dailyMB: number;
  /** Sigma of the log-normal day-to-day variation of the volume; 0 = the same volume every active day. */
  readonly dailySpread: number;
  /** Mean sessions per day (Poisson). A day with no session carries nothing, so when this is small
   *  most days are silent and the others carry more, keeping the mean at dailyMB. */
  readonly sessionsPerDay: number;
  /** Sessions start within [from, to) hours of the Beijing day, 0 to 24. */
  readonly activeHours: readonly [from: number, to: number];
  /** 0 to 1: the share of the traffic that goes to whitelisted destinations (V6). */
  readonly whitelistedShare: number;
  /** 'weekdays': nothing on Saturdays and Sundays (Beijing calendar). Always filled by makeProfile(). */
  readonly activeDays?: 'all' | 'weekdays';
}

/** The fields a scenario may set; `undefined` counts as not set, so parsed input can be passed as is. */
export type DeviceProfileInput = {
  [Field in Exclude<keyof DeviceProfile, 'name'>]?: DeviceProfile[Field] | undefined;
};

export class DeviceProfileError extends Error {
  override name = 'DeviceProfileError';
  constructor(
    readonly profile: string,
    readonly field: string,
    problem: string,
  ) {
    super(`Device profile ${JSON.stringify(profile)}: ${field} ${problem}.`);
  }
}

// Bounds that keep the generator's integers exact and its slow path small, not limits of any real
// device: 1 TB a day is beyond any cellular link, a session a second is beyond any IoT duty cycle, and
// with a sigma above 4 the median day is under 0.04 % of the mean, which no profile means to say.
const MAX_DAILY_MB = 1_048_576;
const MAX_SESSIONS_PER_DAY = 86_400;
const MAX_DAILY_SPREAD = 4;

const FIELDS: readonly string[] = [
  'dailyMB',
  'dailySpread',
  'sessionsPerDay',
  'activeHours',
  'whitelistedShare',
  'activeDays',
];

/** What a scenario-defined profile gets when it leaves a field out. The volume and the session rate
 *  have no defaults: any guess would silently make a device carry traffic nobody asked for. */
const CUSTOM_DEFAULTS = {
  // A moderate spread: a day can be about twice or half the mean without being remarkable.
  dailySpread: 0.5,
  activeHours: [0, 24] as const,
  // Plans without a whitelist (V6) ignore the share; a directional plan then blocks everything, which is
  // what a device that was never told about the whitelist would see.
  whitelistedShare: 0,
  activeDays: 'all' as const,
};

function finiteNumber(profile: string, field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new DeviceProfileError(profile, field, `must be a finite number (got ${JSON.stringify(value)})`);
  }
  return value;
}

function inRange(profile: string, field: string, value: unknown, min: number, max: number): number {
  const n = finiteNumber(profile, field, value);
  if (n < min || n > max)
    throw new DeviceProfileError(profile, field, `must be between ${min} and ${max} (got ${n})`);
  return n;
}

function activeHoursOf(profile: string, value: unknown): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new DeviceProfileError(
      profile,
      'activeHours',
      `must be [from, to] in hours (got ${JSON.stringify(value)})`,
    );
  }
  const from = inRange(profile, 'activeHours', value[0], 0, 24);
  const to = inRange(profile, 'activeHours', value[1], 0, 24);
  if (!(from < to)) {
    throw new DeviceProfileError(
      profile,
      'activeHours',
      `must have from < to, within 0 to 24 (got [${from}, ${to}])`,
    );
  }
  return Object.freeze([from, to] as const);
}

/**
 * A validated profile: every field filled, frozen, always with the same keys in the same order (so the
 * traffic fast path sees one object shape). A built-in name starts from that built-in's numbers
 * (`makeProfile('pos', { activeDays: 'all' })` is a seven-day shop); any other name must give
 * dailyMB and sessionsPerDay. Throws DeviceProfileError naming the field.
 */
export function makeProfile(name: string, input: DeviceProfileInput = {}): DeviceProfile {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new DeviceProfileError(String(name), 'name', 'must be a non-empty string');
  }
  for (const field of Object.keys(input)) {
    if (!FIELDS.includes(field)) {
      throw new DeviceProfileError(name, field, `is not a profile field (known: ${FIELDS.join(', ')})`);
    }
  }
  const base: DeviceProfileInput = isBuiltInProfile(name) ? BUILT_IN_INPUTS[name] : CUSTOM_DEFAULTS;
  const pick = <Field extends keyof DeviceProfileInput>(field: Field): DeviceProfileInput[Field] =>
    input[field] ?? base[field];
  for (const field of ['dailyMB', 'sessionsPerDay'] as const) {
    if (pick(field) === undefined)
      throw new DeviceProfileError(name, field, 'is required for a profile of its own');
  }
  const dailyMB = inRange(name, 'dailyMB', pick('dailyMB'), 0, MAX_DAILY_MB);
  const sessionsPerDay = inRange(name, 'sessionsPerDay', pick('sessionsPerDay'), 0, MAX_SESSIONS_PER_DAY);
  if (dailyMB > 0 && sessionsPerDay === 0) {
    throw new DeviceProfileError(
      name,
      'sessionsPerDay',
      'must be > 0 when dailyMB > 0 (traffic needs sessions)',
    );
  }
  const activeDays = pick('activeDays');
  if (activeDays !== 'all' && activeDays !== 'weekdays') {
    throw new DeviceProfileError(
      name,
      'activeDays',
      `must be "all" or "weekdays" (got ${JSON.stringify(activeDays)})`,
    );
  }
  return Object.freeze({
    name,
    dailyMB,
    dailySpread: inRange(name, 'dailySpread', pick('dailySpread'), 0, MAX_DAILY_SPREAD),
    sessionsPerDay,
    activeHours: activeHoursOf(name, pick('activeHours')),
    whitelistedShare: inRange(name, 'whitelistedShare', pick('whitelistedShare'), 0, 1),
    activeDays,
  });
}

export const BUILT_IN_PROFILE_NAMES = ['meter', 'tracker', 'pos', 'camera', 'idle'] as const;
export type BuiltInProfileName = (typeof BUILT_IN_PROFILE_NAMES)[number];

// The built-ins are decisions (D1), sized after common IoT devices; each number says why.
const BUILT_IN_INPUTS: Readonly<Record<BuiltInProfileName, Required<DeviceProfileInput>>> = {
  // A smart utility meter (NB-IoT / Cat-M1): a reading every six hours of a few hundred bytes of payload
  // plus about 1 KB of protocol overhead, so ~5 KB a day (0.005 MB = 5,243 bytes). The schedule is fixed,
  // so days barely vary (sigma 0.1: retries and the odd firmware check). Nine tenths goes to the
  // utility's head-end (the whitelist of a directional plan); the rest is DNS, NTP and vendor checks.
  meter: {
    dailyMB: 0.005,
    dailySpread: 0.1,
    sessionsPerDay: 4,
    activeHours: [0, 24],
    whitelistedShare: 0.9,
    activeDays: 'all',
  },
  // A vehicle or asset tracker: a position report every 15 minutes (96 a day) of ~16 KB with its
  // overhead, so ~1.5 MB a day (~45 MB a month). Days vary with how much the asset moves (sigma 0.3).
  // The tracking platform is whitelisted; assisted-GPS and map downloads from other hosts are not.
  tracker: {
    dailyMB: 1.5,
    dailySpread: 0.3,
    sessionsPerDay: 96,
    activeHours: [0, 24],
    whitelistedShare: 0.8,
    activeDays: 'all',
  },
  // A payment terminal at a business that trades on weekdays in business hours (9:00-21:00): about 30
  // sessions a day (transactions and heartbeats), ~4 MB a working day (~87 MB a month). Bursty: sigma 1
  // puts the median day at 61 % of the mean and one day in twenty above 3x it (a sale, a month end).
  // Weekdays only, so the built-ins include one with silent weekends; a seven-day shop is
  // makeProfile('pos', { activeDays: 'all' }). The payment gateway takes 70 %; app updates the rest.
  pos: {
    dailyMB: 4,
    dailySpread: 1,
    sessionsPerDay: 30,
    activeHours: [9, 21],
    whitelistedShare: 0.7,
    activeDays: 'weekdays',
  },
  // A security camera uploading snapshots and motion clips, roughly hourly: ~10 MB a day, ~300 MB a
  // month ("hundreds of MB a month"). Motion varies from day to day (sigma 0.5). Half goes to the
  // customer's own video platform, half to the vendor's cloud and relay servers.
  camera: {
    dailyMB: 10,
    dailySpread: 0.5,
    sessionsPerDay: 24,
    activeHours: [0, 24],
    whitelistedShare: 0.5,
    activeDays: 'all',
  },
  // A card in a device that is on but sends nothing (or in a drawer): the control case for D3 and L4.
  idle: {
    dailyMB: 0,
    dailySpread: 0,
    sessionsPerDay: 0,
    activeHours: [0, 24],
    whitelistedShare: 0,
    activeDays: 'all',
  },
};

export function isBuiltInProfile(name: string): name is BuiltInProfileName {
  return Object.hasOwn(BUILT_IN_INPUTS, name);
}

export const BUILT_IN_PROFILES: Readonly<Record<BuiltInProfileName, DeviceProfile>> = Object.freeze({
  meter: makeProfile('meter'),
  tracker: makeProfile('tracker'),
  pos: makeProfile('pos'),
  camera: makeProfile('camera'),
  idle: makeProfile('idle'),
});
