// The rest of the console REST API: clock, run, statistics, events, vouchers (C1), pools, tags (C3),
// rules (C7), exports (C8) and the ledger (F1).
import type { FastifyInstance } from 'fastify';
import { TwinError } from '../../sim/errors.ts';
import { MemorySink } from '../../sim/exports/memory-sink.ts';
import {
  fleetStats,
  ledgerLines,
  listPools,
  listVouchers,
  poolDetails,
  voucherCards,
} from '../../sim/queries/index.ts';
import { LEDGER_REASONS } from '../../sim/ledger/ledger.ts';
import { formatDateTime } from '../../sim/time/calendar.ts';
import { durationToApproxMs, parseDuration, DurationError } from '../../sim/time/duration.ts';
import type { EventHistory } from '../event-history.ts';
import { FolderSink } from '../folder-sink.ts';
import type { LiveRun } from '../live-run.ts';
import type { RunSummary } from '../store.ts';
import { parseScenario } from '../../sim/scenario/parse.ts';
import { ScenarioError } from '../../sim/scenario/errors.ts';
import { notFound } from '../errors.ts';
import { emptyBodyIsObject, pagingProps, stringProps } from './cards.ts';
import { operationResponse } from './operations.ts';
import { CARD_FILTER_FIELDS, cardFilterOf, pageOf, timeOf, timeRangeOf, type Query } from './query-params.ts';

export function clockView(live: LiveRun) {
  return {
    now: live.world.now(),
    nowText: formatDateTime(live.world.now()),
    mode: live.mode,
    speedMsPerSecond: live.speedMsPerSecond,
    speed: speedText(live.speedMsPerSecond),
  };
}

