// L8: Suspended (abnormal) is set and lifted by the carrier alone. A user asking is refused with
// CarrierOnly wherever these are reachable from the user's side (REST, RPC, viewer).
import type { NetworkCarrier } from '../ids/carrier.ts';
import { statusOperation } from './status-operation.ts';
import type { WorldOperation } from './types.ts';

export const carrierSuspendAbnormal = statusOperation(
  'carrier.suspendAbnormal',
  (at) => ({ type: 'SYSTEM_SUSPEND', at, cause: 'abnormal' }),
  { performer: 'carrier', reachesCarrier: false },
);

export const carrierResumeAbnormal = statusOperation(
  'carrier.resumeAbnormal',
  (at) => ({ type: 'SYSTEM_LIFT', at, cause: 'abnormal' }),
  { performer: 'carrier', reachesCarrier: false },
);

/** SCENARIOS.md carrier.outage: the carrier's network carries nothing until `endsAt`. */
export const carrierOutage: WorldOperation<'carrier.outage'> = {
  name: 'carrier.outage',
  kind: 'world',
  performer: 'carrier',
  apply(world, args) {
    const carrier: NetworkCarrier = args.carrier;
    if (!(args.endsAt > world.now())) {
      return { code: 'InvalidArgument', message: 'an outage must end after it starts' };
    }
    world.emit('carrier.outage', carrier, { until: args.endsAt });
    world.traffic.outage(carrier, args.endsAt);
    return { detail: `${carrier} carries nothing until the outage ends` };
  },
};
