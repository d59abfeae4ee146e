// Completes what the schema read of the set-up: the fleet's defaults that depend on where an entry
// stands (start, or a buy step's time), pools, custom profiles and every carrier's behaviour.
import { formatDateTime, type SimTime } from '../time/calendar.ts';
import { ScenarioError, joinPath } from './errors.ts';
import type { ScenarioReferences } from './references.ts';
import { CarrierBehaviourSchema, type FleetEntryDraft } from './schema-fleet.ts';
import type { ScenarioDraft } from './schema.ts';
import type { CarrierBehaviour, DeviceProfileSpec, FleetEntry, PoolSpec, Scenario } from './types.ts';

/**
 * A fleet entry (or a buy step's `with`) made complete. `boughtAt` is when the entry is read: the
 * scenario's start, or the buy step's time. The order date may be later (the cards are bought then),
 * not earlier: the twin starts every card's life at its order date and cannot replay a past one.
 */
export function completeFleetEntry(
  draft: FleetEntryDraft,
  path: string,
  boughtAt: SimTime,
  boughtAtName: string,
  refs: ScenarioReferences,
): FleetEntry {
  const poolId = draft.voucher.poolId;
  if (poolId !== undefined && !refs.hasPool(poolId)) {
    throw new ScenarioError(
      joinPath(path, 'voucher'),
      `the pooled plan ${draft.voucher.code} names pool "${poolId}", which is not declared under \`pools\``,
    );
  }
  const orderedAt = draft.ordered ?? boughtAt;
  if (orderedAt < boughtAt) {
    throw new ScenarioError(
      joinPath(path, 'ordered'),
      `${formatDateTime(orderedAt)} is before ${boughtAtName} (${formatDateTime(boughtAt)}); ` +
        'an order cannot be backdated, start the scenario earlier instead',
    );
  }
  let device: FleetEntry['device'];
  if (draft.device !== undefined) {
    const devicePath = joinPath(path, 'device');
    refs.checkProfile(draft.device.profile, joinPath(devicePath, 'profile'));
    const insertedAt = draft.device.inserted ?? orderedAt;
    if (insertedAt < orderedAt) {
      throw new ScenarioError(
        joinPath(devicePath, 'inserted'),
        `${formatDateTime(insertedAt)} is before the cards are ordered (${formatDateTime(orderedAt)})`,
      );
    }
    device = { profile: draft.device.profile, insertedAt };
  }
  refs.addGroup(draft.group, draft.count, path);
  return {
    group: draft.group,
    count: draft.count,
    voucher: draft.voucher,
    orderedAt,
    // Default 12 periods for monthly plans, 1 for yearly (SCENARIOS.md, fleet).
    periods: draft.months ?? (draft.voucher.billingCycle === 'M' ? 12 : 1),
    idVerification: draft.idVerification,
    autoRenew: draft.autoRenew,
    activateOnFirstTraffic: draft.activateOnFirstTraffic,
    ...(device !== undefined && { device }),
    path,
  };
}

export function normalizePools(draft: ScenarioDraft, refs: ScenarioReferences): PoolSpec[] {
  return draft.pools.map((pool, i) => {
    const path = joinPath('pools', i);
    refs.addPool(pool.id, path);
    return {
      id: pool.id,
      sizeBytes: pool.size,
      ...(pool.perCard !== undefined && { perCardBytes: pool.perCard }),
      path,
    };
  });
}

export function normalizeProfiles(
  draft: ScenarioDraft,
  refs: ScenarioReferences,
): Record<string, DeviceProfileSpec> {
  for (const name of Object.keys(draft.profiles)) refs.addProfile(name, joinPath('profiles', name));
  return draft.profiles;
}

/** Every carrier's behaviour, with the schema's defaults for the ones the file does not mention. */
export function normalizeCarriers(draft: ScenarioDraft): Scenario['carriers'] {
  const defaults = (): CarrierBehaviour => CarrierBehaviourSchema.parse({});
  const { CM, CU, CT, AL } = draft.carriers;
  return { CM: CM ?? defaults(), CU: CU ?? defaults(), CT: CT ?? defaults(), AL: AL ?? defaults() };
}
