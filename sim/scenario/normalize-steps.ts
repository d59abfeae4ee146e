// The timeline: each step's time made absolute (`after` counts from the previous step, or from start),
// its operation's references checked and its arguments completed, and its expectations placed.
import { formatDateTime, type SimTime } from '../time/calendar.ts';
import { addDuration } from '../time/duration.ts';
import { ScenarioError, joinPath } from './errors.ts';
import { completeFleetEntry } from './normalize-fleet.ts';
import type { ScenarioReferences } from './references.ts';
import type { ScenarioDraft, StepDraft } from './schema.ts';
import type { Expectation, Operation, Step } from './types.ts';

type OperationDraft = Exclude<StepDraft, { do?: undefined }>;
type ExpectationDraft = NonNullable<StepDraft['expect']>[number];

export function normalizeSteps(draft: ScenarioDraft, start: SimTime, refs: ScenarioReferences): Step[] {
  let previous = { at: start, name: 'start' };
  return draft.steps.map((step, index): Step => {
    const path = joinPath('steps', index);
    const at = stepTime(step, path, previous);
    previous = { at, name: `the time of ${path}` };
    // The operation's references are checked first: the cards it selects exist before it runs, and a
    // `buy` defines a group that its own expectations may already select.
    const operation = step.do === undefined ? undefined : normalizeOperation(step, path, at, refs);
    const expect = (step.expect ?? []).map((expectation, i) =>
      placeExpectation(expectation, i, joinPath(joinPath(path, 'expect'), i), refs),
    );
    return {
      index,
      path,
      at,
      ...(operation !== undefined && { operation }),
      ...('expectError' in step && step.expectError !== undefined && { expectError: step.expectError }),
      expect,
    };
  });
}

function stepTime(step: StepDraft, path: string, previous: { at: SimTime; name: string }): SimTime {
  if (step.at !== undefined && step.after !== undefined) {
    throw new ScenarioError(joinPath(path, 'after'), 'give the step `at` or `after`, not both');
  }
  if (step.after !== undefined) return addDuration(previous.at, step.after);
  if (step.at === undefined) {
    throw new ScenarioError(path, 'a step needs a time: `at: 2026-02-01T10:00` or `after: 3d`');
  }
  if (step.at < previous.at) {
    throw new ScenarioError(
      joinPath(path, 'at'),
      `${formatDateTime(step.at)} is before ${previous.name} (${formatDateTime(previous.at)}); ` +
        'steps run in file order and `at` must not go backwards',
    );
  }
  return step.at;
}

function normalizeOperation(
  step: OperationDraft,
  path: string,
  at: SimTime,
  refs: ScenarioReferences,
): Operation {
  const withPath = joinPath(path, 'with');
  if ('cards' in step && step.cards !== undefined) refs.checkSelector(step.cards, joinPath(path, 'cards'));
  switch (step.do) {
    case 'buy':
      return { do: 'buy', with: completeFleetEntry(step.with, withPath, at, `the step's time`, refs) };
    case 'carrier.outage':
      return {
        do: 'carrier.outage',
        with: { carrier: step.with.carrier, endsAt: addDuration(at, step.with.for) },
      };
    case 'expandPool':
      refs.checkPool(step.with.pool, joinPath(withPath, 'pool'));
      break;
    case 'insertDevice':
    case 'setProfile':
      refs.checkProfile(step.with.profile, joinPath(withPath, 'profile'));
      break;
    case 'swapDevice':
      if (step.with.profile !== undefined)
        refs.checkProfile(step.with.profile, joinPath(withPath, 'profile'));
      break;
    case 'export':
      if (step.with.filter.pool !== undefined) {
        refs.checkPool(step.with.filter.pool, joinPath(joinPath(withPath, 'filter'), 'pool'));
      }
      break;
    case 'setUsageLimit':
      // C6: a threshold is set for cards or for a whole voucher, and one step does one of them.
      if (step.with.voucher !== undefined && step.cards !== undefined) {
        throw new ScenarioError(
          joinPath(withPath, 'voucher'),
          'set the usage limit either on `cards` or for a `voucher`, not both in one step',
        );
      }
      if (step.with.voucher === undefined && step.cards === undefined) {
        throw new ScenarioError(path, 'setUsageLimit needs `cards`, or `voucher` in `with`');
      }
      break;
    default:
      break;
  }
  // Every other operation's schema already produced its normalized arguments (schema.ts checks that
  // at compile time); TypeScript cannot relate `do` and `with` across the union by itself.
  const cards = 'cards' in step && step.cards !== undefined ? { cards: step.cards } : {};
  return { do: step.do, with: step.with, ...cards } as Operation;
}

function placeExpectation(
  draft: ExpectationDraft,
  index: number,
  path: string,
  refs: ScenarioReferences,
): Expectation {
  const expectation: Expectation = { ...draft, index, path };
  switch (expectation.kind) {
    case 'cards':
      refs.checkSelector(expectation.cards, joinPath(path, 'cards'));
      break;
    case 'pool':
      refs.checkPool(expectation.pool, joinPath(path, 'pool'));
      break;
    case 'ledger':
      if (expectation.cards)
        refs.checkSelector(expectation.cards, joinPath(joinPath(path, 'ledger'), 'card'));
      if (expectation.pool) refs.checkPool(expectation.pool, joinPath(joinPath(path, 'ledger'), 'pool'));
      break;
    case 'events':
      if (expectation.cards) refs.checkSelector(expectation.cards, joinPath(path, 'cards'));
      break;
    default:
      break;
  }
  return expectation;
}
