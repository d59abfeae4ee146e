// The one place the two-level mapping of RULES.md section 3 lives: from a machine's state to what
// the console and the API show.
import type { SnapshotFrom } from 'xstate';
import type { CardContext, CardMachine } from './card-machine.ts';
import {
  CAUSE_SPECIFIC_STATUS,
  causesOf,
  SIM_STATUSES,
  SPECIFIC_STATUSES,
  STATUS_OF_SPECIFIC,
  topCause,
  type ActivationType,
  type SimStatus,
  type SimStatusCode,
  type SpecificStatus,
  type SpecificStatusCode,
  type SuspensionCause,
} from './status.ts';

export interface StatusView {
  readonly status: SimStatus;
  readonly statusCode: SimStatusCode;
  readonly specificStatus: SpecificStatus;
  readonly osStatus: SpecificStatusCode;
  readonly causes: readonly SuspensionCause[];
  readonly pendingCancellation: boolean;
  readonly activationType: ActivationType | null;
  readonly activatedAt: number | null;
}

export type CardPhase = 'silent' | 'test' | 'active' | 'deactivated' | 'canceled';

export type CardSnapshot = SnapshotFrom<CardMachine>;

/** The card machine's states are its phases (card-machine.ts). */
export function phaseOf(snapshot: CardSnapshot): CardPhase {
  return snapshot.value;
}

/** The specific status a phase and a cause set show (S1: the most serious cause). */
export function specificStatusOf(phase: CardPhase, causes: number): SpecificStatus {
  switch (phase) {
    case 'silent':
      return 'Silent period';
    case 'test':
    case 'active': {
      const top = topCause(causes);
      if (top) return CAUSE_SPECIFIC_STATUS[top];
      return phase === 'test' ? 'Test period' : 'In use';
    }
    case 'deactivated':
      return 'Deactivated';
    case 'canceled':
      return 'Canceled';
  }
}

// One frozen cause list per cause set, shared by every view that shows it: a view is made on every
// status change of every card, and a million cards keep theirs.
const CAUSE_LISTS: (readonly SuspensionCause[])[] = [];
const NO_CAUSES: readonly SuspensionCause[] = Object.freeze([]);

function causeList(mask: number): readonly SuspensionCause[] {
  return (CAUSE_LISTS[mask] ??= Object.freeze(causesOf(mask)));
}

export function viewOf(specificStatus: SpecificStatus, context: CardContext, phase: CardPhase): StatusView {
  const status = STATUS_OF_SPECIFIC[specificStatus];
  const shownCauses = phase === 'test' || phase === 'active' ? causeList(context.causes) : NO_CAUSES;
  return {
    status,
    statusCode: SIM_STATUSES[status],
    specificStatus,
    osStatus: SPECIFIC_STATUSES[specificStatus],
    causes: shownCauses,
    pendingCancellation: context.cancellationCompletesAt !== null,
    activationType: context.activationType,
    activatedAt: context.activatedAt,
  };
}

/** The status of a single card or of one sub-card. */
export function cardStatusView(snapshot: CardSnapshot): StatusView {
  const phase = phaseOf(snapshot);
  return viewOf(specificStatusOf(phase, snapshot.context.causes), snapshot.context, phase);
}
