// Where the command line writes. Passed in, so tests can run commands without a terminal.
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal: progress bars and colour only then. */
  readonly isTerminal: boolean;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  isTerminal: Boolean(process.stdout.isTTY),
};

/** A mistake of the user's: one line on stderr, exit 2, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
