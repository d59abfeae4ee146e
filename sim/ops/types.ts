// The shape of every operation of the twin (ARCHITECTURE.md, One way in): a user's, a device's or a
// carrier's. An operation checks everything before it changes anything, so a refused card is left
// exactly as it was (nothing half-applied), and says why with a code of sim/errors.ts.
import type { Card } from '../cards/card.ts';
import type { ErrorCode, Refusal } from '../errors.ts';
import type { Actor as Who } from '../record/event.ts';
import type { OperationArgs, OperationName } from '../scenario/types-operations.ts';
import type { World } from '../world.ts';

export type { OperationArgs, OperationName };

/** An operation on one card at a time; a batch applies it card by card. */
export interface CardOperation<Name extends OperationName = OperationName> {
  readonly name: Name;
  readonly kind: 'card';
  /** Who may perform it: users act through the console, devices are the world, carriers alone do L8. */
  readonly performer: Who;
  /** Whether the carrier's operation delay applies (it reaches the carrier's network). */
  readonly reachesCarrier: boolean;
  apply(world: World, card: Card, args: OperationArgs[Name], by: Who): Refusal | null;
  /** Whether `apply` would be refused now, changing nothing (for operations the carrier delays). */
  check?(world: World, card: Card, args: OperationArgs[Name]): Refusal | null;
}

/** An operation on the world as a whole (a pool, the rule book, an export, a purchase, a network). */
export interface WorldOperation<Name extends OperationName = OperationName> {
  readonly name: Name;
  readonly kind: 'world';
  readonly performer: Who;
  apply(world: World, args: OperationArgs[Name], by: Who): Refusal | WorldOutcome;
}

/** What a world operation made, when it made something (the cards bought, the export started). */
export interface WorldOutcome {
  readonly cards?: readonly Card[];
  readonly detail?: string;
}

/** One card's result in a batch (C3: refused by name, the others succeed). */
export type CardResult =
  | { readonly iccid: string; readonly ok: true; readonly pending?: string }
  | { readonly iccid: string; readonly ok: false; readonly code: ErrorCode; readonly message: string };

export interface OperationResult {
  readonly operation: OperationName;
  readonly at: number;
  readonly results: readonly CardResult[];
  readonly succeeded: number;
  readonly failed: number;
  /** For world operations: the refusal, or what was made. */
  readonly refusal?: Refusal;
  readonly outcome?: WorldOutcome;
}
