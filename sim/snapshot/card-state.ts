// A card as data, for snapshots: every field of the card with its machine's state in place of the
// actor (a smart card's with its sub-cards', XState children). Views are derived from the machines,
// so they are recomputed rather than saved; operation records live in the world's columns
// (sim/cards/operation-records.ts) and are saved with the world.
//
// Why machine states are tuples: a world holds up to a million cards, and a persisted XState snapshot
// (status, output, error, value, historyValue, a context of fifteen named fields, children) as an
// object repeats its field names for every card when serialized. As tuples in a fixed order, the
// cards of a 100,000-card snapshot went from 92 MB to 59 MB, and decoding it from 2.6 s to 1.6 s.
import { createActor, type Actor, type AnyActorRef, type Snapshot } from 'xstate';
import { computeView, subCardOf, type Card, type SubCard } from '../cards/card.ts';
import { cardMachine, type CardContext, type CardMachine } from '../machines/card-machine.ts';
import { smartCardMachine, type SubCardIdentity } from '../machines/smart-card.ts';
import type { CardSnapshot, StatusView } from '../machines/status-view.ts';
import type { World } from '../world.ts';

type Fields = Omit<Card, 'actor' | 'subCards' | 'view' | 'records' | 'tags'>;

/** The card machine's context fields, in the order a MachineTuple holds them (card-machine.ts). */
const CONTEXT_FIELDS = [
  'iccid',
  'planType',
  'orderedAt',
  'testPeriodEndsAt',
  'idVerification',
  'identityVerified',
  'testPeriodUsed',
  'activationType',
  'activatedAt',
  'causes',
  'boundImei',
  'lockedByImei',
  'deactivatedAt',
  'cancellationCompletesAt',
  'canceledAt',
] as const satisfies readonly (keyof CardContext)[];

/** A card machine's state: XState's status and state value, then its context in CONTEXT_FIELDS order. */
export type MachineTuple = readonly unknown[];

export interface CardState extends Fields {
  readonly tags: readonly string[];
  /** A single-network card's machine; for a smart card, each sub-card's, in `subCards` order. */
  readonly machines: readonly MachineTuple[];
  /** A smart card's own context (its input: identities and plan facts); null for others. */
  readonly smartContext: unknown;
  readonly subCards: readonly SubCardIdentity[];
}

function machineTuple(snapshot: CardSnapshot): MachineTuple {
  const context = snapshot.context as unknown as Record<string, unknown>;
  // A field added to the machine's context must be added above, or it would be lost here.
  if (Object.keys(context).length !== CONTEXT_FIELDS.length) {
    throw new RangeError(
      `card ${String(context.iccid)}: its machine context has fields a snapshot does not know (${Object.keys(context).join(', ')})`,
    );
  }
  const tuple: unknown[] = [snapshot.status, snapshot.value];
  for (const field of CONTEXT_FIELDS) tuple.push(context[field]);
  return tuple;
}

/**
 * A machine state value as this machine names it. Snapshots of version 1 held the test period and
 * activation under a `live` parent, with suspension as their sub-states ({ live: { active: 'inUse' } });
 * the phase is the state now, and the causes say the rest.
 */
function currentValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const live = (value as { live?: unknown }).live;
  if (typeof live === 'string') return live;
  if (typeof live !== 'object' || live === null)
    throw new RangeError(`a card machine state ${JSON.stringify(value)} is not one this twin ever saved`);
  return 'test' in live ? 'test' : 'active';
}

/** The persisted XState snapshot a tuple stands for. */
function persisted(tuple: MachineTuple): Snapshot<unknown> {
  const context: Record<string, unknown> = {};
  CONTEXT_FIELDS.forEach((field, i) => (context[field] = tuple[i + 2]));
  return {
    status: tuple[0],
    output: undefined,
    error: undefined,
    value: currentValue(tuple[1]),
    historyValue: {},
    context,
    children: {},
  } as unknown as Snapshot<unknown>;
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
    machines:
      card.subCards.length > 0
        ? card.subCards.map((sub) => machineTuple(sub.actor.getSnapshot()))
        : [machineTuple((card.actor as Actor<CardMachine>).getSnapshot())],
    smartContext: card.subCards.length > 0 ? card.actor.getSnapshot().context : null,
    subCards: card.subCards.map(({ carrier, iccid, msisdn, imsi }) => ({ carrier, iccid, msisdn, imsi })),
  };
}

/** The persisted snapshot of the card's own actor: a smart card's with its sub-cards as children. */
function persistedCard(state: CardState): Snapshot<unknown> {
  if (state.subCards.length === 0) return persisted(state.machines[0]!);
  const children: Record<string, unknown> = {};
  state.subCards.forEach((sub, i) => {
    children[sub.carrier] = {
      snapshot: persisted(state.machines[i]!),
      src: 'subCard',
      systemId: undefined,
      syncSnapshot: undefined,
    };
  });
  return {
    status: 'active',
    output: undefined,
    error: undefined,
    value: {},
    historyValue: {},
    context: state.smartContext,
    children,
  } as unknown as Snapshot<unknown>;
}

/** The card again in `world`: its actor a child of the world's card root, as when it was bought. */
export function restoreCard(state: CardState, world: World): Card {
  const options = restoring(persistedCard(state), world);
  const identities = state.subCards;
  let actor: Card['actor'];
  let subCards: SubCard[] = [];
  if (identities.length > 0) {
    const smart = createActor(smartCardMachine, options);
    smart.start();
    actor = smart;
    subCards = identities.map((identity) => subCardOf(smart, identity));
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
