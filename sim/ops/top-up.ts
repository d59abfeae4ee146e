// T1-T4: renew a plan or buy add-on packages, as an order with a serial number (sim/plans/top-up.ts).
import type { CardOperation } from './types.ts';

export const topUp: CardOperation<'topUp'> = {
  name: 'topUp',
  kind: 'card',
  performer: 'user',
  reachesCarrier: false,
  apply(world, card, args, by) {
    const order =
      args.type === 'renew'
        ? ({ type: 'renew', periods: args.periods } as const)
        : ({ type: 'addOn', tierBytes: args.tierBytes, quantity: args.quantity } as const);
    const result = world.orders.topUp(card, order, { by, ...(args.serial ? { serialNo: args.serial } : {}) });
    return result.ok ? null : result.refusal;
  },
};
