import { describe, expect, it } from 'vitest';
import { ProgressLine, progressEveryMs } from './report/progress.ts';
import { DAY_MS, parseDateTime, WEEK_MS } from '../sim/time/calendar.ts';

const start = parseDateTime('2026-01-01');
const until = parseDateTime('2026-01-11');

function line(columns = 100) {
  const writes: string[] = [];
  let wallMs = 0;
  const progress = new ProgressLine(
    (t) => writes.push(t),
    'A quiet year',
    columns,
    () => wallMs,
  );
  return { writes, progress, at: (ms: number) => (wallMs = ms) };
}

describe('the progress line', () => {
  it('shows the name, the sim date, the share of sim time done and events per wall second', () => {
    const { writes, progress, at } = line();
    at(1000);
    progress.update({ now: start + 4 * DAY_MS, start, until, events: 5000 });
    expect(writes).toEqual(['\rA quiet year  2026-01-05 00:00   40%  5,000 events/s\x1b[K']);
  });

  it('redraws at most ten times a wall second', () => {
    const { writes, progress, at } = line();
    for (const wallMs of [0, 30, 60, 99, 100, 150, 199, 250, 260]) {
      at(wallMs);
      progress.update({ now: start + DAY_MS, start, until, events: 10 });
    }
    expect(writes).toHaveLength(3); // at 0, 100 and 250 ms
  });

  it('is cleared once at the end, and not at all when it was never drawn', () => {
    const { writes, progress } = line();
    progress.clear();
    expect(writes).toEqual([]);
    progress.update({ now: until, start, until, events: 0 });
    progress.clear();
    progress.clear();
    expect(writes.slice(1)).toEqual(['\r\x1b[K']);
    expect(writes[0]).toContain('100%');
  });

  it('fits a narrow terminal', () => {
    const { writes, progress, at } = line(50);
    at(1000);
    progress.update({ now: start, start, until, events: 123_456_789 });
    expect(writes[0]).toBe('\rA quiet year  2026-01-01 00:00    0%  123,456,78…\x1b[K');
  });

  it('reports every sim day, or every week for runs over two years', () => {
    expect(progressEveryMs(365 * DAY_MS)).toBe(DAY_MS);
    expect(progressEveryMs(3 * 365 * DAY_MS)).toBe(WEEK_MS);
  });
});
