// GET /api/run/recording: the live session as a recording (sim/record/recording.ts) that
// `cardtwin replay --verify` re-runs to the same hash: the scenario and seed, every operation that
// came over the APIs with its sim time, the checkpoints, and the end as it stands now.
import type { FastifyInstance } from 'fastify';
import { RECORDING_FORMAT, RECORDING_VERSION } from '../../sim/record/recording.ts';
import type { LiveRun } from '../live-run.ts';

export function recordingLines(
  live: LiveRun,
  twin: string,
  checkpoints: readonly { t: number; events: number; hash: string }[],
): string[] {
  const world = live.world;
  const lines: string[] = [
    JSON.stringify({
      kind: 'header',
      format: RECORDING_FORMAT,
      version: RECORDING_VERSION,
      twin,
      seed: live.run.seed,
      ...(live.run.reseeds?.length ? { reseeds: live.run.reseeds } : {}),
      name: live.scenario.name,
      scenario: live.scenario,
      source: 'live',
      events: false,
    }),
  ];
  for (const entry of live.journal()) {
    lines.push(
      JSON.stringify({
        kind: 'operation',
        seq: entry.seq,
        t: entry.t,
        operation: entry.operation,
        cards: entry.cards,
        args: entry.args,
        argsForm: 'raw',
        by: entry.by,
        source: entry.source,
      }),
    );
  }
  for (const checkpoint of checkpoints) {
    if (checkpoint.t <= world.now()) lines.push(JSON.stringify({ kind: 'checkpoint', ...checkpoint }));
  }
  const cards: Record<string, string> = {};
  for (const card of world.cards) cards[card.iccid] = card.view.specificStatus;
  lines.push(
    JSON.stringify({ kind: 'end', t: world.now(), events: world.eventCount, hash: world.hash(), cards }),
  );
  return lines;
}

export function recordingRoutes(app: FastifyInstance, live: LiveRun, twin: string): void {
  app.get(
    '/api/run/recording',
    {
      schema: { tags: ['run'], summary: 'The session as a recording (NDJSON) for cardtwin replay --verify' },
    },
    async (_request, reply) => {
      reply.header('content-type', 'application/x-ndjson; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="cardtwin-recording.ndjson"');
      return `${recordingLines(live, twin, live.checkpoints()).join('\n')}\n`;
    },
  );
}
