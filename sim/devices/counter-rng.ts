// Counter-based randomness for bulk device traffic (RULES D1; ARCHITECTURE.md, Determinism).
//
// sim/random.ts gives each consumer a named stream: right for things that happen now and then, but a
// stream has to be walked in order and saved with the world. A million cards' daily traffic needs the
// opposite: any (device, day) computed on its own, in any order, on any worker, with nothing to save.
// So every number here is a pure function of a 32-bit key and a counter: hash (run key, device, day)
// into a key, then hash (key, n) into the n-th draw. Only Math.imul, shifts and V8's own (fdlibm)
// Math.log/exp/sqrt are used, so the numbers are the same on every machine.

// 2^-32, as a product: multiplying by a power of two is exact and cheaper than dividing.
const INV_TWO_POW_32 = 2.3283064365386963e-10;

/** murmur3's finaliser: a bijection on 32-bit ints in which every input bit flips every output bit
 *  with probability about 1/2. Returns an unsigned 32-bit int. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Hash of two 32-bit ints (order matters): one murmur3 block of `b` on state `a`, then the finaliser.
 *  Chain it to key several ints: mix32(mix32(runKey, device), day). Returns an unsigned 32-bit int. */
export function mix32(a: number, b: number): number {
  let k = Math.imul(b | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = (a | 0) ^ k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  return fmix32(h);
}

/** The run's 32-bit key. A number goes through String() first, as in sim/random.ts, so that a seed of
 *  42 from a YAML file and "42" from the command line give the same run. */
export function runKeyOf(seed: number | string): number {
  const text = String(seed);
  let h = 0x6c696e6b; // any fixed start; "link"
  for (let i = 0; i < text.length; i++) h = mix32(h, text.charCodeAt(i));
  return mix32(h, text.length);
}

/** uniformOfHash(h) is (h + UNIFORM_OFFSET) * UNIFORM_SCALE: for a hot loop that writes it out, so
 *  that a call V8 leaves un-inlined does not box its result (the loop over every card-day does). */
export const UNIFORM_OFFSET = 2147483648.5;
export const UNIFORM_SCALE = INV_TWO_POW_32;

/** A 32-bit hash (signed, as mix32 returns it) as a uniform in the open interval (0, 1): never 0 or 1,
 *  so log() and the normal's tails stay finite. */
export function uniformOfHash(h: number): number {
  return (h + UNIFORM_OFFSET) * UNIFORM_SCALE;
}

/** The n-th uniform of a key, in (0, 1), with 32 bits of resolution. */
export function uniformAt(key: number, n: number): number {
  return (mix32(key, n) + UNIFORM_OFFSET) * UNIFORM_SCALE;
}

/** The standard normal quantile Φ⁻¹(p) for p in (0, 1), by Acklam's rational approximation (relative
 *  error < 1.2e-9). Chosen over Box-Muller because it needs one uniform instead of two and, in the
 *  central 95 % of cases, no log, sqrt or cos at all: the daily fast path calls it once per card-day. */
export function normalQuantile(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q -
        2.549732539343734) *
        q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) *
        q +
        1)
    );
  }
  if (p > 0.97575) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
      1.38357751867269e2) *
      r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
      q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
      6.680131188771972e1) *
      r -
      1.328068155288572e1) *
      r +
      1)
  );
}

// Φ⁻¹ at the edges of 2,048 equal bins of probability, for normalOfHash(). Built at load by the
// function above, so it is the same everywhere; 16 KB, so it stays in the CPU's first-level cache.
const NORMAL_BIN_BITS = 11;
const NORMAL_BINS = 1 << NORMAL_BIN_BITS;
const FRACTION_BITS = 32 - NORMAL_BIN_BITS;
const INV_FRACTION_SPAN = 1 / (1 << FRACTION_BITS);
const NORMAL_EDGES = new Float64Array(NORMAL_BINS + 1);
for (let i = 1; i < NORMAL_BINS; i++) NORMAL_EDGES[i] = normalQuantile(i / NORMAL_BINS);

/**
 * Φ⁻¹(uniformOfHash(h)), in about a third of the time: the top 11 bits pick a bin, the other 21
 * interpolate linearly between its edges, and the two outermost bins (1 in 1,024) use the exact
 * formula, so the tails are not cut off. The chord is within 1e-6 of the curve for |z| < 1, 2e-5 for
 * |z| < 2, 4e-3 for |z| < 3 and 0.02 beyond: far below anything a day's traffic volume can show.
 */
export function normalOfHash(h: number): number {
  const bin = (h >>> FRACTION_BITS) ^ (NORMAL_BINS >>> 1); // the top bits of h + 2^31
  // The unary plus keeps the result an unboxed double when this is inlined: without it the rare
  // call's boxed result made the common path box its own, one allocation per normal drawn.
  if (bin === 0 || bin === NORMAL_BINS - 1) return +normalQuantile(uniformOfHash(h));
  const fraction = ((h & ((1 << FRACTION_BITS) - 1)) + 0.5) * INV_FRACTION_SPAN;
  const low = NORMAL_EDGES[bin]!;
  return low + fraction * (NORMAL_EDGES[bin + 1]! - low);
}

/** The n-th standard normal of a key. */
export function normalAt(key: number, n: number): number {
  return normalOfHash(mix32(key, n));
}

// Up to this mean the Poisson quantile is found exactly by walking the CDF (at most a few hundred
// steps, and e^-mean stays far from underflow); beyond it a rounded normal is within a fraction of a
// percent, and P(0) is below 1e-86 so no day is lost to the approximation.
const POISSON_EXACT_MAX_MEAN = 200;

/** The Poisson(mean) quantile of u in (0, 1): the smallest k with P(N <= k) > u. It is 0 exactly when
 *  u < e^-mean, the test the daily fast path uses to decide that a device is silent that day, so that
 *  a day with traffic always has at least one session. */
export function poissonQuantile(u: number, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean > POISSON_EXACT_MAX_MEAN)
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normalQuantile(u)));
  let p = Math.exp(-mean);
  let cdf = p;
  let k = 0;
  // `p > 0` ends the walk should rounding leave the summed CDF just short of u.
  while (u >= cdf && p > 0) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/**
 * A generator that is only (key, counter): `reseed(key)` makes it start over, so one module-level
 * instance can serve every call with no allocation, and nothing carries from one call to the next as
 * long as each call reseeds first. For the slow paths that need a variable number of draws.
 */
export class CounterRng {
  private key = 0;
  private counter = 0;

  constructor(key = 0) {
    this.reseed(key);
  }

  reseed(key: number): this {
    this.key = key | 0;
    this.counter = 0;
    return this;
  }

  /** Uniform in (0, 1). */
  uniform(): number {
    return uniformAt(this.key, this.counter++);
  }

  normal(mean = 0, sd = 1): number {
    return mean + sd * normalOfHash(mix32(this.key, this.counter++));
  }

  /** Log-normal whose logarithm has mean mu and standard deviation sigma. */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Exponential with the given mean; always > 0. */
  exponential(mean = 1): number {
    return -mean * Math.log(this.uniform());
  }

  poisson(mean: number): number {
    return poissonQuantile(this.uniform(), mean);
  }
}
