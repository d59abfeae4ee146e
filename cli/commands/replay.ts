// `cardtwin replay <recording> [--until t] [--verify] [--json]`: re-runs a recording exactly; with
// --verify, checks every recorded event and checkpoint and reports the first divergence; with
// --until, stops at that sim time and shows the fleet there.
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { readRecording } from '../recording-file.ts';
import { RecordingError } from '../../sim/record/recording.ts';
import { replayRecording } from '../../sim/record/replay.ts';
import { CONSOLE_ACTIONS } from '../../server/console-actions.ts';
import '../../server/rpc/index.ts';
import { fleetStats } from '../../sim/queries/stats.ts';
import { listCards } from '../../sim/queries/cardList.ts';
import { CalendarError, formatDateTime, parseDateTime } from '../../sim/time/calendar.ts';

export const replayHelp = `Usage: cardtwin replay <recording.ndjson> [--until t] [--verify] [--json]

Re-runs a recording made by cardtwin run --record or by a server (GET /api/run/recording): the same
scenario, seed and outside operations at their sim times.

  --verify     compare every event and checkpoint with the recording; report where they part (exit 1)
  --until t    stop at this sim time (Beijing time) and show the fleet there
  --json       machine-readable output (with --until: the statistics and every card's row)`;

export async function replayCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('replay', args, {
    until: { type: 'string' },
    verify: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(replayHelp);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('cardtwin replay: name one recording file');
  const file = positionals[0]!;
  const lines = readRecording('replay', file);
  let until: number | undefined;
  if (typeof values.until === 'string') {
    try {
      until = parseDateTime(values.until);
    } catch (error) {
      if (error instanceof CalendarError) throw new UsageError(`cardtwin replay: --until ${error.message}`);
      throw error;
    }
  }
  let result: ReturnType<typeof replayRecording>;
  try {
    result = replayRecording(lines, {
      verify: Boolean(values.verify),
      ...(until !== undefined ? { until } : {}),
      // A live session's recording may hold the server's own journaled actions.
      actions: CONSOLE_ACTIONS,
    });
  } catch (error) {
    if (error instanceof RecordingError) throw new UsageError(`cardtwin replay: ${file}: ${error.message}`);
    throw error;
  }
  const diverged = result.divergence !== undefined;
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          name: result.name,
          seed: result.seed,
          until: formatDateTime(result.until),
          events: result.events,
          hash: result.hash,
          ...(result.recordedHash ? { recordedHash: result.recordedHash } : {}),
          verified: values.verify ? !diverged : undefined,
          divergence: result.divergence
            ? { ...result.divergence, at: formatDateTime(result.divergence.t) }
            : undefined,
          ...(until !== undefined
            ? { stats: fleetStats(result.world), cards: listCards(result.world, { pageSize: 1000 }).items }
            : {}),
        },
        null,
        2,
      ),
    );
    return diverged ? EXIT.failed : EXIT.ok;
  }
  io.out(
    `${result.name} (seed ${result.seed}) replayed to ${formatDateTime(result.until)}: ${result.events} events`,
  );
  if (values.verify) {
    if (result.divergence) {
      const d = result.divergence;
      io.out(`DIVERGED at ${formatDateTime(d.t)}${d.seq ? `, event ${d.seq}` : ''} (${d.kind}):`);
      io.out(`  recorded: ${d.recorded}`);
      io.out(`  replayed: ${d.replayed}`);
    } else {
      io.out(
        `verified: ${result.checkedEvents} events and ${result.checkedCheckpoints} checkpoints match the recording${result.recordedHash ? ', and the final hash' : ''}`,
      );
    }
  }
  if (until !== undefined) {
    const stats = fleetStats(result.world);
    io.out(`fleet at ${formatDateTime(result.world.now())}: ${stats.total} cards`);
    for (const [status, count] of Object.entries(stats.bySpecificStatus))
      if (count > 0) io.out(`  ${status.padEnd(28)} ${count}`);
    for (const pool of stats.pools) io.out(`  pool ${pool.id}: ${pool.usedMB} of ${pool.sizeMB} MB used`);
  }
  io.out(`hash: ${result.hash}`);
  return diverged ? EXIT.failed : EXIT.ok;
}
