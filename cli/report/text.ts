// The text report of one scenario run (SCENARIOS.md, Running): a header, every expectation's result
// with what was expected and found when it failed, the step failures with their cards, and the hash.
import type { ExpectationResult, StepCardFailure, StepFailure } from '../../sim/scenario/run-types.ts';
import { formatDateTime } from '../../sim/time/calendar.ts';
import { stepOperation, stepsNotRun, type RunReport } from './run-report.ts';
import { formatCount, type Style } from './style.ts';

/** Cards listed under a failed step; the rest are counted. */
export const CARDS_LISTED = 10;

const DETAIL = ' '.repeat(10);

export function runText(report: RunReport, style: Style): string[] {
  const { file, result } = report;
  const lines = [
    style.bold(`${result.name} (${file}, seed ${result.seed})`),
    `  ran to ${formatDateTime(result.until)}: ${formatCount(result.events)} events, ` +
      `${formatCount(result.cards)} cards, ${(report.wallMs / 1000).toFixed(2)} s`,
  ];
  const pathWidth = Math.max(0, ...result.expectations.map((e) => e.path.length));
  for (const expectation of result.expectations)
    lines.push(...expectationText(report, expectation, pathWidth, style));
  if (result.expectations.length === 0) lines.push(style.dim('  (no expectations)'));
  for (const failure of result.stepFailures) lines.push(...stepFailureText(failure, pathWidth, style));
  const skipped = stepsNotRun(report);
  if (skipped.length > 0) {
    const expectations = skipped.reduce((n, step) => n + step.expect.length, 0);
    lines.push(
      style.dim(
        `  not run: ${plural(skipped.length, 'step')} after --until (${plural(expectations, 'expectation')}), ` +
          `from ${skipped[0]!.path}`,
      ),
    );
  }
  lines.push(`hash: ${result.hash}`);
  return lines;
}

function expectationText(report: RunReport, e: ExpectationResult, pathWidth: number, style: Style): string[] {
  const head = `  ${e.passed ? style.ok('ok  ') : style.fail('FAIL')}  ${e.path.padEnd(pathWidth)}  ${e.description}`;
  if (e.passed) return [head];
  return [
    head,
    ...details([
      ['expected', e.expected],
      ['found', e.found],
      ['sim time', formatDateTime(e.at)],
      ['step', `steps[${e.step}] (${stepOperation(report.scenario, e.step)})`],
    ]),
  ];
}

function stepFailureText(failure: StepFailure, pathWidth: number, style: Style): string[] {
  return [
    `  ${style.fail('FAIL')}  ${failure.path.padEnd(pathWidth)}  ${failure.reason}`,
    ...details([
      ['sim time', formatDateTime(failure.at)],
      ['step', `${failure.path} (${failure.operation})`],
    ]),
    ...cardsText(failure.cards),
  ];
}

function details(rows: [label: string, value: string][]): string[] {
  return rows.map(([label, value]) => `${DETAIL}${label.padEnd(9)} ${value}`);
}

/**
 * The failed cards grouped by code and message (the message with its card's ICCID taken out reads the
 * same for every card of a group), each group with its first cards, at most CARDS_LISTED in all.
 */
function cardsText(cards: readonly StepCardFailure[]): string[] {
  const groups = new Map<string, { code: string; message: string; cards: string[] }>();
  for (const card of cards) {
    const message = card.message.replace(`card ${card.card}`, 'card');
    const key = `${card.code}\n${message}`;
    const group = groups.get(key) ?? { code: card.code, message, cards: [] };
    group.cards.push(card.card);
    groups.set(key, group);
  }
  const lines: string[] = [];
  let budget = CARDS_LISTED;
  for (const group of groups.values()) {
    const message = group.message ? `: ${group.message}` : '';
    lines.push(`${DETAIL}${group.code} on ${plural(group.cards.length, 'card')}${message}`);
    const listed = group.cards.slice(0, Math.max(1, budget));
    budget -= listed.length;
    for (const iccid of listed) lines.push(`${DETAIL}  ${iccid}  ${group.code}`);
    const more = group.cards.length - listed.length;
    if (more > 0) lines.push(`${DETAIL}  … and ${more} more`);
  }
  return lines;
}

export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}
