// The one schema of a scenario file (SCENARIOS.md), in zod: it checks YAML, JSON and TypeScript
// scenarios alike, types defineScenario's argument, and is published as scenarios/schema.json for
// editors. Strict objects everywhere: an unknown key is an error, so a typo never passes silently.
// A step is one shape per operation (told apart by `do`), so that `with` is checked against that
// operation's arguments and editors offer the right keys.
import { z } from 'zod';
import type { OperationArgs, OperationName } from './types.ts';
import { ExpectationListSchema } from './schema-expectations.ts';
import { CarriersSchema, FleetEntrySchema, PoolSchema, ProfilesSchema } from './schema-fleet.ts';
import { OPERATIONS, type OperationKey } from './schema-operations.ts';
import { CardSelectorSchema } from './schema-selectors.ts';
import { DateTimeText, DurationText, ErrorCodeName, expecting } from './schema-values.ts';

const timing = {
  at: DateTimeText.optional().describe('when, Beijing time, e.g. 2026-02-01T10:00; or use `after`'),
  after: DurationText.optional().describe(
    'how long after the previous step (or start), e.g. 3d; or use `at`',
  ),
};

const outcome = {
  expectError: ErrorCodeName.optional().describe(
    'the operation must fail with this code on every selected card',
  ),
  expect: ExpectationListSchema.optional(),
};

function operation<const K extends OperationKey>(name: K) {
  return z.literal(name).describe(`${name}: ${OPERATIONS[name].about}`);
}

/** A step whose operation acts on the cards it selects. */
function cardStep<const K extends OperationKey>(name: K) {
  const args = OPERATIONS[name].args as (typeof OPERATIONS)[K]['args'];
  return z
    .strictObject({ ...timing, do: operation(name), cards: CardSelectorSchema, with: args, ...outcome })
    .meta({ id: `${name}Step` });
}

/** A step whose operation selects no cards. */
function cardlessStep<const K extends OperationKey>(name: K) {
  const args = OPERATIONS[name].args as (typeof OPERATIONS)[K]['args'];
  return z
    .strictObject({ ...timing, do: operation(name), with: args, ...outcome })
    .meta({ id: `${name}Step` });
}

// Named so that the JSON Schema override below can tell it: steps without `do` have no `do` at all.
export const NoOperation = z.undefined().optional();

const ExpectOnlyStep = z
  .strictObject({ ...timing, do: NoOperation, expect: ExpectationListSchema })
  .meta({ id: 'expectStep', description: 'a step that only checks expectations' });

export const StepSchema = z.discriminatedUnion(
  'do',
  [
    cardStep('activate'),
    cardStep('requestTestPeriod'),
    cardStep('suspend'),
    cardStep('resume'),
    cardStep('rebind'),
    cardStep('forceActivate'),
    cardStep('verifyIdentity'),
    cardStep('topUp'),
    cardStep('setAutoRenew'),
    cardStep('requestCancellation'),
    cardStep('addTags'),
    cardStep('removeTags'),
    cardStep('setRemark'),
    z
      .strictObject({
        ...timing,
        do: operation('setUsageLimit'),
        cards: CardSelectorSchema.optional().describe('the cards; or leave out and give `voucher` in `with`'),
        with: OPERATIONS.setUsageLimit.args,
        ...outcome,
      })
      .meta({ id: 'setUsageLimitStep' }),
    cardlessStep('addRule'),
    cardlessStep('removeRule'),
    cardlessStep('export'),
    cardlessStep('expandPool'),
    cardlessStep('buy'),
    cardStep('insertDevice'),
    cardStep('swapDevice'),
    cardStep('removeDevice'),
    cardStep('powerOff'),
    cardStep('powerOn'),
    cardStep('setProfile'),
    cardStep('traffic'),
    cardStep('carrier.suspendAbnormal'),
    cardStep('carrier.resumeAbnormal'),
    cardlessStep('carrier.outage'),
    ExpectOnlyStep,
  ],
  expecting('a step: `at` or `after`, then `do` (an operation) and/or `expect`'),
);

export const ScenarioSchema = z
  .strictObject(
    {
      $schema: z.string().optional().describe('the JSON Schema of this file, for editors'),
      name: z
        .string(expecting("the scenario's name"))
        .trim()
        .min(1, { error: 'the name cannot be empty' })
        .describe("the scenario's name"),
      description: z
        .string(expecting('a text'))
        .optional()
        .describe('added by cardtwin: what the scenario shows'),
      seed: z
        .int(expecting('a whole number ≥ 0'))
        .min(0, { error: 'a seed is a whole number ≥ 0' })
        .default(1)
        .describe('the seed of every random choice; default 1; `--seed` overrides'),
      start: DateTimeText.describe('sim start, Beijing time: 2026-01-15 or 2026-01-15T08:00'),
      until: DateTimeText.optional().describe("sim end; default: the last step's time"),
      fleet: z
        .array(FleetEntrySchema, expecting('a list of fleet entries'))
        .prefault([])
        .describe('cards bought in the run'),
      pools: z
        .array(PoolSchema, expecting('a list of pools'))
        .prefault([])
        .describe('pooled data plans (UP, UPG)'),
      profiles: ProfilesSchema.prefault({}),
      carriers: CarriersSchema.prefault({}),
      steps: z
        .array(StepSchema, expecting('a list of steps'))
        .prefault([])
        .describe('the timeline, in file order; `at` never goes backwards'),
    },
    { error: 'a scenario is a mapping with at least `name` and `start`' },
  )
  .meta({
    title: 'cardtwin scenario',
    description:
      'A fleet, a timeline of operations and expectations for cardtwin (see SCENARIOS.md). ' +
      'Dates and date-times are Beijing time.',
  });

/** What a scenario file holds, for TypeScript scenarios (defineScenario). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** What the schema gives parse.ts: shapes checked and values read, references and times not yet. */
export type ScenarioDraft = z.output<typeof ScenarioSchema>;
export type StepDraft = ScenarioDraft['steps'][number];

// The arguments each operation's schema produces are the normalized OperationArgs, but for `buy` and
// `carrier.outage`, whose times parse.ts completes. A mismatch is a compile error here.
type ArgsOut = { [K in OperationKey]: z.output<(typeof OPERATIONS)[K]['args']> };
type Completed = 'buy' | 'carrier.outage';
type Mismatch = {
  [K in Exclude<OperationKey, Completed>]: ArgsOut[K] extends OperationArgs[K] ? never : K;
}[Exclude<OperationKey, Completed>];
type MissingName = Exclude<OperationName, OperationKey> | Exclude<OperationKey, OperationName>;
export const argsMatchTypes: [Mismatch, MissingName] extends [never, never] ? true : [Mismatch, MissingName] =
  true;
