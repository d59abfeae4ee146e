// The devices of a world (RULES.md D1, D2): each has an IMEI and a profile, can be powered off and
// on, and holds at most one card. A card moved to another device (an IMEI swap) meets L6.
import type { DeviceProfile } from '../devices/profiles.ts';

export interface Device {
  /** Position in the world's device list; keys the device's traffic stream. */
  readonly index: number;
  readonly imei: string;
  profile: DeviceProfile;
  powered: boolean;
  /** The card inserted, by card index, or -1. */
  cardIndex: number;
}
