// The platform's two status levels with their API codes (RULES.md section 3) and the colours the
// viewer paints them in. Suspensions are warm and alarming, one distinct colour per cause, darkest for
// the most serious (S1: abnormal > ID verification > device change > credit control > usage limit >
// manual); the calm statuses are cool or grey so that a suspension stands out at a glance.

export interface StatusInfo {
  readonly name: string;
  readonly code: number;
  readonly colour: string;
  /** A suspension: drawn warm and emphasised when any card has it. */
  readonly alarm: boolean;
}

export const SIM_STATUSES: readonly StatusInfo[] = [
  { name: 'Testable', code: 10, colour: '#0c8599', alarm: false },
  { name: 'Not in use', code: 20, colour: '#8ca0b8', alarm: false },
  { name: 'In use', code: 30, colour: '#2f9e44', alarm: false },
  { name: 'Suspended', code: 35, colour: '#e03131', alarm: true },
  { name: 'Deactivated', code: 40, colour: '#495057', alarm: false },
  { name: 'Canceled', code: 50, colour: '#ced4da', alarm: false },
];

export const SPECIFIC_STATUSES: readonly (StatusInfo & {
  readonly status: string;
  readonly cause?: string;
})[] = [
  { name: 'Test period', code: 10, status: 'Testable', colour: '#0c8599', alarm: false },
  { name: 'Silent period', code: 20, status: 'Not in use', colour: '#8ca0b8', alarm: false },
  { name: 'In use', code: 100, status: 'In use', colour: '#2f9e44', alarm: false },
  { name: 'Partially in use', code: 150, status: 'In use', colour: '#94d82d', alarm: false },
  {
    name: 'Manually suspended',
    code: 200,
    status: 'Suspended',
    cause: 'manual',
    colour: '#fcc419',
    alarm: true,
  },
  {
    name: 'Suspended (usage limit)',
    code: 300,
    status: 'Suspended',
    cause: 'usageLimit',
    colour: '#fd7e14',
    alarm: true,
  },
  {
    name: 'Suspended (credit control)',
    code: 400,
    status: 'Suspended',
    cause: 'creditControl',
    colour: '#f03e3e',
    alarm: true,
  },
  {
    name: 'Suspended (device change)',
    code: 500,
    status: 'Suspended',
    cause: 'deviceChange',
    colour: '#d6336c',
    alarm: true,
  },
  {
    name: 'Suspended (ID verification)',
    code: 600,
    status: 'Suspended',
    cause: 'idVerification',
    colour: '#9c36b5',
    alarm: true,
  },
  {
    name: 'Suspended (abnormal)',
    code: 700,
    status: 'Suspended',
    cause: 'abnormal',
    colour: '#862e2e',
    alarm: true,
  },
  { name: 'Deactivated', code: 40, status: 'Deactivated', colour: '#495057', alarm: false },
  { name: 'Canceled', code: 50, status: 'Canceled', colour: '#ced4da', alarm: false },
];

const specificByName = new Map(SPECIFIC_STATUSES.map((s) => [s.name, s]));
const simByName = new Map(SIM_STATUSES.map((s) => [s.name, s]));

export function specificInfo(name: string): StatusInfo | undefined {
  return specificByName.get(name);
}

export function statusInfo(name: string): StatusInfo | undefined {
  return simByName.get(name);
}

/** The colour of either level's status (specific first: its name is more telling). */
export function colourOf(name: string): string {
  return specificByName.get(name)?.colour ?? simByName.get(name)?.colour ?? '#868e96';
}

/** Causes as the events name them (S2), in the platform's words. */
export const CAUSE_LABELS: Record<string, string> = {
  manual: 'manual suspension',
  usageLimit: 'usage limit',
  creditControl: 'credit control',
  deviceChange: 'device change',
  idVerification: 'ID verification',
  abnormal: 'abnormal (carrier)',
};

export function causeLabel(cause: unknown): string {
  if (typeof cause !== 'string' || cause === '') return '';
  return CAUSE_LABELS[cause] ?? cause.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export const CARRIERS = [
  ['CM', 'China Mobile'],
  ['CU', 'China Unicom'],
  ['CT', 'China Telecom'],
  ['AL', 'Virtual carrier (smart cards)'],
] as const;

/** I1: the carrier an ICCID's issuer code names (CM 00/02/04/07, CU 01/06/09, CT 03/11, AL 08). */
export function carrierOfIccid(iccid: string): string | undefined {
  if (!/^8986\d{16}$/.test(iccid)) return undefined;
  const code = iccid.slice(4, 6);
  if (['00', '02', '04', '07'].includes(code)) return 'CM';
  if (['01', '06', '09'].includes(code)) return 'CU';
  if (['03', '11'].includes(code)) return 'CT';
  if (code === '08') return 'AL';
  return undefined;
}

export const PLAN_TYPES = [
  ['SC', 'SC — single-card'],
  ['SCD', 'SCD — single-card directional'],
  ['SF', 'SF — same-tier pool'],
  ['SFD', 'SFD — same-tier pool directional'],
  ['UP', 'UP — pooled data'],
  ['UPG', 'UPG — pooled directional data'],
] as const;