function speedText(ms: number): string {
  const units: [string, number][] = [
    ['mo', 30 * 86_400_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [unit, size] of units) if (ms >= size && ms % size === 0) return `${ms / size}${unit}/s`;
  return `${ms}ms/s`;
}

export function parseSpeedText(text: string): number {
  const match = /^(.+)\/s$/.exec(text.trim());
  try {
    if (!match) throw new DurationError(`"${text}" is not a speed (sim time per second: 1d/s, 6h/s, 1mo/s)`);
    const ms = durationToApproxMs(parseDuration(match[1]!));
    if (ms <= 0) throw new DurationError(`"${text}": a speed is more than 0`);
    return ms;
  } catch (error) {
    if (error instanceof DurationError) throw new TwinError('InvalidArgument', `speed: ${error.message}`);
    throw error;
  }
}

export function runView(live: LiveRun) {
  return {
    name: live.scenario.name,
    seed: live.world.seed,
    start: formatDateTime(live.scenario.start),
    until: formatDateTime(live.scenario.until),
    now: formatDateTime(live.world.now()),
    cards: live.world.cards.length,
    events: live.world.eventCount,
    hash: live.world.hash(),
    durable: live.durable,
    journal: live.journalLength(),
    ...runIdentity(live.run),
    snapshots: live.snapshotTimes().map(formatDateTime),
  };
}

/** A run's id and, for a fork, where it parted from which run, and the seeds it took on since. */
function runIdentity(run: RunSummary) {
  return {
    id: run.id,
    startSeed: run.seed,
    ...(run.forkOf
      ? {
          forkOf: {
            run: run.forkOf.run,
            at: formatDateTime(run.forkOf.at),
            ...(run.forkOf.seed !== undefined ? { seed: run.forkOf.seed } : {}),
          },
        }
      : {}),
    reseeds: (run.reseeds ?? []).map((r) => ({ at: formatDateTime(r.at), seed: r.seed })),
  };
}

export function worldRoutes(app: FastifyInstance, live: LiveRun, history: EventHistory): void {
  app.get('/api/clock', { schema: { tags: ['clock'], summary: 'Sim time and clock mode' } }, async () =>
    clockView(live),
  );
  app.post(
    '/api/clock',
    {
      schema: {
        tags: ['clock'],
        summary:
          'pause | play (at a speed) | fast | step (by a duration) | advance (to a later time) | rewind (to an earlier time)',
        body: {
          type: 'object',
          required: ['action'],
          additionalProperties: false,
          properties: {
            action: { type: 'string', enum: ['pause', 'play', 'fast', 'step', 'advance', 'rewind'] },
            speed: { type: 'string', description: 'sim time per wall second, e.g. 1d/s' },
            by: { type: 'string', description: 'step: how far, e.g. 6h (default 1d, at most 1d)' },
            to: {
              type: 'string',
              description:
                'advance (forward) or rewind (back, dropping what came after): a Beijing date or date-time',
            },
          },
        },
      },
    },
    async (request) => {
      const body = request.body as { action: string; speed?: string; by?: string; to?: string };
      switch (body.action) {
        case 'pause':
          live.pause();
          break;
        case 'play':
          live.play(body.speed ? parseSpeedText(body.speed) : undefined);
          break;
        case 'fast':
          live.fast();
          break;
        case 'step': {
          let ms = 86_400_000;
          if (body.by) {
            try {
              ms = durationToApproxMs(parseDuration(body.by));
            } catch (error) {
              throw new TwinError('InvalidArgument', `by: ${(error as Error).message}`);
            }
          }
          live.step(ms);
          break;
        }
        case 'advance':
          if (!body.to) throw new TwinError('InvalidArgument', 'advance needs `to`: a date or date-time');
          live.advanceTo(timeOf('to', body.to));
          break;
        case 'rewind':
          if (!body.to) throw new TwinError('InvalidArgument', 'rewind needs `to`: a date or date-time');
          live.rewindTo(timeOf('to', body.to));
          break;
      }
      return clockView(live);
    },
  );

  app.get(
    '/api/run',
    { schema: { tags: ['run'], summary: 'The current run: scenario, seed, hash' } },
    async () => runView(live),
  );
  app.post(
    '/api/run',
    {
      preValidation: emptyBodyIsObject,
      schema: {
        tags: ['run'],
        summary:
          'Start another run: the same scenario with another seed, or a scenario document (SCENARIOS.md, as JSON)',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            seed: { type: 'integer', minimum: 0, maximum: 4_294_967_295 },
            scenario: { type: 'object', description: 'a scenario document, as a YAML file would hold it' },
          },
        },
      },
    },
    async (request) => {
      const body = request.body as { seed?: number; scenario?: unknown };
      let scenario = live.scenario;
      if (body.scenario !== undefined) {
        try {
          scenario = parseScenario(body.scenario);
        } catch (error) {
          if (error instanceof ScenarioError)
            throw new TwinError('InvalidArgument', `scenario: ${error.message}`);
          throw error;
        }
      }
      live.start(scenario, body.seed ?? scenario.seed);
      return runView(live);
    },
  );
  app.post(
    '/api/run/fork',
    {
      preValidation: emptyBodyIsObject,
      schema: {
        tags: ['run'],
        summary:
          'A new run from this one at a sim time (default now), with another seed or only other operations to come; this run is kept',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            at: { type: 'string', description: 'a Beijing date or date-time, not after now (default now)' },
            seed: { type: 'integer', minimum: 0, maximum: 4_294_967_295 },
          },
        },
      },
    },
    async (request) => {
      const body = request.body as { at?: string; seed?: number };
      live.fork({
        ...(body.at !== undefined ? { at: timeOf('at', body.at) } : {}),
        ...(body.seed !== undefined ? { seed: body.seed } : {}),
      });
      return runView(live);
    },
  );
  app.get(
    '/api/runs',
    { schema: { tags: ['run'], summary: 'Every run kept: started ones and forks, oldest first' } },
    async () => {
      const current = live.run.id;
      return {
        items: live.runs().map((run) => ({
          ...runIdentity(run),
          name: (run.scenario as { name?: string }).name ?? '',
          createdAt: run.createdAt,
          current: run.id === current,
        })),
      };
    },
  );
  app.post(
    '/api/runs/:id/open',
    {
      preValidation: emptyBodyIsObject,
      schema: {
        tags: ['run'],
        summary: 'Make a kept run the current one, where its clock stood (paused)',
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]{1,9}$' } } },
        body: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async (request) => {
      const id = Number((request.params as { id: string }).id);
      if (!live.openRun(id)) throw notFound(`no run ${id}: GET /api/runs lists them`);
      return runView(live);
    },
  );
  app.get(
    '/api/run/journal',
    {
      schema: {
        tags: ['run'],
        summary: 'Operations accepted from outside, with their sim times, oldest first, paged',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            page: pagingProps.page,
            pageSize: { type: 'string', description: '1 to 10000 (default 1000)' },
          },
        },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 1000 } = pageOf(request.query as Query);
      if (
        !(Number.isInteger(page) && page >= 1) ||
        !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 10_000)
      )
        throw new TwinError('InvalidArgument', 'page is a whole number from 1, pageSize from 1 to 10000');
      return {
        total: live.journalLength(),
        page,
        pageSize,
        items: live
          .journal((page - 1) * pageSize, pageSize)
          .map((entry) => ({ ...entry, at: formatDateTime(entry.t) })),
      };
    },
  );

  app.get(
    '/api/stats',
    { schema: { tags: ['fleet'], summary: 'Counts by status and specific status, pool levels, totals' } },
    async () => fleetStats(live.world),
  );

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['fleet'],
        summary: 'Event history (the most recent 200,000), newest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...pagingProps,
            type: { type: 'string' },
            card: { type: 'string' },
            from: { type: 'string' },
            to: { type: 'string' },
          },
        },
      },
    },
    async (request) => {
      const query = request.query as Query;
      const { page = 1, pageSize = 50 } = pageOf(query);
      if (
        !(Number.isInteger(page) && page >= 1) ||
        !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 1000)
      )
        throw new TwinError('InvalidArgument', 'page is a whole number from 1, pageSize from 1 to 1000');
      return history.query(
        {
          ...(query.type ? { type: query.type } : {}),
          ...(query.card ? { card: query.card } : {}),
          ...timeRangeOf(query),
        },
        page,
        pageSize,
      );
    },
  );

  app.get(
    '/api/vouchers',
    { schema: { tags: ['fleet'], summary: 'Plan vouchers with their cards by status (C1)' } },
    async () => ({
      items: listVouchers(live.world),
    }),
  );
  app.get(
    '/api/vouchers/:code/cards',
    {
      schema: {
        tags: ['fleet'],
        summary: "A voucher's cards (C1), with the card list's filters",
        params: { type: 'object', properties: { code: { type: 'string' } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...pagingProps, ...stringProps(CARD_FILTER_FIELDS) },
        },
      },
    },
    async (request) => {
      const query = request.query as Query;
      return voucherCards(
        live.world,
        (request.params as { code: string }).code,
        pageOf(query),
        cardFilterOf(query),
      );
    },
  );

  app.get('/api/pools', { schema: { tags: ['fleet'], summary: 'Pools and their levels' } }, async () => ({
    items: listPools(live.world),
  }));
  app.get(
    '/api/pools/:id',
    {
      schema: {
        tags: ['fleet'],
        summary: 'A pool, with its level over time',
        params: { type: 'object', properties: { id: { type: 'string' } } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'string', description: 'levels from (Beijing date or date-time)' },
            to: { type: 'string', description: 'levels before' },
          },
        },
      },
    },
    async (request) => {
      const id = (request.params as { id: string }).id;
      if (!live.world.pools.has(id)) throw notFound(`no pool ${JSON.stringify(id)} in this run`);
      const query = request.query as Query;
      return poolDetails(live.world, id, timeRangeOf(query));
    },
  );

  app.get(
    '/api/tags',
    { schema: { tags: ['tags'], summary: 'The tag catalogue (C3) with how many cards carry each' } },
    async () => ({
      items: [...live.world.tagCatalogue].map((tag) => ({
        tag,
        cards: live.world.cards.filter((c) => c.tags.includes(tag)).length,
      })),
    }),
  );
  app.post(
    '/api/tags',
    {
      schema: {
        tags: ['tags'],
        summary: 'Define a tag',
        body: {
          type: 'object',
          required: ['tag'],
          additionalProperties: false,
          properties: { tag: { type: 'string', minLength: 1, maxLength: 32 } },
        },
      },
    },
    async (request) => live.act('tags.define', { tag: (request.body as { tag: string }).tag }, 'rest'),
  );
  app.delete(
    '/api/tags/:tag',
    {
      schema: {
        tags: ['tags'],
        summary: 'Remove a tag from the catalogue (only if no card carries it)',
        params: { type: 'object', properties: { tag: { type: 'string' } } },
      },
    },
    async (request) => live.act('tags.delete', { tag: (request.params as { tag: string }).tag }, 'rest'),
  );

  app.get('/api/rules', { schema: { tags: ['rules'], summary: 'Automation rules (C7)' } }, async () => ({
    items: live.world.rules
      .list()
      .map((rule) => ({ ...rule, triggers: live.world.rules.triggersOf(rule.name).length })),
  }));
  app.post(
    '/api/rules',
    {
      schema: {
        tags: ['rules'],
        summary: 'Add a rule: the body is what a scenario writes under `with` of addRule',
        body: { type: 'object' },
      },
    },
    async (request) => {
      const result = live.perform({ operation: 'addRule', args: request.body, source: 'rest' });
      if (result.refusal) throw new TwinError(result.refusal.code, result.refusal.message);
      return operationResponse(live, result);
    },
  );
  app.delete(
    '/api/rules/:id',
    {
      schema: {
        tags: ['rules'],
        summary: 'Remove a rule by name or id',
        params: { type: 'object', properties: { id: { type: 'string' } } },
      },
    },
    async (request) => {
      const id = (request.params as { id: string }).id;
      const rule = live.world.rules.get(id);
      if (!rule) throw notFound(`no rule ${JSON.stringify(id)}`);
      return operationResponse(
        live,
        live.perform({ operation: 'removeRule', args: { name: rule.name }, source: 'rest' }),
      );
    },
  );
  app.get(
    '/api/rules/:id/triggers',
    {
      schema: {
        tags: ['rules'],
        summary: "A rule's trigger records",
        params: { type: 'object', properties: { id: { type: 'string' } } },
      },
    },
    async (request) => {
      const id = (request.params as { id: string }).id;
      const rule = live.world.rules.get(id);
      if (!rule) throw notFound(`no rule ${JSON.stringify(id)}`);
      return {
        items: live.world.rules.triggersOf(rule.name).map((t) => ({ ...t, at: formatDateTime(t.t) })),
      };
    },
  );

  app.post(
    '/api/exports',
    {
      preValidation: emptyBodyIsObject,
      schema: {
        tags: ['exports'],
        summary: 'Export card details (C8): the body is what a scenario writes under `with` of export',
        body: { type: 'object' },
      },
    },
    async (request) => {
      const result = live.perform({ operation: 'export', args: request.body ?? {}, source: 'rest' });
      if (result.refusal) throw new TwinError(result.refusal.code, result.refusal.message);
      const files = live.world.exportedFiles.list();
      return files[files.length - 1];
    },
  );
  app.get('/api/exports', { schema: { tags: ['exports'], summary: 'Exported Files' } }, async () => ({
    items: live.world.exportedFiles.list(),
  }));
  app.get(
    '/api/exports/:id/download',
    {
      schema: {
        tags: ['exports'],
        summary: 'Download an exported file',
        params: { type: 'object', properties: { id: { type: 'string' } } },
      },
    },
    async (request, reply) => {
      const id = (request.params as { id: string }).id;
      const file = live.world.exportedFiles.get(id);
      if (!file) throw notFound(`no exported file ${JSON.stringify(id)}`);
      if (file.status !== 'done')
        throw new TwinError('StatusNotAllowed', `export ${file.name} is ${file.status}`);
      const sink = live.world.exportedFiles.sink;
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      if (sink instanceof MemorySink) return sink.read(file.name) ?? '';
      if (sink instanceof FolderSink) {
        const { createReadStream } = await import('node:fs');
        return reply.send(createReadStream(sink.pathOf(file.name)));
      }
      throw new TwinError('InvalidArgument', 'this server keeps no files');
    },
  );
  app.delete(
    '/api/exports/:id',
    {
      schema: {
        tags: ['exports'],
        summary: 'Delete an exported file',
        params: { type: 'object', properties: { id: { type: 'string' } } },
      },
    },
    async (request) => live.act('exports.delete', { id: (request.params as { id: string }).id }, 'rest'),
  );

  app.get(
    '/api/ledger',
    {
      schema: {
        tags: ['money'],
        summary: 'Charges (F1), by month, card, pool, reason; with the sum of all matching',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...pagingProps,
            month: { type: 'string' },
            card: { type: 'string' },
            pool: { type: 'string' },
            reason: { type: 'string', enum: [...LEDGER_REASONS] },
            voucher: { type: 'string' },
          },
        },
      },
    },
    async (request) => {
      const query = request.query as Query;
      if (query.month && !/^\d{4}-\d{2}$/.test(query.month))
        throw new TwinError('InvalidArgument', 'month is YYYY-MM');
      return ledgerLines(live.world, {
        ...pageOf(query),
        filter: {
          ...(query.month ? { month: query.month } : {}),
          ...(query.card ? { card: query.card } : {}),
          ...(query.pool ? { pool: query.pool } : {}),
          ...(query.reason ? { reason: query.reason as (typeof LEDGER_REASONS)[number] } : {}),
          ...(query.voucher ? { voucher: query.voucher } : {}),
        },
      });
    },
  );
}
