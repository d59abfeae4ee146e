// Seeded randomness for the whole twin (rule I5 and ARCHITECTURE.md, Determinism).
// One run seed; every consumer draws from its own named stream derived from it
// (`card:17:traffic`, `carrier:CM`, `ids:iccid`), so adding a consumer never shifts another's numbers.
// Alea is ~4x faster than seedrandom's default ARC4 and its state can be saved and restored.
import alea, { type AleaPrng, type AleaState } from 'seedrandom/lib/alea.js';

export type StreamState = AleaState;

export class RandomStream {
  readonly name: string;
  private readonly prng: AleaPrng;

  constructor(name: string, seedOrState: string | StreamState) {
    this.name = name;
    this.prng =
      typeof seedOrState === 'string' ? alea(seedOrState, { state: true }) : alea('', { state: seedOrState });
  }

  /** A float in [0, 1) with 32 bits of randomness. */
  uniform(): number {
    return this.prng();
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.prng();
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max}): need integers with min <= max`);
    }
    return min + Math.floor(this.prng() * (max - min + 1));
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.prng() < p;
  }

  /** Standard normal by Box-Muller; the spare value is dropped so the state stays just the PRNG's. */
  normal(mean = 0, sd = 1): number {
    let u = this.prng();
    while (u === 0) u = this.prng();
    const v = this.prng();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal whose logarithm has the given mean and standard deviation. */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Exponential with the given mean, for waiting times between events. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.prng());
  }

  /** Poisson-distributed count: Knuth's product method for small means, a rounded normal beyond. */
  poisson(mean: number): number {
    if (!(mean >= 0)) throw new RangeError(`poisson(${mean}): mean must be >= 0`);
    if (mean === 0) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let product = this.prng();
      while (product > limit) {
        k++;
        product *= this.prng();
      }
      return k;
    }
    return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
  }

  /** One item, chosen with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length === 0 || items.length !== weights.length) {
      throw new RangeError('weighted(): need as many weights as items, and at least one item');
    }
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0)) throw new RangeError(`weighted(): weight ${w} is not >= 0`);
      total += w;
    }
    if (total === 0) throw new RangeError('weighted(): all weights are 0');
    let target = this.prng() * total;
    for (let i = 0; i < items.length; i++) {
      target -= weights[i]!;
      if (target < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  }

  /** One item, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick(): no items');
    return items[Math.floor(this.prng() * items.length)]!;
  }

  /** Fisher-Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      const tmp = items[i]!;
      items[i] = items[j]!;
      items[j] = tmp;
    }
    return items;
  }

  /** A string of decimal digits, for identities. */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += Math.floor(this.prng() * 10);
    return out;
  }

  state(): StreamState {
    return this.prng.state();
  }
}

/** The run's randomness: one seed, named streams made on first use, all saved and restored together. */
export class Randomness {
  seed: string;
  private readonly streams = new Map<string, RandomStream>();

  constructor(seed: number | string) {
    this.seed = String(seed);
  }

  /** The stream of one consumer; its numbers depend only on the run seed and the name. */
  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new RandomStream(name, `${this.seed}\u0000${name}`);
      this.streams.set(name, stream);
    }
    return stream;
  }

  /** Every stream starts afresh from another seed (a fork). */
  reseed(seed: number | string): void {
    this.seed = String(seed);
    this.streams.clear();
  }

  /** Every stream's state, by name in the order they were first used. */
  save(): Record<string, StreamState> {
    const saved: Record<string, StreamState> = {};
    for (const [name, stream] of this.streams) saved[name] = stream.state();
    return saved;
  }

  /** Put streams back as `save()` found them; streams not in the saved set start afresh on next use. */
  restore(saved: Record<string, StreamState>): void {
    this.streams.clear();
    for (const [name, state] of Object.entries(saved)) this.streams.set(name, new RandomStream(name, state));
  }
}
