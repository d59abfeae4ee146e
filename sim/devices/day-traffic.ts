// A device's traffic for one Beijing day (RULES D1, V6), as a pure function of (run key, device index,
// day index, profile): no stream state, so any day of any device can be regenerated in any order, on
// any worker, with the same result.
//
// Two paths. The world asks every device every day for the day's total: dayTotals() is O(1), a few
// hashes and at most one exp, and allocates nothing. Only on the rare card-days where something
// happens mid-day (a limit crossed, an operation, a device change) does it ask for the sessions:
// daySessions() allocates and costs about 0.1 µs per session, and its sessions add up exactly
// to the totals dayTotals() gave, because it starts from them.
import { MB } from '../plans/data-size.ts';
import { HOUR_MS } from '../time/calendar.ts';
import {
  fmix32,
  mix32,
  normalAt,
  poissonQuantile,
  UNIFORM_OFFSET,
  UNIFORM_SCALE,
  uniformAt,
} from './counter-rng.ts';
import type { DeviceProfile } from './profiles.ts';
import type { SessionArena } from './session-arena.ts';

export interface DayTotals {
  /** Whole bytes the device tries to send that day. */
  totalBytes: number;
  /** The part of totalBytes that goes to whitelisted destinations (V6). */
  whitelistedBytes: number;
}

export interface DaySessions {
  readonly count: number;
  /** Start of each session in ms since 00:00 of the Beijing day: ascending, within activeHours. */
  readonly offsetMs: Int32Array;
  /** Whole bytes of each session, each >= 1; they sum to the day's totalBytes. */
  readonly bytes: Float64Array;
  /** 1 where the session's destination is whitelisted; those sessions sum to whitelistedBytes. */
  readonly whitelisted: Uint8Array;
}

// Keeps these keys apart from any other user of counter-rng.ts hashing the same (device, day).
const TRAFFIC_SALT = 0x74726166;
const SESSIONS_SALT = 0x73657373;
// Draw numbers within a day's key. ACTIVITY is shared by both paths: it decides whether the day has
// any session (fast path) and how many (slow path), so the two can never disagree.
const ACTIVITY_DRAW = 0;
const VOLUME_DRAW = 1;
const ROUNDING_DRAW = 2;

// A guard, not a model: keeps a day's bytes, and every sum of them over a year, exact in a double even
// for an extreme profile at the far tail of its log-normal (2^48 bytes = 256 TB).
const MAX_DAY_BYTES = 2 ** 48;
// From this mean on, e^-mean (1.03e-10 at 23) is below the smallest uniform uniformAt() returns
// (1.16e-10), so no day can be silent and the silence test is skipped: the frequent profiles
// (tracker, pos, camera) then cost three hashes and one exp a day. The mean's bias is < 1e-10.
const NEVER_SILENT_MEAN = 23;

/** Day of the week of a Beijing day index, 0 = Sunday ... 6 = Saturday (day 0, 1970-01-01, a Thursday). */
export function dayOfWeek(dayIndex: number): number {
  return (((dayIndex + 4) % 7) + 7) % 7;
}

// The silence test's two exps for the last session mean seen: a cache of a pure function, so it never
// changes a result, only skips recomputing them while the world walks a run of cards of one profile
// (12 of the 47 ns a meter's day cost without it).
const silence = { sessionsMean: NaN, chance: 0, activeScale: 1 };
function rememberSilence(sessionsMean: number): void {
  silence.sessionsMean = sessionsMean;
  silence.chance = Math.exp(-sessionsMean);
  // 1 / (1 - e^-mean); below a mean of 1e-4, 1 - e^-mean loses digits and expm1 keeps them.
  silence.activeScale = 1 / (sessionsMean < 1e-4 ? -Math.expm1(-sessionsMean) : 1 - silence.chance);
}

// The salt is XORed in rather than hashed in: one hash fewer per card-day, and the hashes after it
// spread it as well.
function dayKey(runKey: number, deviceIndex: number, dayIndex: number): number {
  return mix32(mix32(runKey ^ TRAFFIC_SALT, deviceIndex), dayIndex);
}

/**
 * D1: the day's total and whitelisted bytes, written into `out` (no allocation). 0 for an idle profile,
 * a weekend of a weekdays-only profile, or a day on which the Poisson session count is 0.
 * The profile is trusted: build it with makeProfile(), which validates once rather than every day.
 */
