// Shared by the mistakes tests: parse a YAML scenario and return its one ScenarioError.
import { parse as parseYaml } from 'yaml';
import { ScenarioError } from './errors.ts';
import { parseScenario } from './parse.ts';

export function mistake(text: string): { path: string; reason: string } {
  try {
    parseScenario(parseYaml(text));
  } catch (error) {
    if (error instanceof ScenarioError) return { path: error.path, reason: error.reason };
    throw error;
  }
  throw new Error('expected a ScenarioError, but the scenario is valid');
}

/** [what is wrong, the file, the path named, the reason given] */
export type MistakeCase = [name: string, text: string, path: string, reason: RegExp];

/** A fleet of 5 meters and a pool P1. */
export const fleet = `name: x
start: 2026-01-15
fleet:
  - group: meters
    count: 5
    voucher: CM_SC_M_1_100M
pools: [{ id: P1, size: 10G }]
`;
export const steps = (text: string): string => `${fleet}steps:\n${text}`;
export const expectations = (text: string): string => steps(`  - at: 2026-02-01\n    expect:\n${text}`);

// Never a raw zod message.
export const ZOD_WORDING = /Invalid input|Unrecognized key|received /;
