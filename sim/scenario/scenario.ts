// The scenario as the runner uses it. This first version reads the header of SCENARIOS.md
// (name, seed, start, until); fleet, steps and expectations arrive with the scenario issue.
import { parseDateTime, CalendarError } from '../time/calendar.ts';
import { ScenarioError, joinPath } from './errors.ts';

export interface Scenario {
  readonly name: string;
  readonly seed: number;
  readonly start: number;
  readonly until: number;
}

const KNOWN_KEYS = ['name', 'seed', 'start', 'until'] as const;
const LATER_KEYS = ['fleet', 'pools', 'profiles', 'carriers', 'steps'];

/** Check a parsed scenario document; throws ScenarioError naming the first wrong place. */
export function readScenario(doc: unknown): Scenario {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ScenarioError('', 'a scenario is a mapping with at least `name` and `start`');
  }
  const record = doc as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if ((KNOWN_KEYS as readonly string[]).includes(key)) continue;
    if (LATER_KEYS.includes(key))
      throw new ScenarioError(key, 'is not supported by this version of cardtwin yet');
    throw new ScenarioError(key, `unknown key (expected one of ${KNOWN_KEYS.join(', ')})`);
  }
  const name = record.name;
  if (typeof name !== 'string' || name.trim() === '')
    throw new ScenarioError('name', 'required: a non-empty text');
  const seed = record.seed ?? 1;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new ScenarioError('seed', `must be a whole number >= 0, not ${JSON.stringify(seed)}`);
  }
  const start = readTime(record, 'start');
  if (start === undefined) throw new ScenarioError('start', 'required: a date or date-time (Beijing time)');
  const until = readTime(record, 'until') ?? start;
  if (until < start) throw new ScenarioError('until', 'is before `start`');
  return { name, seed, start, until };
}

/** A date or date-time field; YAML may already have turned an unquoted date into a Date. */
export function readTime(record: Record<string, unknown>, key: string, parent = ''): number | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  const path = joinPath(parent, key);
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string')
    throw new ScenarioError(path, `must be a date like 2026-01-15, not ${JSON.stringify(value)}`);
  try {
    return parseDateTime(value);
  } catch (error) {
    if (error instanceof CalendarError) throw new ScenarioError(path, error.message);
    throw error;
  }
}