export function dayTotals(
  runKey: number,
  deviceIndex: number,
  dayIndex: number,
  profile: DeviceProfile,
  out: DayTotals,
): void {
  out.totalBytes = 0;
  out.whitelistedBytes = 0;
  const sessionsMean = profile.sessionsPerDay;
  const meanBytes = profile.dailyMB * MB;
  if (!(meanBytes > 0 && sessionsMean > 0)) return;
  if (profile.activeDays === 'weekdays') {
    const weekday = dayOfWeek(dayIndex);
    if (weekday === 0 || weekday === 6) return;
  }
  const key = dayKey(runKey, deviceIndex, dayIndex);
  // A day is silent when its Poisson session count is 0, i.e. with probability e^-mean. The days that
  // do send carry the silent days' share too, so that the mean over all days is dailyMB.
  let volume = meanBytes;
  if (sessionsMean < NEVER_SILENT_MEAN) {
    if (sessionsMean !== silence.sessionsMean) rememberSilence(sessionsMean);
    if (uniformAt(key, ACTIVITY_DRAW) < silence.chance) return;
    volume *= silence.activeScale;
  }
  const sigma = profile.dailySpread;
  // Log-normal with mu = -sigma^2/2 around 1, so its mean is exactly 1 and the volume's is unchanged.
  if (sigma > 0) volume *= Math.exp(sigma * normalAt(key, VOLUME_DRAW) - 0.5 * sigma * sigma);
  volume = Math.min(volume, MAX_DAY_BYTES);
  // Rounding up with probability equal to the fraction keeps the mean exact even for a profile of a
  // few bytes a day, where plain rounding would be biased.
  const totalBytes = Math.floor(volume + uniformAt(key, ROUNDING_DRAW));
  out.totalBytes = totalBytes;
  // V6: the whitelisted share is exact, not drawn, so the fast path needs nothing more; daySessions()
  // splits the day's sessions to match it. floor(x + 0.5) rather than Math.round, whose half-way
  // branch V8 mispredicts on random fractions (measured: 10 ns of a 40 ns call).
  out.whitelistedBytes = Math.floor(totalBytes * profile.whitelistedShare + 0.5);
}

/**
 * D1: dayTotals() of many devices at once, written into columns: the day's planning asks it of every
 * card every day. The same arithmetic in the same order as dayTotals(), so the same numbers to the
 * bit (a property test holds them together); what it saves is the lookups. A card is a slot (its
 * device's profile, or -1 for no powered device) and a device index, both plain integers, so the loop
 * reads typed arrays in order instead of following each card to its device and profile objects,
 * which at 100,000 cards missed the CPU cache on nearly every card.
 */
export class DayTotalsTable {
  private readonly slots = new Map<DeviceProfile, number>();
  private readonly profiles: DeviceProfile[] = [];
  /** Per slot, the day's constants (see fill()): SLOT_FIELDS numbers each. */
  private day = new Float64Array(SLOT_FIELDS * 8);
  /** Scratch: each card's day key, by card (dayKeys()). */
  private keys = new Int32Array(1024);

  /** The slot of a profile: a small integer, the same for the same profile object. */
  slotOf(profile: DeviceProfile): number {
    let slot = this.slots.get(profile);
    if (slot === undefined) {
      slot = this.profiles.length;
      this.slots.set(profile, slot);
      this.profiles.push(profile);
    }
    return slot;
  }

