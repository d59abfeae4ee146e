// What every RPC operation handler gets and shares: the live run, the request's parameters, finding
// the card a request names, and performing a twin operation through LiveRun.perform (validated,
// journaled with source `rpc`, applied), with a refusal thrown as the twin's error for the dispatcher
// to turn into the platform's code (error-codes.ts).
import type { Card } from '../../sim/cards/card.ts';
import { TwinError, type ErrorCode } from '../../sim/errors.ts';
import type { World } from '../../sim/world.ts';
import type { LiveRun } from '../live-run.ts';
import type { RpcCode } from './error-codes.ts';
import type { RpcParams } from './params.ts';

export const RPC_SOURCE = 'rpc';

export interface RpcContext {
  readonly live: LiveRun;
  readonly params: RpcParams;
}

/** What a handler returns when the envelope has more than Data (SendMessage, delayed operations). */
export class RpcAnswer {
  constructor(
    readonly data: unknown,
    readonly extra: Readonly<Record<string, unknown>>,
  ) {}
}

export interface RpcOperation {
  readonly action: string;
  /** The three bodies without LocalizedMessage (linkcard-api.md section 1) say false. */
  readonly localized?: boolean;
  /** The not-found code this operation documents (default linkcard.common.CardNotExist). */
  readonly cardMissing?: RpcCode;
  /** The operation's own codes for some of the twin's refusals (default: TWIN_TO_RPC). */
  readonly refusals?: Partial<Record<ErrorCode, RpcCode>>;
  /** Data, or an RpcAnswer. */
  handle(context: RpcContext): unknown;
}

/**
 * The card an ICCID names (a sub-card's ICCID names its smart card). Only ICCIDs: an MSISDN in an Iccid
 * parameter finds nothing. Not found: the twin's CardNotFound, which the operation's `cardMissing` names.
 */
export function cardByIccid(world: World, iccid: string): Card {
  const card = world.findCard(iccid);
  if (card && (card.iccid === iccid || card.subCards.some((s) => s.iccid === iccid))) return card;
  throw new TwinError('CardNotFound', `no card with ICCID ${JSON.stringify(iccid)} in this run`);
}

/** A canceled card (L13) refuses every operation: linkcard.common.CardDestroy. */
export function notCanceled(card: Card): Card {
  if (card.view.status === 'Canceled')
    throw new TwinError('CardCanceled', `card ${card.iccid} is canceled and refuses every operation`);
  return card;
}

/**
 * One twin operation on one card through the one way in. Returns the carrier's pending operation id when
 * the carrier delays it (perform.ts); throws the twin's refusal otherwise.
 */
export function performOnCard(
  live: LiveRun,
  operation: string,
  card: Card,
  args: Record<string, unknown> = {},
): { pending?: string } {
  const result = live.perform({ operation, cards: [card.iccid], args, source: RPC_SOURCE });
  if (result.refusal) throw new TwinError(result.refusal.code, result.refusal.message);
  const only = result.results[0];
  if (!only) throw new TwinError('InvalidArgument', `${operation} gave no result for card ${card.iccid}`);
  if (!only.ok) throw new TwinError(only.code, only.message);
  return only.pending ? { pending: only.pending } : {};
}

/** A change that is not a sim operation (server/rpc/actions.ts), checked, journaled and applied. */
export function act(live: LiveRun, action: string, args: Record<string, unknown>): unknown {
  return live.act(action, args, RPC_SOURCE);
}
