// The one XState actor system of a world's cards. Every card actor is created as a child of this
// root (ActorOptions.parent), so all of them share its system instead of each building its own: a
// system is about 1.8 KB of closures, maps and sets, nearly half of what a card actor weighed alone
// (measured here: 4.2 KB per card actor with its own system, 2.3 KB sharing one). Sub-cards were
// already children of their smart card; now cards are children of the world's root as well.
//
// The root does nothing with what its children tell it: a card reaching a final state (Canceled)
// reports done, which it ignores. A card machine that throws is a bug; XState hands the error to
// the parent instead of reporting it, so the root rethrows it and XState reports it as before.
import { createActor, fromTransition, type AnyActorRef } from 'xstate';
import type { Scheduler } from '../time/scheduler.ts';

interface ChildReport {
  readonly type: string;
  readonly error?: unknown;
}

const root = fromTransition((state: null, event: ChildReport) => {
  if (event.type.startsWith('xstate.error.actor')) throw event.error;
  return state;
}, null);

/** A started root actor for a world's card actors, on the world's clock. */
export function createCardRoot(clock: Scheduler): AnyActorRef {
  return createActor(root, { clock }).start();
}
