// Shared by the command line's tests: temp scenario files and runCli with a fake terminal or pipe.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

export function tempDir(prefix = 'cardtwin-cli-'): {
  dir: string;
  file: (name: string, text: string) => string;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}

export interface CliResult {
  readonly code: number;
  /** Everything written to stdout, one write a line. */
  readonly out: string;
  readonly err: string;
  /** The writes to stderr exactly as they were made. */
  readonly errWrites: readonly string[];
}

export async function cli(argv: string[], { isTerminal = false } = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), isTerminal };
  const code = await runCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), errWrites: err };
}

/** A scenario of `count` CM cards ordered at the start, left silent until L4 activates them on 2026-08-01. */
export function silentFleet({
  name = 'Five meters',
  count = 5,
  expectCount = count,
  cancel = false,
}: { name?: string; count?: number; expectCount?: number; cancel?: boolean } = {}): string {
  const cancelStep = cancel
    ? `  - at: 2026-02-03\n    do: requestCancellation\n    cards: { group: meters }\n`
    : '';
  return `name: ${JSON.stringify(name)}
seed: 11
start: 2026-01-15
until: 2026-09-01
fleet:
  - group: meters
    count: ${count}
    voucher: CM_SC_M_1_100M
    ordered: 2026-01-15
steps:
${cancelStep}  - at: 2026-08-01
    expect:
      - cards: { group: meters }
        specificStatus: In use
        activationType: silence_expire
        count: ${expectCount}
`;
}
