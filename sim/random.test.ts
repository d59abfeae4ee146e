import { describe, expect, it } from 'vitest';
import { Randomness, RandomStream } from './random.ts';

const draw = (stream: RandomStream, n: number) => Array.from({ length: n }, () => stream.uniform());

describe('seeded randomness', () => {
  it('I5 the same seed and stream name give the same numbers', () => {
    expect(draw(new Randomness(42).stream('card:1:traffic'), 50)).toEqual(
      draw(new Randomness(42).stream('card:1:traffic'), 50),
    );
  });

  it('a different seed or a different name gives different numbers', () => {
    const base = draw(new Randomness(42).stream('a'), 20);
    expect(draw(new Randomness(43).stream('a'), 20)).not.toEqual(base);
    expect(draw(new Randomness(42).stream('b'), 20)).not.toEqual(base);
  });

  it('a new consumer does not shift the numbers of another', () => {
    const alone = new Randomness(7);
    const a1 = draw(alone.stream('carrier:CM'), 10);
    const crowded = new Randomness(7);
    crowded.stream('card:0:traffic').uniform();
    const interleaved: number[] = [];
    for (let i = 0; i < 10; i++) {
      crowded.stream('card:9:traffic').uniform();
      interleaved.push(crowded.stream('carrier:CM').uniform());
    }
    expect(interleaved).toEqual(a1);
  });

  it('save and restore continue every stream exactly', () => {
    const r = new Randomness('seed');
    draw(r.stream('x'), 5);
    draw(r.stream('y'), 3);
    const saved = JSON.parse(JSON.stringify(r.save()));
    const next = [draw(r.stream('x'), 5), draw(r.stream('y'), 5)];
    const restored = new Randomness('seed');
    restored.restore(saved);
    expect([draw(restored.stream('x'), 5), draw(restored.stream('y'), 5)]).toEqual(next);
  });

  it('helpers stay in range and are roughly right in distribution', () => {
    const s = new Randomness(1).stream('helpers');
    const n = 20000;
    let sumInt = 0;
    let sumNormal = 0;
    let sumPoissonSmall = 0;
    let sumPoissonLarge = 0;
    let trues = 0;
    for (let i = 0; i < n; i++) {
      const k = s.int(3, 7);
      expect(k).toBeGreaterThanOrEqual(3);
      expect(k).toBeLessThanOrEqual(7);
      sumInt += k;
      sumNormal += s.normal(10, 2);
      sumPoissonSmall += s.poisson(4);
      sumPoissonLarge += s.poisson(100);
      if (s.bernoulli(0.25)) trues++;
    }
    expect(sumInt / n).toBeCloseTo(5, 1);
    expect(sumNormal / n).toBeCloseTo(10, 1);
    expect(sumPoissonSmall / n).toBeCloseTo(4, 1);
    expect(Math.abs(sumPoissonLarge / n - 100)).toBeLessThan(0.5);
    expect(Math.abs(trues / n - 0.25)).toBeLessThan(0.02);
    expect(s.lognormal(0, 0.5)).toBeGreaterThan(0);
    expect(s.exponential(5)).toBeGreaterThanOrEqual(0);
  });

  it('weighted choice follows the weights and refuses bad weights', () => {
    const s = new Randomness(2).stream('w');
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10000; i++) counts[s.weighted(['a', 'b', 'c'] as const, [1, 3, 0])]++;
    expect(counts.c).toBe(0);
    expect(Math.abs(counts.b / 10000 - 0.75)).toBeLessThan(0.03);
    expect(() => s.weighted(['a'], [0])).toThrow(/all weights are 0/);
    expect(() => s.weighted(['a', 'b'], [1])).toThrow(/as many weights/);
  });

  it('shuffle is a permutation and digits are digits', () => {
    const s = new Randomness(3).stream('s');
    const items = Array.from({ length: 100 }, (_, i) => i);
    expect([...s.shuffle([...items])].sort((a, b) => a - b)).toEqual(items);
    expect(s.digits(13)).toMatch(/^\d{13}$/);
    expect(() => s.int(5, 1)).toThrow(RangeError);
  });
});
