// The summary after every run: one row per scenario, then how to reproduce each failed one.
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../sim/time/calendar.ts';
import { expectationCounts, type RunReport } from './run-report.ts';
import { formatCount, type Style } from './style.ts';
import { table, truncate } from './table.ts';

const NAME_WIDTH = 48;

export function summaryText(reports: readonly RunReport[], style: Style): string[] {
  const rows = reports.map(({ result, wallMs }) => {
    const { passed, total } = expectationCounts(result);
    return [
      truncate(result.name, NAME_WIDTH),
      result.passed ? 'passed' : 'FAILED',
      `${passed}/${total}`,
      formatCount(result.stepFailures.length),
      formatCount(result.events),
      formatSpan(result.until - result.start),
      (wallMs / 1000).toFixed(2),
    ];
  });
  const lines = [
    style.bold('Summary'),
    ...table(['scenario', 'result', 'expectations', 'step failures', 'events', 'sim span', 'wall s'], rows, {
      align: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
      paint: (text, row, column) => {
        if (row < 0) return style.dim(text);
        if (column !== 1) return text;
        return reports[row]!.result.passed ? style.ok(text) : style.fail(text);
      },
    }),
    '',
  ];
  const failed = reports.filter((r) => !r.result.passed);
  const count = reports.length === 1 ? 'the scenario' : `${reports.length} scenarios`;
  if (failed.length === 0) {
    lines.push(style.ok(reports.length === 1 ? 'The scenario passed.' : `All ${count} passed.`));
    return lines;
  }
  const which = reports.length === 1 ? 'The scenario' : `${failed.length} of ${count}`;
  lines.push(style.fail(`${which} FAILED.`) + ' To reproduce:');
  for (const report of failed) lines.push(`  ${report.reproduce}`);
  return lines;
}

/** A stretch of sim time for people: `229 d`, `6 h`, `1 d 12 h`. */
export function formatSpan(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  const minutes = Math.floor((ms % HOUR_MS) / MINUTE_MS);
  const parts = [
    days > 0 ? `${days} d` : '',
    hours > 0 ? `${hours} h` : '',
    minutes > 0 && days === 0 ? `${minutes} min` : '',
  ];
  return parts.filter(Boolean).join(' ') || '0';
}
