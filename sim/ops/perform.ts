// The one way in (ARCHITECTURE.md): every operation, from a scenario step, the REST API, the
// platform RPC API or the viewer, is performed here, card by card, with a result per card (C3).
// An operation that reaches a carrier with an operation delay is checked now, answered as pending,
// and applied when the delay is over (the platform's GetOperateResult: PROCESSING, then SUCCESS or
// FAILURE).
import type { Card } from '../cards/card.ts';
import type { ErrorCode } from '../errors.ts';
import type { Actor as Who } from '../record/event.ts';
import type { World } from '../world.ts';
import { CARD_OPERATIONS, WORLD_OPERATIONS } from './registry.ts';
import type { CardResult, OperationArgs, OperationName, OperationResult } from './types.ts';

export interface OperationRequest<Name extends OperationName = OperationName> {
  readonly operation: Name;
  readonly args: OperationArgs[Name];
  /** The cards, for operations on cards; absent for world operations. */
  readonly cards?: readonly Card[];
  /** Who performs it; default: the operation's own performer (user, world or carrier). */
  readonly by?: Who;
}

export type PendingStatus = 'PROCESSING' | 'SUCCESS' | 'FAILURE';

export interface PendingOperation {
  readonly id: string;
  readonly operation: OperationName;
  readonly iccid: string;
  readonly acceptedAt: number;
  readonly effectiveAt: number;
  status: PendingStatus;
  code?: ErrorCode;
  message?: string;
}

export class UnknownOperationError extends Error {
  override name = 'UnknownOperationError';
}

export function performOperation<Name extends OperationName>(
  world: World,
  request: OperationRequest<Name>,
): OperationResult {
  const at = world.now();
  const cardOperation = CARD_OPERATIONS[request.operation];
  // setUsageLimit is a card operation with cards, a voucher operation without.
  const worldOperation = WORLD_OPERATIONS[request.operation];
  if (cardOperation && (request.cards || !worldOperation)) {
    const by = request.by ?? cardOperation.performer;
    const results: CardResult[] = [];
    for (const card of request.cards ?? []) {
      const delay = cardOperation.reachesCarrier ? world.carriers.of(card.carrier).operationDelayMs : 0;
      if (delay > 0 && cardOperation.check) {
        const refusal = cardOperation.check(world, card, request.args);
        if (refusal) {
          results.push({ iccid: card.iccid, ok: false, ...refusal });
          continue;
        }
        const pending = world.pendingOperations.accept(request.operation, card, delay, request.args, by);
        results.push({ iccid: card.iccid, ok: true, pending: pending.id });
        continue;
      }
      const refusal = cardOperation.apply(world, card, request.args, by);
      results.push(refusal ? { iccid: card.iccid, ok: false, ...refusal } : { iccid: card.iccid, ok: true });
    }
    const failed = results.filter((r) => !r.ok).length;
    world.emit('operation', request.operation, {
      by,
      cards: results.length,
      succeeded: results.length - failed,
      failed,
    });
    return { operation: request.operation, at, results, succeeded: results.length - failed, failed };
  }
  if (!worldOperation) throw new UnknownOperationError(`no operation "${request.operation}"`);
  const by = request.by ?? worldOperation.performer;
  const outcome = worldOperation.apply(world, request.args, by);
  const refused = 'code' in outcome;
  world.emit('operation', request.operation, {
    by,
    ok: !refused,
    ...(refused ? { code: outcome.code } : {}),
  });
  return refused
    ? { operation: request.operation, at, results: [], succeeded: 0, failed: 1, refusal: outcome }
    : { operation: request.operation, at, results: [], succeeded: 1, failed: 0, outcome };
}

/** Operations accepted and waiting for a carrier's delay, and what became of them. */
/** An operation waiting for its carrier (sim/snapshot/tasks.ts); `args` as parsed when accepted. */
export interface PendingOperationTask {
  readonly kind: 'pendingOperation';
  readonly id: string;
  readonly card: number;
  readonly args: unknown;
  readonly by: Who;
}

export class PendingOperations {
  private readonly byId = new Map<string, PendingOperation>();
  private next = 1;

  constructor(private readonly world: World) {}

  accept(operation: OperationName, card: Card, delayMs: number, args: unknown, by: Who): PendingOperation {
    const id = `OP${String(this.next++).padStart(8, '0')}`;
    const pending: PendingOperation = {
      id,
      operation,
      iccid: card.iccid,
      acceptedAt: this.world.now(),
      effectiveAt: this.world.now() + delayMs,
      status: 'PROCESSING',
    };
    this.byId.set(id, pending);
    this.world.emit('operation.pending', card.iccid, { id, operation, effectiveAt: pending.effectiveAt });
    this.world.at(pending.effectiveAt, { kind: 'pendingOperation', id, card: card.index, args, by });
    return pending;
  }

  /** The carrier's delay is over: the operation acts now, and its record says how it went. */
  runTask(task: PendingOperationTask): void {
    const pending = this.byId.get(task.id)!;
    const card = this.world.cards[task.card]!;
    const operation = CARD_OPERATIONS[pending.operation]!;
    const refusal = operation.apply(this.world, card, task.args as never, task.by);
    pending.status = refusal ? 'FAILURE' : 'SUCCESS';
    if (refusal) {
      pending.code = refusal.code;
      pending.message = refusal.message;
    }
    this.world.emit('operation.done', card.iccid, {
      id: task.id,
      status: pending.status,
      ...(refusal ? { code: refusal.code } : {}),
    });
  }

  /** Every operation accepted so far (copies: their status changes later), and the next number. */
  save(): { readonly operations: PendingOperation[]; readonly next: number } {
    return { operations: [...this.byId.values()].map((p) => ({ ...p })), next: this.next };
  }

  restore(saved: { readonly operations: readonly PendingOperation[]; readonly next: number }): void {
    this.byId.clear();
    for (const p of saved.operations) this.byId.set(p.id, { ...p });
    this.next = saved.next;
  }

  get(id: string): PendingOperation | undefined {
    return this.byId.get(id);
  }

  list(): PendingOperation[] {
    return [...this.byId.values()];
  }
}
