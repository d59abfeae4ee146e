import { describe, expect, it } from 'vitest';
import { closest, editDistance, suggestion } from './suggest.ts';

describe('did you mean', () => {
  it('counts a swap of two neighbours as one slip', () => {
    expect(editDistance('stpes', 'steps')).toBe(1);
    expect(editDistance('untill', 'until')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only what is close enough to be a slip', () => {
    const keys = ['name', 'seed', 'start', 'until', 'fleet', 'steps'];
    expect(closest('stpes', keys)).toBe('steps');
    expect(closest('Name', keys)).toBe('name');
    expect(closest('P9', ['P1', 'Pool2'])).toBe('P1');
    expect(closest('x', ['a'])).toBeUndefined();
    expect(closest('frobnicate', keys)).toBeUndefined();
  });

  it('lists what is allowed when nothing is close', () => {
    expect(suggestion('zzz', ['a', 'b'])).toBe('expected one of a, b');
    expect(suggestion('activte', ['activate', 'suspend'])).toBe('did you mean "activate"?');
  });
});
