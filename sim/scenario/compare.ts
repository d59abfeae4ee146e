// Comparing a found value with an expected one (SCENARIOS.md: a number or string to match exactly,
// or atLeast, atMost, between).
import type { Comparison } from './types.ts';

export function compare(found: number | string, expected: Comparison): boolean {
  if (expected.equals !== undefined) {
    return typeof expected.equals === 'number' && typeof found === 'number'
      ? Math.abs(found - expected.equals) < 1e-9
      : String(found) === String(expected.equals);
  }
  if (typeof found !== 'number') return false;
  if (expected.min !== undefined && found < expected.min - 1e-9) return false;
  if (expected.max !== undefined && found > expected.max + 1e-9) return false;
  return true;
}

export function describeComparison(expected: Comparison): string {
  if (expected.equals !== undefined) return String(expected.equals);
  if (expected.min !== undefined && expected.max !== undefined)
    return `between ${expected.min} and ${expected.max}`;
  if (expected.min !== undefined) return `at least ${expected.min}`;
  if (expected.max !== undefined) return `at most ${expected.max}`;
  return 'anything';
}

/** Numbers as people read them: whole numbers as they are, others to two decimals. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
