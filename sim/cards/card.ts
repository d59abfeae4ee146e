// A card as the world holds it: identities, plan, settings and records around its machine actor.
import type { Actor } from 'xstate';
import type { Carrier } from '../ids/carrier.ts';
import type { PlanVoucher } from '../plans/voucher.ts';
import type { Actor as Who } from '../record/event.ts';
import type { CardMachine } from '../machines/card-machine.ts';
import type { SmartCardMachine, SubCardIdentity } from '../machines/smart-card.ts';
import { smartCardStatusView } from '../machines/smart-card.ts';
import { cardStatusView, type CardSnapshot, type StatusView } from '../machines/status-view.ts';
import { causeBit, type SuspensionCause } from '../machines/status.ts';

/** C9: one line of a card's operation records. */
export interface OperationRecord {
  readonly t: number;
  readonly by: Who;
  /** What happened, in the console's words: `Account created`, `Activated`, `Suspended`, … */
  readonly action: string;
  readonly detail?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface SubCard extends SubCardIdentity {
  readonly actor: Actor<CardMachine>;
  view: StatusView;
}

export interface Card {
  readonly iccid: string;
  /** Creation order in the world: the order every bulk walk over cards follows. */
  readonly index: number;
  readonly group: string;
  readonly groupIndex: number;
  readonly voucher: PlanVoucher;
  readonly carrier: Carrier;
  /** I2: a smart card shows no MSISDN of its own. */
  readonly msisdn: string | null;
  readonly imsi: string | null;
  readonly orderedAt: number;
  readonly idVerification: boolean;
  /** Service months bought and not yet started or used (T2, T5). */
  monthsBought: number;
  /** End (exclusive) of the last service period; null until activation (T5). */
  serviceEndsAt: number | null;
  /** End of the periods bought with the card: months before it are billed monthly (F2). */
  initialServiceEndsAt: number | null;
  autoRenew: boolean;
  /** L3: first traffic in the silent period activates this card (sim/cards/fleet.ts). */
  readonly activateOnFirstTraffic: boolean;
  /** C6: a card's own usage-limit setting; L10 restores on the 1st when autoRestore is on. */
  usageLimitAutoRestore: boolean;
  /** C6: the card's own monthly threshold, bytes, or null to follow its voucher's setting (card wins). */
  usageLimitBytes: number | null;
  /** C3: at most 3 tags. */
  tags: string[];
  /** C4: free text, at most 256 characters. */
  remark: string;
  /** Set for single-network cards; smart cards run their sub-cards instead. */
  readonly actor: Actor<CardMachine> | Actor<SmartCardMachine>;
  readonly subCards: readonly SubCard[];
  /** M3: which sub-card's network the device uses now. */
  networkIndex: number;
  view: StatusView;
  /** C9, oldest first: read from the world's columns (sim/cards/operation-records.ts), a new array each time. */
  readonly records: OperationRecord[];
}

export const isSmartCard = (card: Card): boolean => card.subCards.length > 0;

/** A smart card's sub-card: its identity and its machine, a child of the smart card's actor (M1). */
export function subCardOf(smart: Actor<SmartCardMachine>, identity: SubCardIdentity): SubCard {
  const child = smart.getSnapshot().children[identity.carrier] as Actor<CardMachine> | undefined;
  if (!child) throw new RangeError(`smart card has no sub-card ${identity.carrier}`);
  // Field by field rather than a spread, which gave every sub-card its own hidden class.
  return {
    carrier: identity.carrier,
    iccid: identity.iccid,
    msisdn: identity.msisdn,
    imsi: identity.imsi,
    actor: child,
    view: cardStatusView(child.getSnapshot()),
  };
}

/** The card machines an event for this card goes to: itself, or its (chosen) sub-cards. */
export function machinesOf(card: Card, subCarriers?: readonly string[]): Actor<CardMachine>[] {
  if (!isSmartCard(card)) return [card.actor as Actor<CardMachine>];
  const subs = subCarriers
    ? card.subCards.filter((s) => subCarriers.includes(s.carrier) || subCarriers.includes(s.msisdn))
    : card.subCards;
  return subs.map((s) => s.actor);
}

/** Whether any machine of the card (itself, or any sub-card) holds a suspension cause. */
export function hasCause(card: Card, cause: SuspensionCause): boolean {
  const bit = causeBit(cause);
  return machinesOf(card).some((machine) => (machine.getSnapshot().context.causes & bit) !== 0);
}

export function computeView(card: Card): StatusView {
  if (!isSmartCard(card)) return cardStatusView((card.actor as Actor<CardMachine>).getSnapshot());
  return smartCardStatusView(card.subCards.map((s) => s.view));
}

/** The card's machine snapshot, or its first sub-card's: identity facts shared by all sub-cards. */
export function primarySnapshot(card: Card): CardSnapshot {
  const first = card.subCards[0];
  return first ? first.actor.getSnapshot() : (card.actor as Actor<CardMachine>).getSnapshot();
}