  /**
   * Totals of cards 0 .. count-1 for one day: card i's device is deviceOf[i] with profile slot
   * slotOf[i] (-1: no powered device, so 0 bytes).
   */
  fill(
    runKey: number,
    dayIndex: number,
    slotOf: Int32Array,
    deviceOf: Int32Array,
    count: number,
    totalBytes: Float64Array,
    whitelistedBytes: Float64Array,
  ): void {
    const day = this.dayConstants(dayIndex);
    const keys = this.dayKeys(runKey, dayIndex, deviceOf, count);
    for (let i = 0; i < count; i++) {
      const slot = slotOf[i]!;
      const at = slot * SLOT_FIELDS;
      if (slot < 0 || day[at + SENDS_TODAY] === 0) {
        totalBytes[i] = 0;
        whitelistedBytes[i] = 0;
        continue;
      }
      const key = keys[i]!;
      let volume = day[at + MEAN_BYTES]!;
      const silenceChance = day[at + SILENCE_CHANCE]!;
      if (silenceChance >= 0) {
        // uniformAt(key, ACTIVITY_DRAW), written out (UNIFORM_SCALE says why).
        if ((mix32(key, ACTIVITY_DRAW) + UNIFORM_OFFSET) * UNIFORM_SCALE < silenceChance) {
          totalBytes[i] = 0;
          whitelistedBytes[i] = 0;
          continue;
        }
        volume *= day[at + ACTIVE_SCALE]!;
      }
      const sigma = day[at + SIGMA]!;
      if (sigma > 0) volume *= Math.exp(sigma * normalAt(key, VOLUME_DRAW) - day[at + HALF_SIGMA_SQUARED]!);
      // Math.min, not `if (volume > MAX) volume = MAX`: bundled (esbuild makes module constants
      // variables), that assignment merged a boxed number into volume, and every card-day allocated.
      volume = Math.min(volume, MAX_DAY_BYTES);
      const total = Math.floor(volume + (mix32(key, ROUNDING_DRAW) + UNIFORM_OFFSET) * UNIFORM_SCALE);
      totalBytes[i] = total;
      whitelistedBytes[i] = Math.floor(total * day[at + WHITELISTED_SHARE]! + 0.5);
    }
  }

