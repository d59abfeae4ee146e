// Clock speeds as users write them: sim time per wall second, `1d/s`, `6h/s`, `1mo/s`.
import { DurationError, durationToApproxMs, parseDuration } from '../sim/time/duration.ts';
import { UsageError } from './io.ts';

export function parseSpeed(command: string, text: string): number {
  const match = /^(.+)\/s$/.exec(text.trim());
  try {
    if (!match)
      throw new DurationError(`"${text}" is not a speed (write sim time per second, e.g. 1d/s, 6h/s, 1mo/s)`);
    const ms = durationToApproxMs(parseDuration(match[1]!));
    if (ms <= 0) throw new DurationError(`"${text}": a speed must be more than 0`);
    return ms;
  } catch (error) {
    if (error instanceof DurationError) throw new UsageError(`cardtwin ${command}: --speed ${error.message}`);
    throw error;
  }
}
