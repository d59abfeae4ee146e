// `cardtwin run <file…>`: runs scenarios headless and prints each run's hash (SCENARIOS.md, Running).
import { intFlag, parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadScenarioFile, type LoadedScenario } from '../load-scenario.ts';
import { parseDateTime, CalendarError, formatDateTime } from '../../sim/time/calendar.ts';
import { World } from '../../sim/world.ts';

export const runHelp = `Usage: cardtwin run <file…> [--seed n] [--until t] [--json]

Runs scenario files (YAML, JSON or TypeScript) as fast as the machine allows and prints each run's
hash. Exit 0 when everything held, 1 when an expectation or step failed, 2 for bad input.

  --seed n     override the scenario's seed
  --until t    stop at this sim time (Beijing time, e.g. 2026-06-01 or 2026-06-01T12:00)
  --json       print machine-readable results instead of text`;

export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', args, {
    seed: { type: 'string' },
    until: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(runHelp);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('cardtwin run: name at least one scenario file');
  const seed = intFlag('run', 'seed', values.seed);
  const until = parseUntil(values.until);
  const loaded: LoadedScenario[] = [];
  for (const file of positionals) loaded.push(await loadScenarioFile(file));

  const results = loaded.map(({ file, scenario }) => {
    const runSeed = seed ?? scenario.seed;
    const world = new World({ name: scenario.name, seed: runSeed, start: scenario.start });
    const end = until ?? scenario.until;
    if (end < scenario.start) throw new UsageError(`cardtwin run: --until is before the start of ${file}`);
    world.runUntil(end);
    return {
      file,
      name: scenario.name,
      seed: runSeed,
      until: formatDateTime(end),
      events: world.eventCount,
      hash: world.hash(),
    };
  });

  if (values.json) {
    io.out(JSON.stringify({ runs: results }, null, 2));
  } else {
    for (const r of results) {
      io.out(`${r.name} (${r.file}, seed ${r.seed}) ran to ${r.until}: ${r.events} events`);
      io.out(`hash: ${r.hash}`);
    }
  }
  return EXIT.ok;
}

function parseUntil(value: string | boolean | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parseDateTime(value);
  } catch (error) {
    if (error instanceof CalendarError) throw new UsageError(`cardtwin run: --until ${error.message}`);
    throw error;
  }
}
