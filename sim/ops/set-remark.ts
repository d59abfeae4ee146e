// C4: free text on a card, at most 256 characters (decision).
import type { CardOperation } from './types.ts';

export const MAX_REMARK_LENGTH = 256;

export const setRemark: CardOperation<'setRemark'> = {
  name: 'setRemark',
  kind: 'card',
  performer: 'user',
  reachesCarrier: false,
  apply(world, card, args, by) {
    if ([...args.text].length > MAX_REMARK_LENGTH) {
      return { code: 'InvalidArgument', message: `a remark is at most ${MAX_REMARK_LENGTH} characters (C4)` };
    }
    if (card.view.status === 'Canceled')
      return { code: 'CardCanceled', message: `card ${card.iccid} is canceled and refuses every operation` };
    if (card.remark === args.text) return null;
    card.remark = args.text;
    world.record(card, by, 'Remark set', args.text);
    world.emit('card.remark', card.iccid, { text: args.text, by });
    return null;
  },
};
