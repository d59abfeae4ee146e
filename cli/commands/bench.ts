// `cardtwin bench [--cards n] [--months m] [--json]`: the standard fleet (sim/bench/standard-fleet.ts)
// through m months as fast as this machine allows; what it took, in the terms of the performance
// issue: card-days per second, lifecycle events per second, peak memory, and the run hash (the same
// on every run with the same seed).
import { runScenario } from '../../sim/scenario/runner.ts';
import { standardFleet } from '../../sim/bench/standard-fleet.ts';
import { intFlag, parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';

export const benchHelp = `Usage: cardtwin bench [--cards n] [--months m] [--seed s] [--json]

Runs the standard fleet (every carrier and plan type, smart cards, devices from idle to camera,
test periods, usage limits, automatic renewal, IMEI swaps, abnormal suspensions, pools) through m
months (default 12) as fast as possible. Presets: --cards 10000 (default), 100000, 1000000.

Prints cards and sub-cards, sim days, wall seconds, card-days per second (cards × sim days / wall
seconds), lifecycle events per second (status changes), total events, peak RSS, heap used, and the
run hash: the same seed gives the same hash on every run and machine.`;

export async function benchCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('bench', args, {
    cards: { type: 'string' },
    months: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(benchHelp);
    return EXIT.ok;
  }
  const cards = intFlag('bench', 'cards', values.cards, 1) ?? 10_000;
  const months = intFlag('bench', 'months', values.months, 1) ?? 12;
  if (months > 120) throw new UsageError('cardtwin bench: --months is at most 120');
  const seed = intFlag('bench', 'seed', values.seed) ?? 1;
  const scenario = standardFleet({ cards, months, seed });
  let statusEvents = 0;
  const startedMs = performance.now();
  const result = runScenario(scenario, {
    onWorld: (world) => {
      world.events$.subscribe((event) => {
        if (event.type === 'card.status') statusEvents++;
      });
    },
  });
  const wallSeconds = (performance.now() - startedMs) / 1000;
  const simDays = Math.round((scenario.until - scenario.start) / 86_400_000);
  const subCards = scenario.fleet
    .filter((f) => f.voucher.carrier === 'AL')
    .reduce((n, f) => n + f.count * 3, 0);
  const memory = process.memoryUsage();
  const figures = {
    cards: result.cards,
    subCards,
    simDays,
    wallSeconds: round(wallSeconds, 2),
    cardDaysPerSecond: Math.round((result.cards * simDays) / wallSeconds),
    lifecycleEventsPerSecond: Math.round(statusEvents / wallSeconds),
    lifecycleEvents: statusEvents,
    totalEvents: result.events,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapUsedMB: Math.round(memory.heapUsed / 2 ** 20),
    hash: result.hash,
  };
  if (values.json) {
    io.out(JSON.stringify(figures, null, 2));
    return EXIT.ok;
  }
  const rows: [string, string][] = [
    ['cards', `${figures.cards.toLocaleString('en')} (${figures.subCards.toLocaleString('en')} sub-cards)`],
    ['sim days', String(figures.simDays)],
    ['wall seconds', figures.wallSeconds.toFixed(2)],
    ['card-days / s', figures.cardDaysPerSecond.toLocaleString('en')],
    [
      'lifecycle events / s',
      `${figures.lifecycleEventsPerSecond.toLocaleString('en')} (${figures.lifecycleEvents.toLocaleString('en')} status changes)`,
    ],
    ['total events', figures.totalEvents.toLocaleString('en')],
    ['peak RSS', `${figures.peakRssMB.toLocaleString('en')} MB`],
    ['heap used', `${figures.heapUsedMB.toLocaleString('en')} MB`],
  ];
  io.out(scenario.name);
  for (const [label, value] of rows) io.out(`  ${label.padEnd(22)} ${value}`);
  io.out(`hash: ${figures.hash}`);
  return EXIT.ok;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
