// parseScenario: a scenario document (from YAML, JSON or a TypeScript module) to the normalized
// Scenario the runner uses, or a ScenarioError naming the first mistake and its place. Two passes:
// the schema checks shapes and reads values (schema.ts), then this file and the normalize-* files
// check what needs the whole file: times in order, and every group, pool and profile defined before use.
import { formatDateTime } from '../time/calendar.ts';
import { ScenarioError, joinPath } from './errors.ts';
import { scenarioErrorFromIssues } from './issues.ts';
import {
  normalizeCarriers,
  completeFleetEntry,
  normalizePools,
  normalizeProfiles,
} from './normalize-fleet.ts';
import { normalizeSteps } from './normalize-steps.ts';
import { ScenarioReferences } from './references.ts';
import { ScenarioSchema, type ScenarioDraft } from './schema.ts';
import type { Scenario } from './types.ts';

/** Checks and normalizes a scenario document; throws ScenarioError at the first mistake. */
export function parseScenario(doc: unknown): Scenario {
  const result = ScenarioSchema.safeParse(doc, { reportInput: true });
  if (!result.success) {
    const error = scenarioErrorFromIssues(result.error.issues, doc, ScenarioSchema);
    throw stepShapeError(doc, error) ?? error;
  }
  return normalize(result.data);
}

function normalize(draft: ScenarioDraft): Scenario {
  const refs = new ScenarioReferences();
  const pools = normalizePools(draft, refs);
  const profiles = normalizeProfiles(draft, refs);
  const fleet = draft.fleet.map((entry, i) =>
    completeFleetEntry(entry, joinPath('fleet', i), draft.start, 'start', refs),
  );
  const steps = normalizeSteps(draft, draft.start, refs);
  const last = steps.at(-1);
  const until = draft.until ?? last?.at ?? draft.start;
  if (until < draft.start) {
    throw new ScenarioError(
      'until',
      `${formatDateTime(until)} is before start (${formatDateTime(draft.start)})`,
    );
  }
  if (last !== undefined && until < last.at) {
    throw new ScenarioError(
      'until',
      `${formatDateTime(until)} is before the last step, ${last.path} at ${formatDateTime(last.at)}; ` +
        'leave `until` out to end at the last step',
    );
  }
  return {
    name: draft.name,
    ...(draft.description !== undefined && { description: draft.description }),
    seed: draft.seed,
    start: draft.start,
    until,
    fleet,
    pools,
    profiles,
    carriers: normalizeCarriers(draft),
    steps,
  };
}

/**
 * A step without `do` can only hold expectations, so the schema's complaint about it ("unknown key
 * expectError", "expect: required") hides what is wrong. Said plainly instead.
 */
function stepShapeError(doc: unknown, error: ScenarioError): ScenarioError | undefined {
  const match = /^steps\[(\d+)\]/.exec(error.path);
  if (match === null || typeof doc !== 'object' || doc === null) return undefined;
  const steps = (doc as { steps?: unknown }).steps;
  const step = Array.isArray(steps) ? (steps[Number(match[1])] as unknown) : undefined;
  if (typeof step !== 'object' || step === null || Array.isArray(step) || 'do' in step) return undefined;
  const path = match[0];
  if ('expectError' in step) {
    return new ScenarioError(
      joinPath(path, 'expectError'),
      'expectError needs an operation (`do`) that can fail',
    );
  }
  for (const key of ['with', 'cards'] as const) {
    if (key in step)
      return new ScenarioError(joinPath(path, key), `\`${key}\` needs an operation: add \`do: …\``);
  }
  if (!('expect' in step)) {
    return new ScenarioError(path, 'a step needs an operation (`do`) or expectations (`expect`), or both');
  }
  return undefined;
}
