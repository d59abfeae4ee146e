// An operation's arguments as the REST API, the platform RPC API and the viewer send them: raw JSON,
// checked by the same schema a scenario's `with` is (sim/scenario/schema-operations.ts), so every
// interface accepts and refuses exactly the same things, with the same messages.
import { TwinError } from '../errors.ts';
import { completeFleetEntry } from '../scenario/normalize-fleet.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { scenarioErrorFromIssues } from '../scenario/issues.ts';
import { OPERATIONS, type OperationKey } from '../scenario/schema-operations.ts';
import type { ScenarioReferences } from '../scenario/references.ts';
import { addDuration, type Duration } from '../time/duration.ts';
import type { World } from '../world.ts';
import type { OperationArgs, OperationName } from './types.ts';

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}

/** How the operation selects cards: `required`, `none`, or `optional` (setUsageLimit). */
export function cardsOf(name: OperationName): 'required' | 'none' | 'optional' {
  return OPERATIONS[name as OperationKey].cards;
}

/** Check and normalize raw arguments; a mistake is a TwinError InvalidArgument naming the field. */
export function parseOperationArgs<Name extends OperationName>(
  world: World,
  name: Name,
  raw: unknown,
): OperationArgs[Name] {
  const schema = OPERATIONS[name as OperationKey].args;
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const error = scenarioErrorFromIssues(parsed.error.issues, raw, schema);
    throw new TwinError('InvalidArgument', `${name}: ${error.message}`);
  }
  const args = parsed.data as unknown;
  try {
    if (name === 'carrier.outage') {
      const outage = args as { carrier: OperationArgs['carrier.outage']['carrier']; for: Duration };
      return { carrier: outage.carrier, endsAt: addDuration(world.now(), outage.for) } as OperationArgs[Name];
    }
    if (name === 'buy')
      return completeFleetEntry(
        args as never,
        'with',
        world.now(),
        'now',
        references(world),
      ) as OperationArgs[Name];
  } catch (error) {
    if (error instanceof ScenarioError) throw new TwinError('InvalidArgument', `${name}: ${error.message}`);
    throw error;
  }
  return args as OperationArgs[Name];
}

/** What a live world knows of pools and profiles, for checking a `buy`. */
function references(world: World): ScenarioReferences {
  return {
    hasPool: (id: string) => world.pools.has(id),
    checkPool: () => {},
    checkProfile: (name: string, path: string) => {
      if (!world.devices.profile(name)) throw new ScenarioError(path, `unknown device profile "${name}"`);
    },
    checkSelector: () => {},
    // A live world may buy more cards into a group it has.
    addGroup: () => {},
  } as unknown as ScenarioReferences;
}
