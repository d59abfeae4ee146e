// Aligned plain-text columns. Widths are measured on the text itself, so colour is applied after
// padding (through `paint`) and never throws the columns out of line.

export type Align = 'left' | 'right';

export interface TableOptions {
  readonly align?: readonly Align[];
  /** Colours a cell after it is padded; row -1 is the header. */
  readonly paint?: (text: string, row: number, column: number) => string;
  readonly indent?: string;
  readonly gap?: string;
}

export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): string[] {
  const { align = [], paint = (text) => text, indent = '  ', gap = '  ' } = options;
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => width(row[column] ?? ''))));
  return all.map((row, r) => {
    const cells = header.map((_, column) => {
      const text = row[column] ?? '';
      const last = column === header.length - 1;
      const padded = pad(text, widths[column]!, align[column] ?? 'left', last);
      return paint(padded, r - 1, column);
    });
    return `${indent}${cells.join(gap)}`.trimEnd();
  });
}

function pad(text: string, target: number, align: Align, last: boolean): string {
  const fill = ' '.repeat(target - width(text));
  if (align === 'right') return fill + text;
  return last ? text : text + fill;
}

/** Characters as a terminal shows them: a surrogate pair is one. */
export function width(text: string): number {
  return [...text].length;
}

/** At most n characters, with `…` where it was cut. */
export function truncate(text: string, n: number): string {
  const chars = [...text];
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join('')}…`;
}
