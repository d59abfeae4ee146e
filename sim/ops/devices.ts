// The world's operations on devices (RULES.md D2; SCENARIOS.md world operations).
import type { Card } from '../cards/card.ts';
import type { Refusal } from '../errors.ts';
import type { World } from '../world.ts';
import type { CardOperation } from './types.ts';

function profileOf(world: World, name: string): ReturnType<World['devices']['profile']> | Refusal {
  return world.devices.profile(name) ?? { code: 'InvalidArgument', message: `no device profile "${name}"` };
}

const noDevice = (card: Card): Refusal => ({
  code: 'InvalidArgument',
  message: `card ${card.iccid} is in no device`,
});
const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'code' in x;

function worldOperation<
  Name extends
    'insertDevice' | 'swapDevice' | 'removeDevice' | 'powerOff' | 'powerOn' | 'setProfile' | 'traffic',
>(name: Name, apply: CardOperation<Name>['apply']): CardOperation<Name> {
  return { name, kind: 'card', performer: 'world', reachesCarrier: false, apply };
}

export const insertDevice = worldOperation('insertDevice', (world, card, args) => {
  const profile = profileOf(world, args.profile);
  if (isRefusal(profile) || !profile) return profile ?? null;
  world.devices.insert(card, profile);
  return null;
});

/** L6: the card moves to a new device (a new IMEI), doing the same work unless told otherwise. */
export const swapDevice = worldOperation('swapDevice', (world, card, args) => {
  if (!world.traffic.deviceOf(card)) return noDevice(card);
  if (args.profile !== undefined) {
    const profile = profileOf(world, args.profile);
    if (isRefusal(profile) || !profile) return profile ?? null;
    world.devices.swap(card);
    world.devices.setProfile(card, profile);
    return null;
  }
  world.devices.swap(card);
  return null;
});

export const removeDevice = worldOperation('removeDevice', (world, card) =>
  world.devices.remove(card) ? null : noDevice(card),
);
export const powerOff = worldOperation('powerOff', (world, card) =>
  world.devices.setPower(card, false) ? null : noDevice(card),
);
export const powerOn = worldOperation('powerOn', (world, card) =>
  world.devices.setPower(card, true) ? null : noDevice(card),
);

export const setProfile = worldOperation('setProfile', (world, card, args) => {
  const profile = profileOf(world, args.profile);
  if (isRefusal(profile) || !profile) return profile ?? null;
  return world.devices.setProfile(card, profile) ? null : noDevice(card);
});

/** One session now, exactly as given: carried or refused by the card's rules (D3, V6). */
export const traffic = worldOperation('traffic', (world, card, args) => {
  // The device sends whatever the card's status; a card that may not carry refuses it (counted as refused).
  if (!(args.bytes > 0)) return { code: 'InvalidArgument', message: 'traffic needs more than 0 MB' };
  world.traffic.offerNow(card, args.bytes, args.whitelisted);
  return null;
});
