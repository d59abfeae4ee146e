// `cardtwin run <file…>`: runs scenarios headless, checks their expectations and reports them as text,
// JSON or JUnit XML (SCENARIOS.md, Running). Every file is loaded before any runs, so a mistake in the
// last one costs no waiting.
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { intFlag, parseCommandArgs } from '../args.ts';
import { EXIT, UsageError, type CliIo } from '../io.ts';
import { loadScenarioFile, type LoadedScenario } from '../load-scenario.ts';
import { jsonReport } from '../report/json.ts';
import { junitReport } from '../report/junit.ts';
import { progressEveryMs, progressWriter, ProgressLine } from '../report/progress.ts';
import { reproduceCommand, type RunReport } from '../report/run-report.ts';
import { styleFor } from '../report/style.ts';
import { summaryText } from '../report/summary.ts';
import { runText } from '../report/text.ts';
import { runScenario } from '../../sim/scenario/runner.ts';
import { Recorder } from '../../sim/record/recording.ts';
import { version } from '../version.ts';
import { CalendarError, formatDateTime, parseDateTime } from '../../sim/time/calendar.ts';

export const runHelp = `Usage: cardtwin run <file…> [--seed n] [--until t] [--json] [--junit f.xml] [--record f.ndjson]

Runs scenario files (YAML, JSON or TypeScript) as fast as the machine allows, prints each
expectation's result, the run's hash and a summary, with the command that reproduces a failed run.
Exit 0 when everything held, 1 when an expectation or step failed, 2 for bad input.

  --seed n       override the scenarios' seeds
  --until t      stop at this sim time (Beijing time, e.g. 2026-06-01 or 2026-06-01T12:00)
  --json         print every run's full result as one JSON document instead of text
  --junit f.xml  also write the results as JUnit XML, for CI
  --record f     write a recording (NDJSON) to replay and verify with cardtwin replay; with several
                 files, f-1.ndjson, f-2.ndjson, …`;

interface RunOptions {
  readonly seed: number | undefined;
  readonly until: number | undefined;
  /** --record: the recording file of each scenario, by its position. */
  readonly record?: (index: number) => string;
}

export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', args, {
    seed: { type: 'string' },
    until: { type: 'string' },
    json: { type: 'boolean' },
    junit: { type: 'string' },
    record: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(runHelp);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('cardtwin run: name at least one scenario file');
  const record = typeof values.record === 'string' ? values.record : undefined;
  const options: RunOptions = {
    seed: intFlag('run', 'seed', values.seed),
    until: parseUntil(values.until),
    ...(record ? { record: recordingFiles(record, positionals.length) } : {}),
  };
  const junitFile = typeof values.junit === 'string' ? checkJunitFile(values.junit) : undefined;
  const loaded: LoadedScenario[] = [];
  for (const file of positionals) loaded.push(await loadScenarioFile(file));
  for (const { file, scenario } of loaded) {
    if (options.until !== undefined && options.until < scenario.start) {
      throw new UsageError(
        `cardtwin run: --until ${formatDateTime(options.until)} is before the start of ${file} (${formatDateTime(scenario.start)})`,
      );
    }
  }

  const style = styleFor(io.isTerminal);
  const reports: RunReport[] = [];
  for (const [index, one] of loaded.entries()) {
    const report = runOne(one, options, io, index);
    reports.push(report);
    if (!values.json) {
      io.out(runText(report, style).join('\n'));
      io.out('');
    }
  }
  if (values.json) io.out(jsonReport(reports));
  else io.out(summaryText(reports, style).join('\n'));
  if (junitFile !== undefined) writeJunit(junitFile, junitReport(reports));
  return reports.every((r) => r.result.passed) ? EXIT.ok : EXIT.failed;
}

function runOne(
  { file, scenario }: LoadedScenario,
  options: RunOptions,
  io: CliIo,
  index: number,
): RunReport {
  const write = progressWriter(io);
  const progress = write ? new ProgressLine(write, scenario.name, process.stderr.columns || 100) : undefined;
  const until = options.until ?? scenario.until;
  const startedMs = performance.now();
  let result;
  const recording = options.record ? openRecording(options.record(index)) : undefined;
  let recorder: Recorder | undefined;
  try {
    result = runScenario(scenario, {
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.until !== undefined ? { until: options.until } : {}),
      ...(progress
        ? { onProgress: (p) => progress.update(p), progressEveryMs: progressEveryMs(until - scenario.start) }
        : {}),
      ...(recording
        ? {
            onWorld: (world) => {
              recorder = new Recorder(world, recording.write, {
                twin: version(),
                seed: world.seed,
                name: scenario.name,
                scenario,
                source: 'scenario',
                file,
                events: true,
              });
            },
            onOperation: (operation) =>
              recorder?.operation({
                t: operation.t,
                operation: operation.operation,
                cards: operation.cards,
                args: operation.args,
                argsForm: 'normalized',
                source: 'scenario',
              }),
          }
        : {}),
    });
    recorder?.end();
  } finally {
    progress?.clear();
    recording?.close();
  }
  return {
    file,
    scenario,
    result,
    wallMs: performance.now() - startedMs,
    ...(options.until !== undefined ? { untilFlag: options.until } : {}),
    reproduce: reproduceCommand(file, result.seed, options.until),
  };
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

/** Checked before anything runs: a long run should not end in "cannot write the report". */
function checkJunitFile(file: string): string {
  const directory = dirname(resolve(file));
  const kind = statKind(directory);
  if (kind !== 'directory') {
    throw new UsageError(
      `cardtwin run: --junit ${file}: ${kind === 'missing' ? 'no such directory' : 'not a directory'}: ${directory}`,
    );
  }
  if (statKind(file) === 'directory') throw new UsageError(`cardtwin run: --junit ${file}: is a directory`);
  return file;
}

function statKind(path: string): 'missing' | 'directory' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

function writeJunit(file: string, xml: string): void {
  try {
    writeFileSync(file, xml);
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new UsageError(`cardtwin run: --junit ${file}: cannot write (${code})`);
  }
}

/** --record f: one file as named, several numbered after it. */
function recordingFiles(file: string, count: number): (index: number) => string {
  const directory = dirname(resolve(file));
  if (statKind(directory) !== 'directory')
    throw new UsageError(`cardtwin run: --record ${file}: no such directory: ${directory}`);
  if (count === 1) return () => file;
  const base = file.replace(/\.ndjson$/i, '');
  return (index) => `${base}-${index + 1}.ndjson`;
}

function openRecording(file: string): { write: (line: string) => void; close: () => void } {
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (error) {
    throw new UsageError(
      `cardtwin run: --record ${file}: cannot write (${(error as { code?: string }).code ?? error})`,
    );
  }
  return { write: (line) => void writeSync(fd, `${line}\n`), close: () => closeSync(fd) };
}
