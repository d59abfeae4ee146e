// The progress line on a terminal: one line on stderr redrawn in place with `\r`, at most ten times a
// second of wall time, and cleared when the run ends. Nothing at all when the output is not a terminal.
import type { RunProgress } from '../../sim/scenario/run-types.ts';
import { DAY_MS, formatShort, WEEK_MS } from '../../sim/time/calendar.ts';
import { processIo, type CliIo } from '../io.ts';
import { formatCount } from './style.ts';
import { truncate } from './table.ts';

const REDRAW_EVERY_MS = 100;
const CLEAR_LINE = '\x1b[K';

export type Write = (text: string) => void;

/**
 * Where the progress line goes, or undefined when it must not be drawn. processIo.err ends every
 * write with a line break, which a line redrawn in place cannot have, so the real stderr is written
 * directly; any other CliIo (a test's) gets the text as it is.
 */
export function progressWriter(io: CliIo): Write | undefined {
  if (!io.isTerminal) return undefined;
  if (io !== processIo) return (text) => io.err(text);
  if (!process.stderr.isTTY) return undefined;
  return (text) => process.stderr.write(text);
}

/** Sim time between progress reports: a day, or a week for runs longer than two years. */
export function progressEveryMs(spanMs: number): number {
  return spanMs > 2 * 365 * DAY_MS ? WEEK_MS : DAY_MS;
}

export class ProgressLine {
  private readonly startedMs: number;
  private drawnMs: number | undefined;
  private drawn = false;

  constructor(
    private readonly write: Write,
    private readonly name: string,
    private readonly columns = 100,
    private readonly wallNow: () => number = () => performance.now(),
  ) {
    this.startedMs = wallNow();
  }

  /** Redraw, unless the last redraw was under a tenth of a second ago. */
  update(progress: RunProgress): void {
    const wallMs = this.wallNow();
    if (this.drawnMs !== undefined && wallMs - this.drawnMs < REDRAW_EVERY_MS) return;
    this.drawnMs = wallMs;
    this.drawn = true;
    this.write(`\r${truncate(this.text(progress, wallMs), Math.max(40, this.columns - 1))}${CLEAR_LINE}`);
  }

  /** Take the line away, so what is printed next starts on a clean line. */
  clear(): void {
    if (this.drawn) this.write(`\r${CLEAR_LINE}`);
    this.drawn = false;
  }

  private text({ now, start, until, events }: RunProgress, wallMs: number): string {
    const span = until - start;
    const percent = span <= 0 ? 100 : Math.min(100, Math.floor(((now - start) / span) * 100));
    const elapsedS = (wallMs - this.startedMs) / 1000;
    const rate = elapsedS >= 0.05 ? `${formatCount(events / elapsedS)} events/s` : '… events/s';
    return `${truncate(this.name, 40)}  ${formatShort(now)}  ${String(percent).padStart(3)}%  ${rate}`;
  }
}