  /**
   * Each card's day key (dayKey), in a pass of its own. Why a pass: V8 inlines at most about 900
   * bytes of code into one function, a mix32 is about 200, and fill() needs five of them; past the
   * budget a draw stays a call, whose number comes back boxed: an allocation per card-day.
   */
  private dayKeys(runKey: number, dayIndex: number, deviceOf: Int32Array, count: number): Int32Array {
    if (this.keys.length < count) this.keys = new Int32Array(Math.max(count, this.keys.length * 2));
    const keys = this.keys;
    const salted = runKey ^ TRAFFIC_SALT;
    // mix32(mix32(salted, device), dayIndex) with the block mixing written out and the day's block
    // mixed once: V8 did not always inline mix32 here, and a call a card-day was a tenth of the pass.
    // fmix32 stays a call where V8 wants: it returns an integer, which costs no allocation.
    let dayBlock = Math.imul(dayIndex | 0, 0xcc9e2d51);
    dayBlock = (dayBlock << 15) | (dayBlock >>> 17);
    dayBlock = Math.imul(dayBlock, 0x1b873593);
    for (let i = 0; i < count; i++) {
      let k = Math.imul(deviceOf[i]! | 0, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      let h = salted ^ k;
      h = (h << 13) | (h >>> 19);
      h = fmix32((Math.imul(h, 5) + 0xe6546b64) | 0) ^ dayBlock;
      h = (h << 13) | (h >>> 19);
      keys[i] = fmix32((Math.imul(h, 5) + 0xe6546b64) | 0);
    }
    return keys;
  }

  /** Each slot's constants for the day, as dayTotals() derives them from the profile. */
  private dayConstants(dayIndex: number): Float64Array {
    if (this.day.length < this.profiles.length * SLOT_FIELDS)
      this.day = new Float64Array(this.profiles.length * SLOT_FIELDS * 2);
    const weekday = dayOfWeek(dayIndex);
    const weekend = weekday === 0 || weekday === 6;
    const day = this.day;
    for (const [slot, profile] of this.profiles.entries()) {
      const at = slot * SLOT_FIELDS;
      const sessionsMean = profile.sessionsPerDay;
      const meanBytes = profile.dailyMB * MB;
      const sigma = profile.dailySpread;
      day[at + SENDS_TODAY] =
        meanBytes > 0 && sessionsMean > 0 && !(profile.activeDays === 'weekdays' && weekend) ? 1 : 0;
      day[at + MEAN_BYTES] = meanBytes;
      day[at + SILENCE_CHANCE] = -1;
      day[at + ACTIVE_SCALE] = 1;
      if (sessionsMean < NEVER_SILENT_MEAN) {
        if (sessionsMean !== silence.sessionsMean) rememberSilence(sessionsMean);
        day[at + SILENCE_CHANCE] = silence.chance;
        day[at + ACTIVE_SCALE] = silence.activeScale;
      }
      day[at + SIGMA] = sigma;
      day[at + HALF_SIGMA_SQUARED] = 0.5 * sigma * sigma;
      day[at + WHITELISTED_SHARE] = profile.whitelistedShare;
    }
    return day;
  }
}

// A slot's constants in DayTotalsTable's day array.
const SENDS_TODAY = 0;
const MEAN_BYTES = 1;
/** e^-sessionsPerDay, or -1 for a profile that is never silent. */
const SILENCE_CHANCE = 2;
const ACTIVE_SCALE = 3;
const SIGMA = 4;
const HALF_SIGMA_SQUARED = 5;
const WHITELISTED_SHARE = 6;
const SLOT_FIELDS = 8;

const EMPTY_DAY: DaySessions = Object.freeze({
  count: 0,
  offsetMs: new Int32Array(0),
  bytes: new Float64Array(0),
  whitelisted: new Uint8Array(0),
});

// One totals record for every call: each call overwrites it before reading it, so nothing leaks from
// one call to the next (and JavaScript never runs two calls at once in a thread).
//
// A day's sessions draw uniformAt(sessionKey, 0), (sessionKey, 1), ... in a fixed order: the
// whitelisted ones chosen, then the start times, then the sizes. The helpers take the key and the
// next draw's number and return the number after their last. Each uniform is written out as
// (mix32(...) + UNIFORM_OFFSET) * UNIFORM_SCALE, and an exponential as -log(u) (as
// CounterRng.exponential(1) computes it: -1 * x and -x are the same double): V8 does not inline
// every call in loops this size, and a call that returns a fraction boxes it, where mix32's integer
// comes back as is. Through a generator object's methods, the boxing was a third of a session's cost.
const totals: DayTotals = { totalBytes: 0, whitelistedBytes: 0 };

/**
 * D1, V6: the day's sessions. Exactly dayTotals()'s bytes for the same arguments, every session >= 1
 * byte, at least one whitelisted session when whitelistedBytes > 0 and one other when the rest > 0,
 * sorted by start time. The count is the day's Poisson(sessionsPerDay) draw, raised to what those
 * rules need and capped at one session per byte. With an arena, the sessions are views into it, valid
 * until it is reset; without, they are arrays of their own.
 */
export function daySessions(
  runKey: number,
  deviceIndex: number,
  dayIndex: number,
  profile: DeviceProfile,
  arena?: SessionArena,
): DaySessions {
  dayTotals(runKey, deviceIndex, dayIndex, profile, totals);
  const totalBytes = totals.totalBytes;
  const whitelistedBytes = totals.whitelistedBytes;
  const otherBytes = totalBytes - whitelistedBytes;
  if (totalBytes === 0) return EMPTY_DAY;

  const key = dayKey(runKey, deviceIndex, dayIndex);
  const needed = (whitelistedBytes > 0 ? 1 : 0) + (otherBytes > 0 ? 1 : 0);
  const drawn = poissonQuantile(uniformAt(key, ACTIVITY_DRAW), profile.sessionsPerDay);
  const count = Math.min(Math.max(drawn, needed), totalBytes);
  const sessionKey = mix32(key, SESSIONS_SALT);

  const columns = arena
    ? arena.take(count)
    : { offsetMs: new Int32Array(count), bytes: new Float64Array(count), whitelisted: new Uint8Array(count) };
  const { offsetMs, bytes, whitelisted } = columns;
  const chosen = whitelistedCount(count, whitelistedBytes, otherBytes, profile.whitelistedShare, sessionKey);
  // The binomial draw took one number per session when both sides have bytes.
  let draw = otherBytes !== 0 && whitelistedBytes > 0 ? count : 0;
  draw = markWhitelisted(whitelisted, count, chosen, sessionKey, draw);

  // Start times: the sorted positions of `count` uniform points, made directly sorted as the running
  // sums of exponential gaps (the last gap closes the window), so no sort is needed. `bytes` holds the
  // running sums until the sizes replace them.
  let reach = 0;
  for (let i = 0; i < count; i++)
    bytes[i] = reach += -Math.log((mix32(sessionKey, draw++) + UNIFORM_OFFSET) * UNIFORM_SCALE);
  reach += -Math.log((mix32(sessionKey, draw++) + UNIFORM_OFFSET) * UNIFORM_SCALE);
  const fromMs = Math.round(profile.activeHours[0] * HOUR_MS);
  const spanMs = Math.max(1, Math.round(profile.activeHours[1] * HOUR_MS) - fromMs);

  // Sizes: each side's bytes split over its sessions, one byte each and the rest in proportion to
  // exponential weights (a uniformly random split), cut at rounded running sums so that each part is
  // >= 1 and the parts add up exactly. The whitelisted side draws its weights first, then the other;
  // with numbered draws both sides are done in one pass (the other side's start at draw + chosen).
  let whiteDraw = draw;
  let otherDraw = draw + chosen;
  let whiteWeights = 0;
  let otherWeights = 0;
  for (let i = 0; i < count; i++) {
    offsetMs[i] = fromMs + Math.min(spanMs - 1, Math.floor(spanMs * (bytes[i]! / reach)));
    let weight: number;
    if (whitelisted[i] === 1)
      whiteWeights += weight = -Math.log((mix32(sessionKey, whiteDraw++) + UNIFORM_OFFSET) * UNIFORM_SCALE);
    else
      otherWeights += weight = -Math.log((mix32(sessionKey, otherDraw++) + UNIFORM_OFFSET) * UNIFORM_SCALE);
    bytes[i] = weight;
  }
  const whiteParts = chosen;
  const otherParts = count - chosen;
  const whiteSpare = whitelistedBytes - whiteParts;
  const otherSpare = otherBytes - otherParts;
  let whiteReached = 0;
  let otherReached = 0;
  let whiteGiven = 0;
  let otherGiven = 0;
  let whiteSeen = 0;
  let otherSeen = 0;
  for (let i = 0; i < count; i++) {
    // Each running sum is added in the same order as its total, so at the last part it equals it.
    if (whitelisted[i] === 1) {
      whiteReached += bytes[i]!;
      const cut =
        ++whiteSeen === whiteParts ? whiteSpare : Math.round(whiteSpare * (whiteReached / whiteWeights));
      bytes[i] = 1 + cut - whiteGiven;
      whiteGiven = cut;
    } else {
      otherReached += bytes[i]!;
      const cut =
        ++otherSeen === otherParts ? otherSpare : Math.round(otherSpare * (otherReached / otherWeights));
      bytes[i] = 1 + cut - otherGiven;
      otherGiven = cut;
    }
  }
  return { count, offsetMs, bytes, whitelisted };
}

/** How many sessions go to whitelisted destinations: a Binomial(count, share) number of them (one
 *  draw per session, draws 0 .. count-1), kept within what the bytes allow (each side's sessions need
 *  a byte each, and a side with bytes needs a session). */
function whitelistedCount(
  count: number,
  whitelistedBytes: number,
  otherBytes: number,
  share: number,
  key: number,
): number {
  if (otherBytes === 0) return count;
  if (!(whitelistedBytes > 0)) return 0;
  let chosen = 0;
  for (let i = 0; i < count; i++) if ((mix32(key, i) + UNIFORM_OFFSET) * UNIFORM_SCALE < share) chosen++;
  // The bounds never cross: count <= whitelistedBytes + otherBytes and both are >= 1 here.
  return Math.min(Math.max(chosen, 1, count - otherBytes), count - 1, whitelistedBytes);
}

/** Marks `chosen` of the sessions whitelisted, placed at random by selection sampling (Knuth's
 *  Algorithm S): each session is taken with probability (still to choose) / (still to see), which
 *  picks a uniformly random subset of exactly `chosen`. Returns the number of the next draw. */
function markWhitelisted(
  whitelisted: Uint8Array,
  count: number,
  chosen: number,
  key: number,
  firstDraw: number,
): number {
  let draw = firstDraw;
  let left = chosen;
  for (let i = 0; i < count && left > 0; i++) {
    if ((mix32(key, draw++) + UNIFORM_OFFSET) * UNIFORM_SCALE * (count - i) < left) {
      whitelisted[i] = 1;
      left--;
    }
  }
  return draw;
}
