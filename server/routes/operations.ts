// One operation on many cards (per-card results, C3), and what became of operations a carrier delays.
import type { FastifyInstance } from 'fastify';
import { formatDateTime } from '../../sim/time/calendar.ts';
import type { OperationResult } from '../../sim/ops/types.ts';
import { notFound } from '../errors.ts';
import type { LiveRun } from '../live-run.ts';

export function operationResponse(live: LiveRun, result: OperationResult) {
  return {
    operation: result.operation,
    at: formatDateTime(result.at),
    succeeded: result.succeeded,
    failed: result.failed,
    results: result.results,
    ...(result.refusal ? { refusal: result.refusal } : {}),
    ...(result.outcome
      ? { detail: result.outcome.detail, cards: result.outcome.cards?.map((c) => c.iccid) }
      : {}),
    hash: live.world.hash(),
  };
}

export function operationRoutes(app: FastifyInstance, live: LiveRun): void {
  app.post(
    '/api/operations',
    {
      schema: {
        tags: ['operations'],
        summary: 'One operation on many cards (or on the world): per-card results',
        body: {
          type: 'object',
          required: ['operation'],
          additionalProperties: false,
          properties: {
            operation: { type: 'string' },
            cards: {
              type: 'array',
              items: { type: 'string' },
              maxItems: 100_000,
              description: 'ICCIDs or MSISDNs',
            },
            with: { type: 'object', description: 'the operation arguments' },
          },
        },
      },
    },
    async (request) => {
      const body = request.body as { operation: string; cards?: string[]; with?: unknown };
      const result = live.perform({
        operation: body.operation,
        ...(body.cards ? { cards: body.cards } : {}),
        args: body.with ?? {},
        source: 'rest',
      });
      return operationResponse(live, result);
    },
  );

  app.get(
    '/api/operations/:id',
    {
      schema: {
        tags: ['operations'],
        summary: 'An operation a carrier delays: PROCESSING, then SUCCESS or FAILURE',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', description: 'the `pending` id of a card result' } },
        },
      },
    },
    async (request) => {
      const id = (request.params as { id: string }).id;
      const pending = live.world.pendingOperations.get(id);
      if (!pending) throw notFound(`no operation ${JSON.stringify(id)} was delayed by a carrier in this run`);
      return {
        ...pending,
        acceptedAt: formatDateTime(pending.acceptedAt),
        effectiveAt: formatDateTime(pending.effectiveAt),
      };
    },
  );
}
