// Buying cards (a fleet entry), with the device the entry names put into each card when it says.
import { TwinError } from '../errors.ts';
import type { Card } from '../cards/card.ts';
import type { FleetEntry as ScenarioFleetEntry } from '../scenario/types.ts';
import type { World } from '../world.ts';
import type { WorldOperation } from './types.ts';

/** Buy a fleet entry now and arrange its devices (now, or at `insertedAt`). */
export function buyFleetEntry(
  world: World,
  entry: ScenarioFleetEntry,
  by: 'user' | 'system' = 'user',
): Card[] {
  const cards = world.buy(
    {
      group: entry.group,
      count: entry.count,
      voucher: entry.voucher,
      orderedAt: Math.max(entry.orderedAt, world.now()),
      periods: entry.periods,
      idVerification: entry.idVerification,
      autoRenew: entry.autoRenew,
      activateOnFirstTraffic: entry.activateOnFirstTraffic,
    },
    by,
  );
  const device = entry.device;
  if (device) {
    if (!world.devices.profile(device.profile))
      throw new TwinError('InvalidArgument', `no device profile "${device.profile}"`);
    if (device.insertedAt <= world.now()) insertDevices(world, cards, device.profile);
    else {
      const first = cards[0]?.index ?? world.cards.length;
      world.at(device.insertedAt, {
        kind: 'deviceInsert',
        first,
        count: cards.length,
        profile: device.profile,
      });
    }
  }
  return cards;
}

/** D2: each card goes into a new device of the profile (cards bought together are consecutive). */
export function insertDevices(world: World, cards: readonly Card[], profileName: string): void {
  const profile = world.devices.profile(profileName);
  if (!profile) throw new TwinError('InvalidArgument', `no device profile "${profileName}"`);
  for (const card of cards) world.devices.insert(card, profile);
}

export const buy: WorldOperation<'buy'> = {
  name: 'buy',
  kind: 'world',
  performer: 'user',
  apply(world, args, by) {
    try {
      return { cards: buyFleetEntry(world, args, by === 'system' ? 'system' : 'user') };
    } catch (error) {
      if (error instanceof TwinError) return { code: error.code, message: error.message };
      throw error;
    }
  },
};
