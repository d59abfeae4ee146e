// The `cardtwin` command line: one entry, one command per file under commands/.
import { EXIT, processIo, UsageError, type CliIo } from './io.ts';
import { version } from './version.ts';

export { version };
import { ScenarioFileError } from './load-scenario.ts';
import { runCommand, runHelp } from './commands/run.ts';
import { serveCommand, serveHelp } from './commands/serve.ts';
import { validateCommand, validateHelp } from './commands/validate.ts';
import { replayCommand, replayHelp } from './commands/replay.ts';
import { diffCommand, diffHelp } from './commands/diff.ts';
import { benchCommand, benchHelp } from './commands/bench.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, { run: Command; summary: string; help: string }> = {
  serve: { run: serveCommand, summary: 'the live twin: server, APIs, viewer', help: serveHelp },
  run: { run: runCommand, summary: 'run scenarios headless and check their expectations', help: runHelp },
  validate: {
    run: validateCommand,
    summary: 'check scenario files without running them',
    help: validateHelp,
  },
  replay: {
    run: replayCommand,
    summary: 're-run a recording; --verify checks it, --until stops early',
    help: replayHelp,
  },
  diff: {
    run: diffCommand,
    summary: 'where two recorded runs part, and what differs at the end',
    help: diffHelp,
  },
  bench: {
    run: benchCommand,
    summary: 'the performance benchmark: the standard fleet through months',
    help: benchHelp,
  },
};

export function helpText(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`);
  return `cardtwin ${version()}: a digital twin of an IoT SIM card platform and its carrier networks

Usage: cardtwin <command> [options]

Commands:
${rows.join('\n')}

Options:
  --help, -h     this help (or: cardtwin <command> --help)
  --version, -v  the version

Exit codes: 0 success, 1 a failed expectation or verification, 2 bad input or usage.`;
}

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.out(helpText());
      return first === undefined ? EXIT.usage : EXIT.ok;
    }
    if (first === '--version' || first === '-v') {
      io.out(version());
      return EXIT.ok;
    }
    const command = commands[first];
    if (command) return await command.run(rest, io);
    if (first.startsWith('-'))
      throw new UsageError(`cardtwin: unknown option ${first} (see cardtwin --help)`);
    throw new UsageError(
      `cardtwin: unknown command "${first}" (commands: ${Object.keys(commands).join(', ')})`,
    );
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScenarioFileError) {
      io.err(error.message);
      return EXIT.usage;
    }
    throw error;
  }
}
