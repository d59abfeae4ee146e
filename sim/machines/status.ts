// The two status levels of RULES.md section 3, with their API codes, and the suspension causes of S1.
// This file is the one place the platform's names and codes are written down.

/** SIM card status (API `Status`). */
export const SIM_STATUSES = {
  Testable: 10,
  'Not in use': 20,
  'In use': 30,
  Suspended: 35,
  Deactivated: 40,
  Canceled: 50,
} as const;
export type SimStatus = keyof typeof SIM_STATUSES;
export type SimStatusCode = (typeof SIM_STATUSES)[SimStatus];

/** Specific status (API `OsStatus`). */
export const SPECIFIC_STATUSES = {
  'Test period': 10,
  'Silent period': 20,
  'In use': 100,
  'Partially in use': 150,
  'Manually suspended': 200,
  'Suspended (usage limit)': 300,
  'Suspended (credit control)': 400,
  'Suspended (device change)': 500,
  'Suspended (ID verification)': 600,
  'Suspended (abnormal)': 700,
  Deactivated: 40,
  Canceled: 50,
} as const;
export type SpecificStatus = keyof typeof SPECIFIC_STATUSES;
export type SpecificStatusCode = (typeof SPECIFIC_STATUSES)[SpecificStatus];

/** Which SIM card status each specific status belongs to (section 3's table). */
export const STATUS_OF_SPECIFIC: Record<SpecificStatus, SimStatus> = {
  'Test period': 'Testable',
  'Silent period': 'Not in use',
  'In use': 'In use',
  'Partially in use': 'In use',
  'Manually suspended': 'Suspended',
  'Suspended (usage limit)': 'Suspended',
  'Suspended (credit control)': 'Suspended',
  'Suspended (device change)': 'Suspended',
  'Suspended (ID verification)': 'Suspended',
  'Suspended (abnormal)': 'Suspended',
  Deactivated: 'Deactivated',
  Canceled: 'Canceled',
};

/**
 * S1: suspension causes, least serious first. A card holds a set of them (a bitmask, to keep
 * actor context small) and shows the most serious.
 */
export const SUSPENSION_CAUSES = [
  'manual',
  'usageLimit',
  'creditControl',
  'deviceChange',
  'idVerification',
  'abnormal',
] as const;
export type SuspensionCause = (typeof SUSPENSION_CAUSES)[number];

export const CAUSE_SPECIFIC_STATUS: Record<SuspensionCause, SpecificStatus> = {
  manual: 'Manually suspended',
  usageLimit: 'Suspended (usage limit)',
  creditControl: 'Suspended (credit control)',
  deviceChange: 'Suspended (device change)',
  idVerification: 'Suspended (ID verification)',
  abnormal: 'Suspended (abnormal)',
};

export const causeBit = (cause: SuspensionCause): number => 1 << SUSPENSION_CAUSES.indexOf(cause);

export function causesOf(mask: number): SuspensionCause[] {
  return SUSPENSION_CAUSES.filter((cause) => (mask & causeBit(cause)) !== 0);
}

/** S1: the most serious cause in the set, or undefined for none. */
export function topCause(mask: number): SuspensionCause | undefined {
  for (let i = SUSPENSION_CAUSES.length - 1; i >= 0; i--) if (mask & (1 << i)) return SUSPENSION_CAUSES[i];
  return undefined;
}

/** Activation types of the API (L3, L4). */
export type ActivationType = 'manage' | 'first_data_record' | 'silence_expire';

/** Parse a status as scenarios write it: the seed's name or the API code, either level. */
export function parseStatusName(
  text: string | number,
): { level: 'status'; status: SimStatus } | { level: 'specific'; specific: SpecificStatus } | undefined {
  const key = String(text).trim();
  for (const [name, code] of Object.entries(SPECIFIC_STATUSES)) {
    if (name === key && !(name in SIM_STATUSES))
      return { level: 'specific', specific: name as SpecificStatus };
    if (String(code) === key && !Object.values(SIM_STATUSES).includes(code as SimStatusCode)) {
      return { level: 'specific', specific: name as SpecificStatus };
    }
  }
  for (const [name, code] of Object.entries(SIM_STATUSES)) {
    if (name === key || String(code) === key) return { level: 'status', status: name as SimStatus };
  }
  return undefined;
}
