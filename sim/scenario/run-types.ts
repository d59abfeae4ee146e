// What a scenario run reports: for the command line (text, JSON, JUnit) and the server.
import type { ErrorCode } from '../errors.ts';

export interface ExpectationResult {
  /** The step's index in the file and the expectation's index in its `expect` list. */
  readonly step: number;
  readonly index: number;
  /** `steps[3].expect[1]`. */
  readonly path: string;
  /** Sim time it was checked at (epoch ms). */
  readonly at: number;
  /** One line: what was checked. */
  readonly description: string;
  readonly passed: boolean;
  readonly expected: string;
  readonly found: string;
}

export interface StepCardFailure {
  readonly card: string;
  readonly code: ErrorCode | 'Succeeded';
  readonly message: string;
}

export interface StepFailure {
  readonly step: number;
  readonly path: string;
  readonly at: number;
  readonly operation: string;
  /** Why the step failed, one line. */
  readonly reason: string;
  readonly cards: readonly StepCardFailure[];
}

export interface StepResult {
  readonly step: number;
  readonly path: string;
  readonly at: number;
  readonly operation?: string;
  readonly cards: number;
  readonly succeeded: number;
  readonly failed: number;
}

export interface ScenarioRunResult {
  readonly name: string;
  readonly seed: number;
  readonly start: number;
  readonly until: number;
  readonly hash: string;
  readonly events: number;
  readonly cards: number;
  readonly passed: boolean;
  readonly steps: readonly StepResult[];
  readonly expectations: readonly ExpectationResult[];
  readonly stepFailures: readonly StepFailure[];
}

export interface RunProgress {
  readonly now: number;
  readonly start: number;
  readonly until: number;
  readonly events: number;
}
