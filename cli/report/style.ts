// Colour for a terminal only (io.isTerminal); plain text everywhere else, so logs and pipes stay clean.

export interface Style {
  readonly ok: (text: string) => string;
  readonly fail: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const ansi = (code: number) => (text: string) => `\x1b[${code}m${text}\x1b[0m`;

export const colourStyle: Style = { ok: ansi(32), fail: ansi(31), dim: ansi(2), bold: ansi(1) };

const plain = (text: string) => text;
export const plainStyle: Style = { ok: plain, fail: plain, dim: plain, bold: plain };

export function styleFor(isTerminal: boolean): Style {
  return isTerminal ? colourStyle : plainStyle;
}

/** `1,234,567`: counts people read at a glance. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
