// C8: the names of exported files. A name can never name a place outside the exported-files store:
// it is one plain file name, so it has no path separator, no `..`, does not start with a dot, and
// holds only letters (any script, CJK included), digits, spaces and `-` `_` `.` `(` `)`. Whatever the
// store is (a folder on disk in cli/ or server/, memory in tests), such a name stays inside it.
//
// Decisions:
// - The name is NFC-normalized first, so a name typed with combining marks and the same name typed
//   precomposed are one name.
// - At most 100 characters as given, before `.csv` is appended when missing (any case: `.CSV` is kept).
// - Leading or trailing spaces and a trailing dot are refused (Windows drops them silently, so two
//   different names would land on one file), and so are Windows device names (CON, NUL, COM1, …).
// - Without a name, one is made from the sim time: `card-details-YYYYMMDD-HHmmss.csv` (Beijing), with
//   `-2`, `-3`, … added when taken. A name the user gave that is taken is refused, not renamed, so
//   that the name asked for is the name found afterwards (a scenario's `export:` expectation).
// - Names are compared without regard to case ("taken"), as on the file systems users download to.
import { TwinError } from '../errors.ts';
import { toCalendar, type SimTime } from '../time/calendar.ts';

export const MAX_FILE_NAME_LENGTH = 100;
export const EXPORT_EXTENSION = '.csv';

const ALLOWED = /^[\p{L}\p{M}\p{Nd} ._()-]$/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

const refuse = (name: string, problem: string): never => {
  throw new TwinError('InvalidFileName', `file name ${JSON.stringify(name)} ${problem}`);
};

/** The problem with a name, or null; names the first thing wrong. */
function problemOf(name: string): string | null {
  const chars = [...name];
  if (chars.length === 0) return 'is empty';
  if (chars.length > MAX_FILE_NAME_LENGTH)
    return `is ${chars.length} characters long; at most ${MAX_FILE_NAME_LENGTH} are allowed`;
  if (name.includes('/') || name.includes('\\')) return 'contains a path separator (/ or \\)';
  if (name.includes('..')) return 'contains ".."';
  if (name.startsWith('.')) return 'starts with a dot';
  if (CONTROL.test(name)) return 'contains a control character';
  if (name.trim() !== name) return 'starts or ends with a space';
  if (name.endsWith('.')) return 'ends with a dot';
  const bad = chars.find((c) => !ALLOWED.test(c));
  if (bad !== undefined)
    return `contains ${JSON.stringify(bad)}; use letters, digits, spaces and - _ . ( ) only`;
  if (WINDOWS_DEVICE.test(name)) return 'is a reserved device name';
  return null;
}

/** A user's file name, checked and with `.csv` appended when missing; InvalidFileName names the problem. */
export function checkFileName(requested: string): string {
  const name = requested.normalize('NFC');
  const problem = problemOf(name);
  if (problem !== null) refuse(requested, problem);
  return name.toLowerCase().endsWith(EXPORT_EXTENSION) ? name : `${name}${EXPORT_EXTENSION}`;
}

/** The key under which names are unique (case-insensitive). */
export const fileNameKey = (name: string): string => name.normalize('NFC').toLowerCase();

/** `card-details-20260401-093000.csv`, from a sim time in Beijing. */
export function defaultFileName(t: SimTime): string {
  const c = toCalendar(t);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `card-details-${c.year}${two(c.month)}${two(c.day)}-${two(c.hour)}${two(c.minute)}${two(c.second)}.csv`;
}

/**
 * The name an export is stored under: the user's (checked; refused when taken) or a default made from
 * the sim time with a counter when taken.
 */
export function exportFileName(
  requested: string | undefined,
  now: SimTime,
  taken: (name: string) => boolean,
): string {
  if (requested !== undefined) {
    const name = checkFileName(requested);
    if (taken(name))
      refuse(requested, 'is taken by another exported file; delete that file or choose another name');
    return name;
  }
  const base = defaultFileName(now);
  if (!taken(base)) return base;
  const stem = base.slice(0, -EXPORT_EXTENSION.length);
  for (let n = 2; ; n++) {
    const name = `${stem}-${n}${EXPORT_EXTENSION}`;
    if (!taken(name)) return name;
  }
}
