// `--junit f.xml`: the runs as JUnit XML for CI. One <testsuite> per scenario, one <testcase> per
// expectation (and per expectation cut off by --until, skipped), one per failed step.
import type { ExpectationResult, StepFailure } from '../../sim/scenario/run-types.ts';
import { formatDateTime } from '../../sim/time/calendar.ts';
import { stepOperation, stepsNotRun, type RunReport } from './run-report.ts';
import { el, xmlDocument, type XmlElement } from './xml.ts';

/** Cards written under a failed step: enough to see the pattern, not a whole fleet. */
const JUNIT_CARDS_LISTED = 100;

export function junitReport(reports: readonly RunReport[]): string {
  const suites = reports.map(testSuite);
  const sum = (key: 'tests' | 'failures' | 'skipped') =>
    suites.reduce((n, suite) => n + Number(suite.attributes[key]), 0);
  const wallMs = reports.reduce((n, r) => n + r.wallMs, 0);
  return xmlDocument(
    el(
      'testsuites',
      {
        name: 'cardtwin run',
        tests: sum('tests'),
        failures: sum('failures'),
        errors: 0,
        skipped: sum('skipped'),
        time: seconds(wallMs),
      },
      suites,
    ),
  );
}

function testSuite(report: RunReport): XmlElement {
  const { result, file } = report;
  const expectations = result.expectations.map((e) => expectationCase(report, e));
  const steps = result.stepFailures.map((f) => stepCase(report, f));
  const skipped = stepsNotRun(report).flatMap((step) =>
    step.expect.map((e) =>
      el('testcase', { classname: file, name: `${e.path}: not run` }, [
        el('skipped', { message: `after --until ${formatDateTime(result.until)}` }),
      ]),
    ),
  );
  const failures = result.expectations.filter((e) => !e.passed).length + result.stepFailures.length;
  return el(
    'testsuite',
    {
      name: result.name,
      tests: expectations.length + steps.length + skipped.length,
      failures,
      errors: 0,
      skipped: skipped.length,
      time: seconds(report.wallMs),
    },
    [
      el('properties', {}, [
        el('property', { name: 'seed', value: result.seed }),
        el('property', { name: 'file', value: file }),
        el('property', { name: 'hash', value: result.hash }),
        el('property', { name: 'reproduce', value: report.reproduce }),
      ]),
      ...expectations,
      ...steps,
      ...skipped,
    ],
  );
}

function expectationCase(report: RunReport, e: ExpectationResult): XmlElement {
  const testcase = { classname: report.file, name: `${e.path}: ${e.description}` };
  if (e.passed) return el('testcase', testcase);
  const body = [
    `expected: ${e.expected}`,
    `found:    ${e.found}`,
    `sim time: ${formatDateTime(e.at)}`,
    `step:     steps[${e.step}] (${stepOperation(report.scenario, e.step)})`,
    `reproduce: ${report.reproduce}`,
  ].join('\n');
  const message = `expected ${e.expected}, found ${e.found}`;
  return el('testcase', testcase, [el('failure', { message, type: 'ExpectationFailed' }, body)]);
}

function stepCase(report: RunReport, f: StepFailure): XmlElement {
  const cards = f.cards.slice(0, JUNIT_CARDS_LISTED).map((c) => `${c.card} ${c.code}: ${c.message}`);
  if (f.cards.length > JUNIT_CARDS_LISTED) cards.push(`… and ${f.cards.length - JUNIT_CARDS_LISTED} more`);
  const body = [
    `reason:   ${f.reason}`,
    `sim time: ${formatDateTime(f.at)}`,
    `step:     ${f.path} (${f.operation})`,
    ...(cards.length > 0 ? ['cards:', ...cards.map((line) => `  ${line}`)] : []),
    `reproduce: ${report.reproduce}`,
  ].join('\n');
  return el('testcase', { classname: report.file, name: `${f.path}: ${f.operation}` }, [
    el('failure', { message: f.reason, type: 'StepFailed' }, body),
  ]);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
