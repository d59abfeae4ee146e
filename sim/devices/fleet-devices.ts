// What happens to devices in a world (RULES.md D2; SCENARIOS.md world operations): a card is put
// into a device, moved to another (an IMEI swap, L6), taken out; a device is powered off and on,
// or changes what it does. Every change realizes the card's traffic so far and plans the rest.
import type { Card } from '../cards/card.ts';
import type { Device } from '../traffic/devices.ts';
import type { World } from '../world.ts';
import { BUILT_IN_PROFILES, isBuiltInProfile, type DeviceProfile } from './profiles.ts';

export class FleetDevices {
  /** Profiles a scenario defined, by name; the built-in ones are always there. */
  readonly customProfiles = new Map<string, DeviceProfile>();

  constructor(private readonly world: World) {}

  profile(name: string): DeviceProfile | undefined {
    return this.customProfiles.get(name) ?? (isBuiltInProfile(name) ? BUILT_IN_PROFILES[name] : undefined);
  }

  /** D2: the card goes into a new device with this profile, powered on. */
  insert(card: Card, profile: DeviceProfile): Device {
    const device = this.world.traffic.addDevice({
      imei: this.world.ids.imei(),
      profile,
      powered: true,
      cardIndex: -1,
    });
    this.world.traffic.insert(card, device);
    this.world.record(card, 'world', 'Inserted into a device', `IMEI ${device.imei}, ${profile.name}`);
    this.world.emit('device.inserted', card.iccid, { imei: device.imei, profile: profile.name });
    return device;
  }

  /** D2, L6: the card moves to a new device (a new IMEI) doing the same work. */
  swap(card: Card): Device | undefined {
    const old = this.world.traffic.deviceOf(card);
    if (!old) return undefined;
    const device = this.world.traffic.addDevice({
      imei: this.world.ids.imei(),
      profile: old.profile,
      powered: true,
      cardIndex: -1,
    });
    this.world.traffic.insert(card, device);
    this.world.record(card, 'world', 'Moved to another device', `IMEI ${old.imei} -> ${device.imei}`);
    this.world.emit('device.swapped', card.iccid, { from: old.imei, to: device.imei });
    return device;
  }

  remove(card: Card): boolean {
    const old = this.world.traffic.deviceOf(card);
    if (!old) return false;
    this.world.traffic.remove(card);
    this.world.record(card, 'world', 'Taken out of its device', `IMEI ${old.imei}`);
    this.world.emit('device.removed', card.iccid, { imei: old.imei });
    return true;
  }

  setPower(card: Card, powered: boolean): boolean {
    const device = this.world.traffic.deviceOf(card);
    if (!device) return false;
    if (device.powered === powered) return true;
    this.world.traffic.change(card, () => {
      device.powered = powered;
    });
    this.world.emit(powered ? 'device.poweredOn' : 'device.poweredOff', card.iccid, { imei: device.imei });
    return true;
  }

  setProfile(card: Card, profile: DeviceProfile): boolean {
    const device = this.world.traffic.deviceOf(card);
    if (!device) return false;
    this.world.traffic.change(card, () => {
      device.profile = profile;
    });
    this.world.emit('device.profileChanged', card.iccid, { imei: device.imei, profile: profile.name });
    return true;
  }
}
