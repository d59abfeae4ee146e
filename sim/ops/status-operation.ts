// Most user operations on a card are one event to its machine: the machine decides (snapshot.can)
// and the world applies and records (world.sendToCard). This builds such an operation.
import type { CardEvent } from '../machines/card-events.ts';
import type { Actor as Who } from '../record/event.ts';
import type { OperationName, SubCardArgs } from '../scenario/types-operations.ts';
import type { CardOperation } from './types.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function statusOperation<Name extends OperationName>(
  name: Name,
  event: (at: number) => DistributiveOmit<CardEvent, never>,
  options: { performer?: Who; reachesCarrier?: boolean } = {},
): CardOperation<Name> {
  return {
    name,
    kind: 'card',
    performer: options.performer ?? 'user',
    reachesCarrier: options.reachesCarrier ?? true,
    apply(world, card, args, by) {
      const subCards = (args as SubCardArgs).subCards;
      return world.sendToCard(card, event(world.now()), { by, ...(subCards ? { subCards } : {}) });
    },
    check(world, card, args) {
      const subCards = (args as SubCardArgs).subCards;
      return world.wouldRefuse(card, event(world.now()), subCards);
    },
  };
}
