// Cards: the list with C2 filters and paging, details (C5), usage, records (C9), and one operation
// on one card (`POST /api/cards/:iccid/:operation`, the body holding its `with`).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TwinError } from '../../sim/errors.ts';
import { cardDetails, cardRecords, cardUsage, findCardOrThrow, listCards } from '../../sim/queries/index.ts';
import type { LiveRun } from '../live-run.ts';
import { operationResponse } from './operations.ts';
import { CARD_FILTER_FIELDS, cardFilterOf, pageOf, timeRangeOf, type Query } from './query-params.ts';

/** A POST without a body (`curl -X POST …/activate`) is an operation without arguments: `{}`. */
export async function emptyBodyIsObject(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}

export const stringProps = (fields: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(fields).map(([key, description]) => [key, { type: 'string', description }]),
  );

export const pagingProps = {
  page: { type: 'string', description: 'page from 1 (default 1)' },
  pageSize: { type: 'string', description: '1 to 1000 (default 20)' },
};

const iccidParams = {
  type: 'object',
  required: ['iccid'],
  properties: {
    iccid: { type: 'string', description: 'ICCID of the card, or the MSISDN of it or of a sub-card' },
  },
};

export function cardRoutes(app: FastifyInstance, live: LiveRun): void {
  app.get(
    '/api/cards',
    {
      schema: {
        tags: ['cards'],
        summary: 'The card list: every filter of the advanced search (C2), paged',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...pagingProps, ...stringProps(CARD_FILTER_FIELDS) },
        },
      },
    },
    async (request) => {
      const query = request.query as Query;
      return listCards(live.world, { ...pageOf(query), filter: cardFilterOf(query) });
    },
  );

  app.get(
    '/api/cards/:iccid',
    { schema: { tags: ['cards'], summary: 'Card details (C5)', params: iccidParams } },
    async (request) => {
      return cardDetails(live.world, (request.params as { iccid: string }).iccid);
    },
  );

  app.get(
    '/api/cards/:iccid/usage',
    {
      schema: {
        tags: ['cards'],
        summary: 'Daily and monthly usage; by default the last two months',
        params: iccidParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { from: { type: 'string' }, to: { type: 'string' } },
        },
      },
    },
    async (request) => {
      const card = findCardOrThrow(live.world, (request.params as { iccid: string }).iccid);
      const query = request.query as Query;
      return cardUsage(live.world, card, timeRangeOf(query));
    },
  );

  app.get(
    '/api/cards/:iccid/records',
    {
      schema: {
        tags: ['cards'],
        summary: 'Operation records (C9)',
        params: iccidParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { order: { type: 'string', enum: ['newest', 'oldest'] } },
        },
      },
    },
    async (request) => {
      const order = (request.query as Query).order === 'oldest' ? 'oldest' : 'newest';
      return { items: cardRecords(live.world, (request.params as { iccid: string }).iccid, order) };
    },
  );

  app.post(
    '/api/cards/:iccid/:operation',
    {
      preValidation: emptyBodyIsObject,
      schema: {
        tags: ['operations'],
        summary: 'One operation on one card; the body is its arguments (what a scenario writes under `with`)',
        params: {
          type: 'object',
          required: ['iccid', 'operation'],
          properties: {
            iccid: { type: 'string' },
            operation: { type: 'string', description: 'activate, suspend, resume, topUp, addTags, …' },
          },
        },
        body: { type: 'object', description: 'the operation arguments' },
      },
    },
    async (request, reply) => {
      const { iccid, operation } = request.params as { iccid: string; operation: string };
      const card = findCardOrThrow(live.world, iccid);
      const result = live.perform({
        operation,
        cards: [card.iccid],
        args: request.body ?? {},
        source: 'rest',
      });
      const [only] = result.results;
      if (result.refusal) throw new TwinError(result.refusal.code, result.refusal.message);
      if (only && !only.ok) throw new TwinError(only.code, only.message);
      return reply
        .status(only && 'pending' in only && only.pending ? 202 : 200)
        .send(operationResponse(live, result));
    },
  );
}
