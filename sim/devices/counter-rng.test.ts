import { describe, expect, it } from 'vitest';
import {
  CounterRng,
  fmix32,
  mix32,
  normalAt,
  normalOfHash,
  normalQuantile,
  poissonQuantile,
  runKeyOf,
  uniformAt,
  uniformOfHash,
} from './counter-rng.ts';

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: readonly number[]) => {
  const m = mean(xs);
  return mean(xs.map((x) => (x - m) ** 2));
};
const correlation = (xs: readonly number[], ys: readonly number[]) => {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) sxy += (xs[i]! - mx) * (ys[i]! - my);
  return sxy / xs.length / Math.sqrt(variance(xs) * variance(ys));
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('counter-based hashing', () => {
  it('is pinned: these values feed every run hash, so a change must be deliberate', () => {
    expect([fmix32(0), fmix32(1), mix32(1, 2), mix32(2, 1), runKeyOf(42)]).toMatchInlineSnapshot(`
      [
        0,
        1364076727,
        1712224151,
        -1834029731,
        463469812,
      ]
    `);
  });

  it('returns 32-bit ints and depends on the order of its arguments', () => {
    for (const [a, b] of [
      [0, 0],
      [1, 2],
      [-1, 2 ** 31 - 1],
      [123456789, -987654321],
    ] as const) {
      expect(mix32(a, b) | 0).toBe(mix32(a, b));
    }
    expect(mix32(1, 2)).not.toBe(mix32(2, 1));
  });

  it('runKeyOf: a number and its text give the same run, other seeds another', () => {
    expect(runKeyOf(42)).toBe(runKeyOf('42'));
    expect(runKeyOf(42)).not.toBe(runKeyOf(43));
    expect(runKeyOf('')).not.toBe(runKeyOf('\u0000'));
    expect(runKeyOf('ab')).not.toBe(runKeyOf('ba'));
    expect(new Set(range(10_000).map((i) => runKeyOf(`seed-${i}`))).size).toBe(10_000);
  });

  it('uniforms are in (0, 1), flat over 16 bins, and neighbours are uncorrelated', () => {
    expect(uniformOfHash(-(2 ** 31))).toBeGreaterThan(0);
    expect(uniformOfHash(2 ** 31 - 1)).toBeLessThan(1);
    const n = 64_000;
    const bins = new Array<number>(16).fill(0);
    const xs: number[] = [];
    const nextCounter: number[] = [];
    const nextKey: number[] = [];
    for (let i = 0; i < n; i++) {
      const u = uniformAt(i, 0);
      bins[Math.floor(u * 16)]!++;
      xs.push(u);
      nextCounter.push(uniformAt(i, 1));
      nextKey.push(uniformAt(i + 1, 0));
    }
    // Chi-square with 15 degrees of freedom: 37.7 is its 0.1 % tail.
    const expected = n / 16;
    const chiSquare = bins.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(37.7);
    expect(Math.abs(correlation(xs, nextCounter))).toBeLessThan(0.02);
    expect(Math.abs(correlation(xs, nextKey))).toBeLessThan(0.02);
  });
});

describe('normal quantiles', () => {
  it('match known values of the standard normal', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361341, 4);
  });

  it('the table-driven normalOfHash stays within 0.02 of the exact quantile, and within 1e-6 for |z| < 1', () => {
    let worst = 0;
    let worstMiddle = 0;
    for (let i = 0; i < 200_000; i++) {
      const h = mix32(7, i);
      const exact = normalQuantile(uniformOfHash(h));
      const error = Math.abs(normalOfHash(h) - exact);
      worst = Math.max(worst, error);
      if (Math.abs(exact) < 1) worstMiddle = Math.max(worstMiddle, error);
    }
    expect(worst).toBeLessThan(0.02);
    expect(worstMiddle).toBeLessThan(1e-6);
    // The outermost bins are exact, so the tails reach as far as 32 bits allow.
    for (const h of [-(2 ** 31), 2 ** 31 - 1]) expect(normalOfHash(h)).toBe(normalQuantile(uniformOfHash(h)));
    expect(normalOfHash(-(2 ** 31))).toBeLessThan(-6.3);
    expect(normalOfHash(2 ** 31 - 1)).toBeGreaterThan(6.3);
  });

  it('normalAt has mean 0 and variance 1', () => {
    const zs = range(100_000).map((i) => normalAt(i, 3));
    expect(Math.abs(mean(zs))).toBeLessThan(0.01);
    expect(variance(zs)).toBeCloseTo(1, 1);
  });
});

describe('Poisson quantiles', () => {
  it('are 0 exactly below e^-mean, the test the daily fast path uses', () => {
    for (const m of [0.2, 1, 4, 22.9]) {
      const p0 = Math.exp(-m);
      expect(poissonQuantile(p0 * 0.999999, m)).toBe(0);
      expect(poissonQuantile(p0, m)).toBeGreaterThanOrEqual(1);
    }
    expect(poissonQuantile(0.5, 0)).toBe(0);
    // 23 is where the fast path stops testing for silence: even the smallest uniform gives 1 there.
    expect(poissonQuantile(uniformOfHash(-(2 ** 31)), 23)).toBeGreaterThanOrEqual(1);
  });

  it.each([0.2, 4, 30, 96, 500, 5000])('have the mean and variance of Poisson(%d)', (m) => {
    const ks = range(40_000).map((i) => poissonQuantile(uniformAt(11, i), m));
    expect(mean(ks) / m).toBeCloseTo(1, 1);
    expect(variance(ks) / m).toBeCloseTo(1, 1);
    expect(ks.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
  });

  it('terminate for uniforms a hair below 1', () => {
    expect(poissonQuantile(1 - 2 ** -33, 150)).toBeGreaterThan(150);
  });
});

describe('CounterRng', () => {
  it('reseeding starts the same sequence again, whatever was drawn before', () => {
    const rng = new CounterRng(5);
    const first = [rng.uniform(), rng.normal(), rng.exponential(), rng.poisson(3), rng.lognormal(0, 1)];
    rng.reseed(9).uniform();
    rng.reseed(5);
    expect([rng.uniform(), rng.normal(), rng.exponential(), rng.poisson(3), rng.lognormal(0, 1)]).toEqual(
      first,
    );
    expect(new CounterRng(5).uniform()).toBe(uniformAt(5, 0));
  });

  it('lognormal and exponential have the means they should', () => {
    const rng = new CounterRng(77);
    const logs = range(100_000).map(() => rng.lognormal(-0.125, 0.5));
    expect(mean(logs)).toBeCloseTo(1, 1);
    const exps = range(100_000).map(() => rng.exponential(3));
    expect(mean(exps) / 3).toBeCloseTo(1, 1);
    expect(exps.every((x) => x > 0)).toBe(true);
  });
});
