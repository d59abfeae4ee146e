// `cardtwin validate <file…>`: checks scenario files without running them.
import { parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadScenarioFile, ScenarioFileError } from '../load-scenario.ts';
import type { Scenario } from '../../sim/scenario/types.ts';

export const validateHelp = `Usage: cardtwin validate <file…>

Checks scenario files against the scenario format and reports every file's first mistake with its
place (file:line:column: path: what is wrong). Exit 0 when all are valid, 2 otherwise.`;

export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, {
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(validateHelp);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('cardtwin validate: name at least one scenario file');
  let invalid = 0;
  for (const file of positionals) {
    try {
      const { scenario } = await loadScenarioFile(file);
      const steps = scenario.steps.length;
      io.out(
        `${file}: valid (${scenario.name}, ${plural(steps, 'step')}, ${plural(cardCount(scenario), 'card')})`,
      );
    } catch (error) {
      if (!(error instanceof ScenarioFileError)) throw error;
      io.err(error.message);
      invalid++;
    }
  }
  return invalid === 0 ? EXIT.ok : EXIT.usage;
}

/** Cards the scenario buys: its fleet and its buy steps. */
function cardCount(scenario: Scenario): number {
  const bought = scenario.steps.map((step) => (step.operation?.do === 'buy' ? step.operation.with.count : 0));
  return [...scenario.fleet.map((entry) => entry.count), ...bought].reduce((sum, n) => sum + n, 0);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
