// `--json`: one document with every run's full result, for programs (the only thing on stdout).
import type { RunReport } from './run-report.ts';

export function jsonReport(reports: readonly RunReport[]): string {
  return JSON.stringify(
    {
      passed: reports.every((r) => r.result.passed),
      runs: reports.map(({ file, result, wallMs, reproduce }) => ({
        file,
        ...result,
        wallMs: Math.round(wallMs * 1000) / 1000,
        reproduce,
      })),
    },
    null,
    2,
  );
}
