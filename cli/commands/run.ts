// `cardtwin run <file…>`: runs scenarios headless, checks their expectations and reports them as text,
// JSON or JUnit XML (SCENARIOS.md, Running). Every file is loaded before any runs, so a mistake in the
// last one costs no waiting.
import { statSync, writeFileSync } from 'node:fs';
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
import { CalendarError, formatDateTime, parseDateTime } from '../../sim/time/calendar.ts';

export const runHelp = `Usage: cardtwin run <file…> [--seed n] [--until t] [--json] [--junit f.xml]

Runs scenario files (YAML, JSON or TypeScript) as fast as the machine allows, prints each
expectation's result, the run's hash and a summary, with the command that reproduces a failed run.
Exit 0 when everything held, 1 when an expectation or step failed, 2 for bad input.

  --seed n       override the scenarios' seeds
  --until t      stop at this sim time (Beijing time, e.g. 2026-06-01 or 2026-06-01T12:00)
  --json         print every run's full result as one JSON document instead of text
  --junit f.xml  also write the results as JUnit XML, for CI`;

interface RunOptions {
  readonly seed: number | undefined;
  readonly until: number | undefined;
}

export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', args, {
    seed: { type: 'string' },
    until: { type: 'string' },
    json: { type: 'boolean' },
    junit: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(runHelp);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('cardtwin run: name at least one scenario file');
  const options: RunOptions = { seed: intFlag('run', 'seed', values.seed), until: parseUntil(values.until) };
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
  for (const one of loaded) {
    const report = runOne(one, options, io);
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

function runOne({ file, scenario }: LoadedScenario, options: RunOptions, io: CliIo): RunReport {
  const write = progressWriter(io);
  const progress = write ? new ProgressLine(write, scenario.name, process.stderr.columns || 100) : undefined;
  const until = options.until ?? scenario.until;
  const startedMs = performance.now();
  let result;
  try {
    result = runScenario(scenario, {
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.until !== undefined ? { until: options.until } : {}),
      ...(progress
        ? { onProgress: (p) => progress.update(p), progressEveryMs: progressEveryMs(until - scenario.start) }
        : {}),
    });
  } finally {
    progress?.clear();
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
