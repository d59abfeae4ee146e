// A card as data, for snapshots: every field of the card with its machine's persisted snapshot in
// place of the actor (a smart card's includes its sub-cards, XState children). Views are derived
// from the machines, so they are recomputed rather than saved; operation records live in the
// world's columns (sim/cards/operation-records.ts) and are saved with the world.
import { createActor, type Actor, type AnyActorRef, type Snapshot } from 'xstate';
import { computeView, type Card, type SubCard } from '../cards/card.ts';
import { cardMachine, type CardMachine } from '../machines/card-machine.ts';
import { smartCardMachine, type SubCardIdentity } from '../machines/smart-card.ts';
import { cardStatusView, type StatusView } from '../machines/status-view.ts';
import type { World } from '../world.ts';

type Fields = Omit<Card, 'actor' | 'subCards' | 'view' | 'records' | 'tags'>;

export interface CardState extends Fields {
  readonly tags: readonly string[];
  /** The persisted snapshot of the card's machine (smart cards: with their sub-cards). */
  readonly machine: Snapshot<unknown>;
  readonly subCards: readonly SubCardIdentity[];
}

export function saveCard(card: Card): CardState {
  // Listed field by field: a new field on Card is a compile error here until it is saved too.
  return {
    iccid: card.iccid,
    index: card.index,
    group: card.group,
    groupIndex: card.groupIndex,
    voucher: card.voucher,
    carrier: card.carrier,
    msisdn: card.msisdn,
    imsi: card.imsi,
    orderedAt: card.orderedAt,
    idVerification: card.idVerification,
    monthsBought: card.monthsBought,
    serviceEndsAt: card.serviceEndsAt,
    initialServiceEndsAt: card.initialServiceEndsAt,
    autoRenew: card.autoRenew,
    activateOnFirstTraffic: card.activateOnFirstTraffic,
    usageLimitAutoRestore: card.usageLimitAutoRestore,
    usageLimitBytes: card.usageLimitBytes,
    tags: card.tags.slice(),
    remark: card.remark,
    networkIndex: card.networkIndex,
    machine: card.actor.getPersistedSnapshot() as Snapshot<unknown>,
    subCards: card.subCards.map(({ carrier, iccid, msisdn, imsi }) => ({ carrier, iccid, msisdn, imsi })),
  };
}

/** The card again in `world`: its actor a child of the world's card root, as when it was bought. */
export function restoreCard(state: CardState, world: World): Card {
  const options = restoring(state.machine, world);
  const identities = state.subCards;
  let actor: Card['actor'];
  let subCards: SubCard[] = [];
  if (identities.length > 0) {
    const smart = createActor(smartCardMachine, options);
    smart.start();
    actor = smart;
    const children = smart.getSnapshot().children;
    subCards = identities.map((identity) => {
      const child = children[identity.carrier] as Actor<CardMachine> | undefined;
      if (!child)
        throw new RangeError(`card ${state.iccid}: no sub-card ${identity.carrier} in its snapshot`);
      return {
        carrier: identity.carrier,
        iccid: identity.iccid,
        msisdn: identity.msisdn,
        imsi: identity.imsi,
        actor: child,
        view: cardStatusView(child.getSnapshot()),
      };
    });
  } else {
    actor = createActor(cardMachine, options);
    actor.start();
  }
  // Field by field, in the order World.createCard sets them: every card then shares one hidden
  // class, which keeps the daily loops over cards fast after a restore too.
  const card = world.newCard({
    iccid: state.iccid,
    index: state.index,
    group: state.group,
    groupIndex: state.groupIndex,
    voucher: state.voucher,
    carrier: state.carrier,
    msisdn: state.msisdn,
    imsi: state.imsi,
    orderedAt: state.orderedAt,
    idVerification: state.idVerification,
    monthsBought: state.monthsBought,
    serviceEndsAt: state.serviceEndsAt,
    initialServiceEndsAt: state.initialServiceEndsAt,
    autoRenew: state.autoRenew,
    activateOnFirstTraffic: state.activateOnFirstTraffic,
    usageLimitAutoRestore: state.usageLimitAutoRestore,
    usageLimitBytes: state.usageLimitBytes,
    tags: state.tags.slice(),
    remark: state.remark,
    actor,
    subCards,
    networkIndex: state.networkIndex,
    view: undefined as unknown as StatusView,
  });
  card.view = computeView(card);
  return card;
}

// XState's types ask for `input` on machines that take one; an actor restored from a snapshot takes
// its context from the snapshot and never reads input.
function restoring(
  snapshot: Snapshot<unknown>,
  world: World,
): { snapshot: Snapshot<unknown>; clock: World['clock']; parent: AnyActorRef; input: never } {
  return { snapshot, clock: world.clock, parent: world.cardRoot, input: undefined as never };
}
