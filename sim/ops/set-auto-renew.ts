// L11: automatic renewal on or off.
import type { CardOperation } from './types.ts';

export const setAutoRenew: CardOperation<'setAutoRenew'> = {
  name: 'setAutoRenew',
  kind: 'card',
  performer: 'user',
  reachesCarrier: false,
  apply(world, card, args, by) {
    if (card.view.status === 'Canceled')
      return { code: 'CardCanceled', message: `card ${card.iccid} is canceled and refuses every operation` };
    if (card.autoRenew === args.on) return null;
    card.autoRenew = args.on;
    world.record(card, by, args.on ? 'Automatic renewal on' : 'Automatic renewal off');
    world.emit('card.settings', card.iccid, { autoRenew: args.on, by });
    return null;
  },
};
