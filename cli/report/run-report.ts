// One scenario's run as the reports see it: the runner's result plus what only the command line knows
// (the file, the wall time, how to run it again).
import type { ScenarioRunResult } from '../../sim/scenario/run-types.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { formatDateTime } from '../../sim/time/calendar.ts';

export interface RunReport {
  readonly file: string;
  readonly scenario: Scenario;
  readonly result: ScenarioRunResult;
  readonly wallMs: number;
  /** `--until` when it was given: it changes the run, so reproducing needs it too. */
  readonly untilFlag?: number;
  /** `cardtwin run <file> --seed <n>`: the command that gives the same run again. */
  readonly reproduce: string;
}

export function reproduceCommand(file: string, seed: number, untilFlag?: number): string {
  const until = untilFlag === undefined ? '' : ` --until ${formatDateTime(untilFlag)}`;
  return `cardtwin run ${shellQuote(file)} --seed ${seed}${until}`;
}

/** A path as a shell reads it back: bare when it is plain, else in single quotes. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The operation a step runs, for people: `requestCancellation`, or `no operation`. */
export function stepOperation(scenario: Scenario, step: number): string {
  return scenario.steps[step]?.operation?.do ?? 'no operation';
}

/** Steps cut off by `--until`: they did not run, and neither did their expectations. */
export function stepsNotRun(report: RunReport): Scenario['steps'] {
  return report.scenario.steps.filter((step) => step.at > report.result.until);
}

export function expectationCounts(result: ScenarioRunResult): { passed: number; total: number } {
  return {
    passed: result.expectations.filter((e) => e.passed).length,
    total: result.expectations.length,
  };
}
