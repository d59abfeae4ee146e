// What must hold between a day's totals and its sessions (D1, V6), as a checker that lives beside the
// generator rather than in it (STYLE.md, TigerBeetle): tests run it over many days, and the world's
// own tests can run it on the days it expanded.
import { HOUR_MS } from '../time/calendar.ts';
import type { DaySessions, DayTotals } from './day-traffic.ts';
import type { DeviceProfile } from './profiles.ts';

/** Every way `sessions` breaks the contract with `totals` for `profile`; empty when it holds. */
export function daySessionsProblems(
  sessions: DaySessions,
  totals: DayTotals,
  profile: DeviceProfile,
): string[] {
  const problems: string[] = [];
  const { count, offsetMs, bytes, whitelisted } = sessions;
  if (offsetMs.length !== count || bytes.length !== count || whitelisted.length !== count) {
    problems.push(`arrays of ${offsetMs.length}/${bytes.length}/${whitelisted.length} for ${count} sessions`);
    return problems;
  }
  const fromMs = Math.round(profile.activeHours[0] * HOUR_MS);
  const toMs = Math.max(fromMs + 1, Math.round(profile.activeHours[1] * HOUR_MS));
  let sum = 0;
  let whitelistedSum = 0;
  let whitelistedCount = 0;
  for (let i = 0; i < count; i++) {
    const size = bytes[i]!;
    const offset = offsetMs[i]!;
    if (!Number.isInteger(size) || size < 1) problems.push(`session ${i} has ${size} bytes`);
    if (offset < fromMs || offset >= toMs)
      problems.push(`session ${i} starts at ${offset} ms, outside the hours`);
    if (i > 0 && offset < offsetMs[i - 1]!) problems.push(`session ${i} starts before session ${i - 1}`);
    if (whitelisted[i]! > 1) problems.push(`session ${i} has whitelisted flag ${whitelisted[i]}`);
    sum += size;
    if (whitelisted[i] === 1) {
      whitelistedSum += size;
      whitelistedCount++;
    }
  }
  const otherBytes = totals.totalBytes - totals.whitelistedBytes;
  if (sum !== totals.totalBytes)
    problems.push(`sessions sum to ${sum}, the day's total is ${totals.totalBytes}`);
  if (whitelistedSum !== totals.whitelistedBytes) {
    problems.push(`whitelisted sessions sum to ${whitelistedSum}, the day's is ${totals.whitelistedBytes}`);
  }
  if (totals.totalBytes > 0 && count === 0) problems.push('a day with traffic has no session');
  if (totals.whitelistedBytes > 0 && whitelistedCount === 0)
    problems.push('whitelisted bytes but no such session');
  if (otherBytes > 0 && whitelistedCount === count) problems.push('other bytes but no other session');
  return problems;
}
